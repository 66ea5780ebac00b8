import type { CreateTableCommandInput, StreamViewType } from '@aws-sdk/client-dynamodb';
import { resourcesOfType } from './cloudFormation.ts';
import type { CfnTemplate } from './cloudFormation.ts';
import type { ReferenceResolver } from './resolveIntrinsics.ts';
import { propertyReader } from './resolveProperty.ts';

type GlobalSecondaryIndexes = NonNullable<CreateTableCommandInput['GlobalSecondaryIndexes']>;

/** The CreateTable requests that recreate the template's DynamoDB tables (keys, indexes, billing, streams) locally. */
export function extractTables(template: CfnTemplate, resolver: ReferenceResolver): CreateTableCommandInput[] {
  return resourcesOfType(template, 'AWS::DynamoDB::Table').map(([logicalId, resource]) => {
    const read = propertyReader(logicalId, resource, resolver);
    const billingMode = read.optional<'PAY_PER_REQUEST' | 'PROVISIONED'>('BillingMode') ?? 'PROVISIONED';
    const provisioned = read.optional<CreateTableCommandInput['ProvisionedThroughput']>('ProvisionedThroughput');
    const indexes = read.optional<GlobalSecondaryIndexes>('GlobalSecondaryIndexes');
    const stream = read.optional<{ StreamViewType?: StreamViewType }>('StreamSpecification');
    const input: CreateTableCommandInput = {
      TableName: read.optional<string>('TableName') ?? logicalId,
      KeySchema: read.required('KeySchema'),
      AttributeDefinitions: read.required('AttributeDefinitions'),
      BillingMode: billingMode,
    };
    if (billingMode === 'PROVISIONED') input.ProvisionedThroughput = provisioned;
    if (indexes?.length) {
      input.GlobalSecondaryIndexes = indexes.map((index) => ({
        IndexName: index.IndexName,
        KeySchema: index.KeySchema,
        Projection: index.Projection,
        ...(billingMode === 'PROVISIONED' ? { ProvisionedThroughput: index.ProvisionedThroughput } : {}),
      }));
    }
    const localIndexes = read.optional<CreateTableCommandInput['LocalSecondaryIndexes']>('LocalSecondaryIndexes');
    if (localIndexes?.length) input.LocalSecondaryIndexes = localIndexes;
    if (stream?.StreamViewType)
      input.StreamSpecification = { StreamEnabled: true, StreamViewType: stream.StreamViewType };
    return input;
  });
}
