// A table's StreamArn exists only once DynamoDB Local has created the table (it names the
// creation time): read it back with DescribeTable, keyed as the reference resolver's physicalIds
// expect `Fn::GetAtt <Table>.StreamArn`.
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { resourcesOfType } from '../../template/cloudFormation.ts';
import type { CfnTemplate } from '../../template/cloudFormation.ts';
import { createLocalReferenceResolver } from '../../template/localReferences.ts';

/** `{ '<TableLogicalId>.StreamArn': LatestStreamArn }` for every stream-enabled table of the template (tables must exist). */
export async function localStreamArns(client: DynamoDBClient, template: CfnTemplate): Promise<Record<string, string>> {
  const refs = createLocalReferenceResolver(template);
  const ids: Record<string, string> = {};
  for (const [logicalId, resource] of resourcesOfType(template, 'AWS::DynamoDB::Table')) {
    const stream = resource.Properties?.StreamSpecification as { StreamViewType?: unknown } | undefined;
    if (stream?.StreamViewType === undefined) continue;
    const tableName = String(refs(logicalId, undefined));
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.LatestStreamArn) ids[`${logicalId}.StreamArn`] = Table.LatestStreamArn;
  }
  return ids;
}
