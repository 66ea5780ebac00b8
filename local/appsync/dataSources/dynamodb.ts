// The AppSync DynamoDB data source: executes the request object a resolver's request handler
// returns (hand-written or built with @aws-appsync/utils/dynamodb) against DynamoDB and answers
// with ctx.result / ctx.error as AppSync does (docs/appsync-facts.md §2).
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DataSource, DataSourceOutcome } from '../runtime/contract.ts';
import { batchDeleteItem, batchGetItem, batchPutItem } from './dynamodbBatchOperations.ts';
import { InvalidRequestObjectError, toDataSourceError } from './dynamodbErrors.ts';
import { deleteItem, getItem, putItem, updateItem } from './dynamodbItemOperations.ts';
import { query, scan } from './dynamodbQueryScan.ts';
import { objectField } from './dynamodbRequestFields.ts';
import type { DynamoDbTarget, RequestObject } from './dynamodbRequestFields.ts';
import { transactGetItems, transactWriteItems } from './dynamodbTransactions.ts';

export type { CancellationReason } from './dynamodbTransactions.ts';

type Operation = (request: RequestObject, target: DynamoDbTarget) => Promise<DataSourceOutcome>;

const OPERATIONS: Record<string, Operation> = {
  GetItem: getItem,
  PutItem: putItem,
  UpdateItem: updateItem,
  DeleteItem: deleteItem,
  Query: query,
  Scan: scan,
  BatchGetItem: batchGetItem,
  BatchPutItem: batchPutItem,
  BatchDeleteItem: batchDeleteItem,
  TransactGetItems: transactGetItems,
  TransactWriteItems: transactWriteItems,
};

export interface DynamoDbDataSourceOptions {
  /** The data source name from the template. */
  name: string;
  /** The table single-item operations, Query and Scan use; batch and transact requests name their own tables. */
  tableName: string;
  client: DynamoDBClient;
}

/** Creates an AMAZON_DYNAMODB data source bound to one table. */
export function createDynamoDbDataSource({ name, tableName, client }: DynamoDbDataSourceOptions): DataSource {
  const target: DynamoDbTarget = { tableName, client };
  return {
    name,
    type: 'AMAZON_DYNAMODB',
    async invoke(request: unknown): Promise<DataSourceOutcome> {
      try {
        const requestObject = objectField(request, 'request');
        const operation = OPERATIONS[String(requestObject.operation)];
        if (operation === undefined) throw unsupported(requestObject.operation);
        return await operation(requestObject, target);
      } catch (error) {
        return { error: toDataSourceError(error) };
      }
    },
  };
}

function unsupported(operation: unknown): InvalidRequestObjectError {
  if (operation === 'Sync') {
    // Sync needs a versioned data source with a delta table (conflict detection), which we do not emulate.
    return new InvalidRequestObjectError(
      'The Sync operation is not supported by the local DynamoDB data source (it needs a versioned data source).',
    );
  }
  if (operation === undefined) return new InvalidRequestObjectError("Value for field 'operation' not found.");
  return new InvalidRequestObjectError(`Unsupported DynamoDB operation ${JSON.stringify(operation)}.`);
}
