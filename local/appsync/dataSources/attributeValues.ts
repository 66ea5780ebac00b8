// AppSync's typed attribute values ↔ the SDK's AttributeValue ↔ the plain JSON values resolvers see.
// AppSync writes numbers as JSON numbers ({N: 10}, {NS: [1, 2]}) where the DynamoDB wire format and
// the SDK want strings; binaries are base64 strings in AppSync and bytes in the SDK; NULL is
// {NULL: null} in util.dynamodb output (docs/appsync-facts.md §1.3) and {NULL: true} on the wire.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { InvalidRequestObjectError } from './dynamodbErrors.ts';

export type SdkItem = Record<string, AttributeValue>;

/** Converts one AppSync typed value (`{S}`, `{N: 10}`, `{L: […]}`, …) to the SDK's AttributeValue. */
export function toSdkAttributeValue(value: unknown, path: string): AttributeValue {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidRequestObjectError(`Expected a typed DynamoDB value at '${path}', got ${JSON.stringify(value)}.`);
  }
  const entries = Object.entries(value);
  if (entries.length !== 1) {
    throw new InvalidRequestObjectError(
      `A typed DynamoDB value at '${path}' must have exactly one type key, got ${JSON.stringify(value)}.`,
    );
  }
  const [type, inner] = entries[0];
  switch (type) {
    case 'S':
      return { S: expectString(inner, `${path}.S`) };
    case 'N':
      return { N: numberText(inner, `${path}.N`) };
    case 'BOOL':
      if (typeof inner !== 'boolean') throw new InvalidRequestObjectError(`Expected a boolean at '${path}.BOOL'.`);
      return { BOOL: inner };
    case 'NULL':
      if (inner !== null && inner !== true)
        throw new InvalidRequestObjectError(`Expected null or true at '${path}.NULL'.`);
      return { NULL: true };
    case 'B':
      return { B: Buffer.from(expectString(inner, `${path}.B`), 'base64') };
    case 'SS':
      return { SS: expectArray(inner, `${path}.SS`).map((v, i) => expectString(v, `${path}.SS[${i}]`)) };
    case 'NS':
      return { NS: expectArray(inner, `${path}.NS`).map((v, i) => numberText(v, `${path}.NS[${i}]`)) };
    case 'BS':
      return {
        BS: expectArray(inner, `${path}.BS`).map((v, i) => Buffer.from(expectString(v, `${path}.BS[${i}]`), 'base64')),
      };
    case 'L':
      return { L: expectArray(inner, `${path}.L`).map((v, i) => toSdkAttributeValue(v, `${path}.L[${i}]`)) };
    case 'M':
      return { M: toSdkItem(inner, `${path}.M`) };
    default:
      throw new InvalidRequestObjectError(`Unknown DynamoDB type '${type}' at '${path}'.`);
  }
}

/** Converts a map of AppSync typed values (a key, an item, expressionValues) to SDK form. */
export function toSdkItem(values: unknown, path: string): SdkItem {
  if (values === null || typeof values !== 'object' || Array.isArray(values)) {
    throw new InvalidRequestObjectError(`Expected a map of typed DynamoDB values at '${path}'.`);
  }
  const item: SdkItem = {};
  for (const [name, value] of Object.entries(values)) item[name] = toSdkAttributeValue(value, `${path}.${name}`);
  return item;
}

/** Converts an SDK AttributeValue to the plain JSON value AppSync puts in ctx.result (sets become arrays). */
function toPlainValue(value: AttributeValue): unknown {
  if (value.S !== undefined) return value.S;
  if (value.N !== undefined) return Number(value.N);
  if (value.BOOL !== undefined) return value.BOOL;
  if (value.NULL !== undefined) return null;
  if (value.B !== undefined) return Buffer.from(value.B).toString('base64');
  if (value.SS !== undefined) return [...value.SS];
  if (value.NS !== undefined) return value.NS.map(Number);
  if (value.BS !== undefined) return value.BS.map((bytes) => Buffer.from(bytes).toString('base64'));
  if (value.L !== undefined) return value.L.map(toPlainValue);
  if (value.M !== undefined) return toPlainItem(value.M);
  throw new Error(`Unsupported DynamoDB attribute value ${JSON.stringify(Object.keys(value))}.`);
}

