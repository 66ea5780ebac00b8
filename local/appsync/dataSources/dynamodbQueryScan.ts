// Query and Scan: `{items, nextToken, scannedCount}` (docs/appsync-facts.md §2.3). `limit` is the number
// of items DynamoDB evaluates, not the number that pass the filter, so a page may hold fewer items
// than `limit` and still have a nextToken.
import { QueryCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import type { Select } from '@aws-sdk/client-dynamodb';
import type { DataSourceOutcome } from '../runtime/contract.ts';
import { toPlainItem } from './attributeValues.ts';
import type { SdkItem } from './attributeValues.ts';
import { toSdkExpressions } from './dynamodbExpressions.ts';
import { decodeNextToken, encodeNextToken } from './dynamodbNextToken.ts';
import type { PaginationScope } from './dynamodbNextToken.ts';
import { optionalBoolean, optionalInteger, optionalString } from './dynamodbRequestFields.ts';
import type { DynamoDbTarget, RequestObject } from './dynamodbRequestFields.ts';

/** Query: one page of items matching the key condition (and filter). */
export async function query(request: RequestObject, { tableName, client }: DynamoDbTarget): Promise<DataSourceOutcome> {
  const scope = scopeOf(request, tableName);
  const output = await client.send(
    new QueryCommand({
      ...commonReadParams(request, scope),
      ScanIndexForward: optionalBoolean(request.scanIndexForward, 'scanIndexForward'),
      ...toSdkExpressions({ query: request.query, filter: request.filter, projection: request.projection }, ''),
    }),
  );
  return { result: page(output.Items, output.LastEvaluatedKey, output.ScannedCount, scope) };
}

/** Scan: one page of the table or index (optionally one parallel-scan segment). */
export async function scan(request: RequestObject, { tableName, client }: DynamoDbTarget): Promise<DataSourceOutcome> {
  const scope = scopeOf(request, tableName);
  const output = await client.send(
    new ScanCommand({
      ...commonReadParams(request, scope),
      TotalSegments: optionalInteger(request.totalSegments, 'totalSegments'),
      Segment: optionalInteger(request.segment, 'segment'),
      ...toSdkExpressions({ filter: request.filter, projection: request.projection }, ''),
    }),
  );
  return { result: page(output.Items, output.LastEvaluatedKey, output.ScannedCount, scope) };
}

function scopeOf(request: RequestObject, tableName: string): PaginationScope {
  return { table: tableName, index: optionalString(request.index, 'index') ?? null };
}

function commonReadParams(request: RequestObject, scope: PaginationScope) {
  return {
    TableName: scope.table,
    IndexName: scope.index ?? undefined,
    Limit: optionalInteger(request.limit, 'limit'),
    ConsistentRead: optionalBoolean(request.consistentRead, 'consistentRead'),
    Select: optionalString(request.select, 'select') as Select | undefined,
    ExclusiveStartKey: decodeNextToken(request.nextToken, scope),
  };
}

function page(
  items: SdkItem[] | undefined,
  lastKey: SdkItem | undefined,
  scannedCount: number | undefined,
  scope: PaginationScope,
) {
  return {
    items: (items ?? []).map(toPlainItem),
    nextToken: encodeNextToken(lastKey, scope),
    scannedCount: scannedCount ?? 0,
  };
}
