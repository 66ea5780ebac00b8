// TransactGetItems and TransactWriteItems (docs/appsync-facts.md §2.3). A cancelled transaction is both
// an error (ctx.error.type 'DynamoDB:TransactionCanceledException') and a result whose
// cancellationReasons are in request order; the outcome carries both.
import {
  TransactGetItemsCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import type { TransactGetItem, TransactWriteItem } from '@aws-sdk/client-dynamodb';
import type { DataSourceError, DataSourceOutcome } from '../runtime/contract.ts';
import { toPlainItem, toSdkItem } from './attributeValues.ts';
import type { SdkItem } from './attributeValues.ts';
import { awsMessage, InvalidRequestObjectError } from './dynamodbErrors.ts';
import { toSdkExpressions } from './dynamodbExpressions.ts';
import { arrayField, objectField, requiredString } from './dynamodbRequestFields.ts';
import type { DynamoDbTarget, RequestObject } from './dynamodbRequestFields.ts';

/** One entry of ctx.result.cancellationReasons. */
export interface CancellationReason {
  /** The item as it was, when a condition failed and returnValuesOnConditionCheckFailure was not false. */
  item?: Record<string, unknown>;
  /** DynamoDB's reason code: 'None', 'ConditionalCheckFailed', 'TransactionConflict', 'ValidationError', … */
  type: string;
  message: string;
}

/** TransactGetItems: `{items: [item|null…], cancellationReasons: null}`. */
export async function transactGetItems(request: RequestObject, { client }: DynamoDbTarget): Promise<DataSourceOutcome> {
  const items: TransactGetItem[] = arrayField(request.transactItems, 'transactItems').map((entry, i) => {
    const path = `transactItems[${i}]`;
    const spec = objectField(entry, path);
    return {
      Get: {
        TableName: requiredString(spec.table, `${path}.table`),
        Key: toSdkItem(spec.key, `${path}.key`),
        ...toSdkExpressions({ projection: spec.projection }, path),
      },
    };
  });
  try {
    const output = await client.send(new TransactGetItemsCommand({ TransactItems: items }));
    const responses = output.Responses ?? [];
    return {
      result: {
        items: items.map((_, i) => (responses[i]?.Item === undefined ? null : toPlainItem(responses[i].Item))),
        cancellationReasons: null,
      },
    };
  } catch (error) {
    if (error instanceof TransactionCanceledException) return canceled(error, 'items');
    throw error;
  }
}

/** TransactWriteItems: `{keys: [key…], cancellationReasons: null}`, keys in request order. */
export async function transactWriteItems(
  request: RequestObject,
  { client }: DynamoDbTarget,
): Promise<DataSourceOutcome> {
  const entries = arrayField(request.transactItems, 'transactItems').map((entry, i) =>
    objectField(entry, `transactItems[${i}]`),
  );
  const keys = entries.map((entry, i) => toSdkItem(entry.key, `transactItems[${i}].key`));
  const items = entries.map((entry, i) => toTransactWriteItem(entry, keys[i], `transactItems[${i}]`));
  try {
    await client.send(new TransactWriteItemsCommand({ TransactItems: items }));
    return { result: { keys: keys.map(toPlainItem), cancellationReasons: null } };
  } catch (error) {
    if (error instanceof TransactionCanceledException) return canceled(error, 'keys');
    throw error;
  }
}

function toTransactWriteItem(entry: RequestObject, key: SdkItem, path: string): TransactWriteItem {
  const TableName = requiredString(entry.table, `${path}.table`);
  const condition =
    entry.condition === undefined || entry.condition === null
      ? undefined
      : objectField(entry.condition, `${path}.condition`);
  // AppSync returns the conflicting item by default; `returnValuesOnConditionCheckFailure: false` turns it off.
  const ReturnValuesOnConditionCheckFailure =
    condition === undefined
      ? undefined
      : condition.returnValuesOnConditionCheckFailure === false
        ? ('NONE' as const)
        : ('ALL_OLD' as const);
  switch (entry.operation) {
    case 'PutItem': {
      const attributes =
        entry.attributeValues === undefined || entry.attributeValues === null
          ? {}
          : toSdkItem(entry.attributeValues, `${path}.attributeValues`);
      return {
        Put: {
          TableName,
          Item: { ...attributes, ...key },
          ReturnValuesOnConditionCheckFailure,
          ...toSdkExpressions({ condition }, path),
        },
      };
    }
    case 'UpdateItem': {
      if (entry.update === undefined || entry.update === null)
        throw new InvalidRequestObjectError(`'${path}.update' is required for UpdateItem.`);
      const expressions = toSdkExpressions({ update: entry.update, condition }, path);
      return {
        Update: {
          TableName,
          Key: key,
          ReturnValuesOnConditionCheckFailure,
          ...expressions,
          UpdateExpression: expressions.UpdateExpression as string,
        },
      };
    }
    case 'DeleteItem':
      return {
        Delete: { TableName, Key: key, ReturnValuesOnConditionCheckFailure, ...toSdkExpressions({ condition }, path) },
      };
    case 'ConditionCheck': {
      if (condition === undefined)
        throw new InvalidRequestObjectError(`'${path}.condition' is required for ConditionCheck.`);
      const expressions = toSdkExpressions({ condition }, path);
      return {
        ConditionCheck: {
          TableName,
          Key: key,
          ReturnValuesOnConditionCheckFailure,
          ...expressions,
          ConditionExpression: expressions.ConditionExpression as string,
        },
      };
    }
    default:
      throw new InvalidRequestObjectError(
        `'${path}.operation' must be PutItem, UpdateItem, DeleteItem or ConditionCheck, got ${JSON.stringify(entry.operation)}.`,
      );
  }
}

/** ctx.error plus ctx.result `{<items|keys>: null, cancellationReasons}` for a cancelled transaction. */
function canceled(error: TransactionCanceledException, listName: 'items' | 'keys'): DataSourceOutcome {
  const cancellationReasons = (error.CancellationReasons ?? []).map((reason): CancellationReason => {
    const type = reason.Code ?? 'None';
    // DynamoDB sends no message for 'None'; AppSync's documented example shows message "None".
    const entry: CancellationReason = { type, message: reason.Message ?? type };
    return reason.Item === undefined ? entry : { item: toPlainItem(reason.Item), ...entry };
  });
  const failure: DataSourceError = { message: awsMessage(error), type: 'DynamoDB:TransactionCanceledException' };
  return { error: failure, result: { [listName]: null, cancellationReasons } };
}
