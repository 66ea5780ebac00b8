import { Stack } from 'aws-cdk-lib';
import { BackedDataSource } from 'aws-cdk-lib/aws-appsync';
import type { IGraphqlApi } from 'aws-cdk-lib/aws-appsync';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';

export interface KeyAccessDataSourceProps {
  api: IGraphqlApi;
  /** The table the data source names (requests without a `table` go there). */
  table: ITable;
  /** Every table its requests may touch: a TransactWriteItems names other tables too. */
  reachableTables: ITable[];
}

/** The item operations resolvers use: key reads, the links Query, and the parts of TransactWriteItems. */
export const KEY_ACCESS_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:ConditionCheckItem',
];

/**
 * An AppSync DynamoDB data source whose role may do only KEY_ACCESS_ACTIONS on the tables
 * themselves. CDK's own DynamoDbDataSource always grants read-write data access, which includes
 * Scan, batch operations and stream reads (docs/architecture.md §3: no Scan anywhere).
 */
export class KeyAccessDataSource extends BackedDataSource {
  constructor(scope: Construct, id: string, props: KeyAccessDataSourceProps) {
    super(
      scope,
      id,
      { api: props.api, name: id },
      {
        type: 'AMAZON_DYNAMODB',
        dynamoDbConfig: { tableName: props.table.tableName, awsRegion: Stack.of(props.table).region },
      },
    );
    this.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: KEY_ACCESS_ACTIONS,
        resources: props.reachableTables.map((table) => table.tableArn),
      }),
    );
  }
}
