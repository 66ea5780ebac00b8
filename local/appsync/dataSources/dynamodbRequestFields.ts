// Small readers for request-object fields: a wrong type is the caller's mistake, reported the way
// AppSync reports a malformed request object rather than as a crash inside the data source.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { InvalidRequestObjectError } from './dynamodbErrors.ts';

export type RequestObject = Record<string, unknown>;

/** What every operation handler needs: the data source's own table and the SDK client. */
export interface DynamoDbTarget {
  tableName: string;
  client: DynamoDBClient;
}

/** The value as a plain object, or an InvalidRequestObjectError naming the field. */
export function objectField(value: unknown, path: string): RequestObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidRequestObjectError(`'${path}' must be an object.`);
  }
  return value as RequestObject;
}

/** The value as an array, or an InvalidRequestObjectError naming the field. */
export function arrayField(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw new InvalidRequestObjectError(`'${path}' must be an array.`);
  return value;
}

/** An optional boolean field. */
export function optionalBoolean(value: unknown, path: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw new InvalidRequestObjectError(`'${path}' must be a boolean.`);
  return value;
}

/** An optional positive integer field (limit, segment, …). */
export function optionalInteger(value: unknown, path: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value))
    throw new InvalidRequestObjectError(`'${path}' must be an integer.`);
  return value;
}

/** An optional string field. */
export function optionalString(value: unknown, path: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new InvalidRequestObjectError(`'${path}' must be a string.`);
  return value;
}

/** A required non-empty string field. */
export function requiredString(value: unknown, path: string): string {
  if (typeof value !== 'string' || value === '')
    throw new InvalidRequestObjectError(`'${path}' must be a non-empty string.`);
  return value;
}
