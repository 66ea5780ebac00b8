// AppSync request objects carry each expression with its own names and values; DynamoDB takes one
// ExpressionAttributeNames and one ExpressionAttributeValues map per call, so they are merged.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { toSdkAttributeValue } from './attributeValues.ts';
import { InvalidRequestObjectError } from './dynamodbErrors.ts';

const SDK_FIELD = {
  query: 'KeyConditionExpression',
  update: 'UpdateExpression',
  condition: 'ConditionExpression',
  filter: 'FilterExpression',
  projection: 'ProjectionExpression',
} as const;

type ExpressionPart = keyof typeof SDK_FIELD;

export interface SdkExpressionParams {
  KeyConditionExpression?: string;
  UpdateExpression?: string;
  ConditionExpression?: string;
  FilterExpression?: string;
  ProjectionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, AttributeValue>;
}

/** Turns the `{expression, expressionNames, expressionValues}` parts of a request object into SDK parameters. */
export function toSdkExpressions(parts: Partial<Record<ExpressionPart, unknown>>, path: string): SdkExpressionParams {
  const params: SdkExpressionParams = {};
  const names: Record<string, string> = {};
  const values: Record<string, AttributeValue> = {};
  for (const part of Object.keys(SDK_FIELD) as ExpressionPart[]) {
    const value = parts[part];
    if (value === undefined || value === null) continue;
    const where = path === '' ? part : `${path}.${part}`;
    if (typeof value !== 'object' || typeof (value as { expression?: unknown }).expression !== 'string') {
      throw new InvalidRequestObjectError(`'${where}' must be an object with a string 'expression'.`);
    }
    const { expression, expressionNames, expressionValues } = value as {
      expression: string;
      expressionNames?: unknown;
      expressionValues?: unknown;
    };
    params[SDK_FIELD[part]] = expression;
    for (const [placeholder, name] of entriesOf(expressionNames, `${where}.expressionNames`)) {
      if (typeof name !== 'string')
        throw new InvalidRequestObjectError(`'${where}.expressionNames.${placeholder}' must be a string.`);
      if (placeholder in names && names[placeholder] !== name) throw conflict(placeholder, where);
      names[placeholder] = name;
    }
    for (const [placeholder, typed] of entriesOf(expressionValues, `${where}.expressionValues`)) {
      const sdkValue = toSdkAttributeValue(typed, `${where}.expressionValues.${placeholder}`);
      if (placeholder in values && JSON.stringify(values[placeholder]) !== JSON.stringify(sdkValue))
        throw conflict(placeholder, where);
      values[placeholder] = sdkValue;
    }
  }
  // DynamoDB rejects empty maps, so absent rather than {}.
  if (Object.keys(names).length > 0) params.ExpressionAttributeNames = names;
  if (Object.keys(values).length > 0) params.ExpressionAttributeValues = values;
  return params;
}

function entriesOf(value: unknown, path: string): [string, unknown][] {
  if (value === undefined || value === null) return [];
  if (typeof value !== 'object' || Array.isArray(value))
    throw new InvalidRequestObjectError(`'${path}' must be a map.`);
  return Object.entries(value);
}

function conflict(placeholder: string, where: string): InvalidRequestObjectError {
  return new InvalidRequestObjectError(
    `Placeholder '${placeholder}' in '${where}' is defined differently by another expression of the same request.`,
  );
}
