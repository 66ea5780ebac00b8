// GetItem, PutItem, UpdateItem, DeleteItem against the data source's own table, including AppSync's
// condition-failure rules (docs/appsync-facts.md §2.3): after a failed condition AppSync re-reads the
// item consistently; a PutItem whose stored item already equals the one written succeeds, and a
// DeleteItem of an item that is already gone succeeds; an UpdateItem is rejected.
import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { DataSourceOutcome } from '../runtime/contract.ts';
import { sameItem, toPlainItem, toSdkItem } from './attributeValues.ts';
import type { SdkItem } from './attributeValues.ts';
import { InvalidRequestObjectError } from './dynamodbErrors.ts';
import { toSdkExpressions } from './dynamodbExpressions.ts';
import { arrayField, objectField, optionalBoolean } from './dynamodbRequestFields.ts';
import type { DynamoDbTarget, RequestObject } from './dynamodbRequestFields.ts';

/** GetItem: the item as plain JSON, or null when there is none. */
export async function getItem(
  request: RequestObject,
  { tableName, client }: DynamoDbTarget,
): Promise<DataSourceOutcome> {
  const output = await client.send(
    new GetItemCommand({
      TableName: tableName,
      Key: toSdkItem(request.key, 'key'),
      ConsistentRead: optionalBoolean(request.consistentRead, 'consistentRead'),
      ...toSdkExpressions({ projection: request.projection }, ''),
    }),
  );
  return { result: output.Item === undefined ? null : toPlainItem(output.Item) };
}

/** PutItem: the item written (key merged into attributeValues). */
export async function putItem(request: RequestObject, target: DynamoDbTarget): Promise<DataSourceOutcome> {
  const key = toSdkItem(request.key, 'key');
  const attributes =
    request.attributeValues === undefined || request.attributeValues === null
      ? {}
      : toSdkItem(request.attributeValues, 'attributeValues');
  const item: SdkItem = { ...attributes, ...key };
  const condition = optionalCondition(request);
  try {
    await target.client.send(
      new PutItemCommand({ TableName: target.tableName, Item: item, ...toSdkExpressions({ condition }, '') }),
    );
    return { result: toPlainItem(item) };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException) || condition === undefined) throw error;
    const current = await readCurrent(key, condition, target);
    const ignore =
      condition.equalsIgnore === undefined
        ? []
        : arrayField(condition.equalsIgnore, 'condition.equalsIgnore').map(String);
    if (current !== undefined && sameItem(current, item, ignore)) return { result: toPlainItem(current) };
    throw rejection(condition, error);
  }
}

/** UpdateItem: the item after the update (ALL_NEW). */
export async function updateItem(
  request: RequestObject,
  { tableName, client }: DynamoDbTarget,
): Promise<DataSourceOutcome> {
  const condition = optionalCondition(request);
  if (request.update === undefined || request.update === null)
    throw new InvalidRequestObjectError("UpdateItem needs an 'update' expression.");
  try {
    const output = await client.send(
      new UpdateItemCommand({
        TableName: tableName,
        Key: toSdkItem(request.key, 'key'),
        ReturnValues: 'ALL_NEW',
        ...toSdkExpressions({ update: request.update, condition }, ''),
      }),
    );
    return { result: output.Attributes === undefined ? null : toPlainItem(output.Attributes) };
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException && condition !== undefined) throw rejection(condition, error);
    throw error;
  }
}

/** DeleteItem: the item before deletion (ALL_OLD), or null when there was none. */
export async function deleteItem(request: RequestObject, target: DynamoDbTarget): Promise<DataSourceOutcome> {
  const key = toSdkItem(request.key, 'key');
  const condition = optionalCondition(request);
  try {
    const output = await target.client.send(
      new DeleteItemCommand({
        TableName: target.tableName,
        Key: key,
        ReturnValues: 'ALL_OLD',
        ...toSdkExpressions({ condition }, ''),
      }),
    );
    return { result: output.Attributes === undefined ? null : toPlainItem(output.Attributes) };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException) || condition === undefined) throw error;
    if ((await readCurrent(key, condition, target)) === undefined) return { result: null };
    throw rejection(condition, error);
  }
}

function optionalCondition(request: RequestObject): RequestObject | undefined {
  return request.condition === undefined || request.condition === null
    ? undefined
    : objectField(request.condition, 'condition');
}

async function readCurrent(
  key: SdkItem,
  condition: RequestObject,
  { tableName, client }: DynamoDbTarget,
): Promise<SdkItem | undefined> {
  // AppSync re-reads strongly consistently unless the condition says otherwise.
  const consistentRead = optionalBoolean(condition.consistentRead, 'condition.consistentRead') ?? true;
  const output = await client.send(
    new GetItemCommand({ TableName: tableName, Key: key, ConsistentRead: consistentRead }),
  );
  return output.Item;
}

function rejection(condition: RequestObject, error: ConditionalCheckFailedException): Error {
  const handler = condition.conditionalCheckFailedHandler;
  if (
    handler !== undefined &&
    handler !== null &&
    objectField(handler, 'condition.conditionalCheckFailedHandler').strategy === 'Custom'
  ) {
    return new InvalidRequestObjectError(
      "conditionalCheckFailedHandler strategy 'Custom' (a Lambda deciding the outcome) is not supported by the local runtime; use 'Reject'.",
    );
  }
  return error;
}