/** Converts an SDK item (or key) to a plain JSON object. */
export function toPlainItem(item: SdkItem): Record<string, unknown> {
  const plain: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(item)) plain[name] = toPlainValue(value);
  return plain;
}

/** Converts an SDK AttributeValue back to AppSync's typed JSON form (used inside nextTokens). */
function toTypedValue(value: AttributeValue): unknown {
  if (value.N !== undefined) return { N: Number(value.N) };
  if (value.NS !== undefined) return { NS: value.NS.map(Number) };
  if (value.NULL !== undefined) return { NULL: null };
  if (value.B !== undefined) return { B: Buffer.from(value.B).toString('base64') };
  if (value.BS !== undefined) return { BS: value.BS.map((bytes) => Buffer.from(bytes).toString('base64')) };
  if (value.L !== undefined) return { L: value.L.map(toTypedValue) };
  if (value.M !== undefined) return { M: toTypedItem(value.M) };
  return value;
}

/** Converts an SDK item to a map of AppSync typed values. */
export function toTypedItem(item: SdkItem): Record<string, unknown> {
  const typed: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(item)) typed[name] = toTypedValue(value);
  return typed;
}

/** DynamoDB equality: numbers by value, sets regardless of order, maps regardless of key order. */
export function sameAttributeValue(a: AttributeValue, b: AttributeValue): boolean {
  if (a.S !== undefined || b.S !== undefined) return a.S === b.S;
  if (a.N !== undefined || b.N !== undefined)
    return a.N !== undefined && b.N !== undefined && Number(a.N) === Number(b.N);
  if (a.BOOL !== undefined || b.BOOL !== undefined) return a.BOOL === b.BOOL;
  if (a.NULL !== undefined || b.NULL !== undefined) return a.NULL !== undefined && b.NULL !== undefined;
  if (a.B !== undefined || b.B !== undefined)
    return a.B !== undefined && b.B !== undefined && Buffer.from(a.B).equals(Buffer.from(b.B));
  if (a.SS !== undefined || b.SS !== undefined) return sameSet(a.SS, b.SS, (v) => v);
  if (a.NS !== undefined || b.NS !== undefined) return sameSet(a.NS, b.NS, (v) => String(Number(v)));
  if (a.BS !== undefined || b.BS !== undefined) return sameSet(a.BS, b.BS, (v) => Buffer.from(v).toString('base64'));
  if (a.L !== undefined || b.L !== undefined) {
    return (
      a.L !== undefined &&
      b.L !== undefined &&
      a.L.length === b.L.length &&
      a.L.every((v, i) => sameAttributeValue(v, (b.L as AttributeValue[])[i]))
    );
  }
  if (a.M !== undefined && b.M !== undefined) return sameItem(a.M, b.M);
  return false;
}

/** Compares two items attribute by attribute, skipping the top-level names in `ignore`. */
export function sameItem(a: SdkItem, b: SdkItem, ignore: readonly string[] = []): boolean {
  const names = (item: SdkItem) =>
    Object.keys(item)
      .filter((name) => !ignore.includes(name))
      .sort();
  const namesA = names(a);
  const namesB = names(b);
  return (
    namesA.length === namesB.length &&
    namesA.every((name, i) => name === namesB[i] && sameAttributeValue(a[name], b[name]))
  );
}

function sameSet<T>(a: T[] | undefined, b: T[] | undefined, canonical: (v: T) => string): boolean {
  if (a === undefined || b === undefined) return false;
  const setA = new Set(a.map(canonical));
  const setB = new Set(b.map(canonical));
  return setA.size === setB.size && [...setA].every((v) => setB.has(v));
}

function expectString(value: unknown, path: string): string {
  if (typeof value !== 'string')
    throw new InvalidRequestObjectError(`Expected a string at '${path}', got ${JSON.stringify(value)}.`);
  return value;
}

function expectArray(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value))
    throw new InvalidRequestObjectError(`Expected an array at '${path}', got ${JSON.stringify(value)}.`);
  return value;
}

function numberText(value: unknown, path: string): string {
  // util.dynamodb emits JSON numbers; hand-written (VTL-era) objects often carry numeric strings.
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return value;
  throw new InvalidRequestObjectError(`Expected a number at '${path}', got ${JSON.stringify(value)}.`);
}
