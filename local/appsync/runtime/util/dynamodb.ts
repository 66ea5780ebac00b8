// util.dynamodb: plain values to DynamoDB attribute values. AWS's EvaluateCode keeps numbers as JSON
// numbers ({N: 12345}, {NS: [1, 4.56]}), not the strings of the wire format (docs/appsync-facts.md §1.3).

export type AttributeValue = Record<string, unknown>;

/** Whether a value is a plain object (not null, not an array). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Converts any JSON value to an attribute value; never produces sets (docs/appsync-facts.md §1.3). */
export function toDynamoDB(value: unknown): AttributeValue {
  if (value === null || value === undefined) return { NULL: null };
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'number') return { N: value };
  if (typeof value === 'boolean') return { BOOL: value };
  if (Array.isArray(value)) return { L: value.map(toDynamoDB) };
  if (typeof value === 'object') return { M: toMapValuesOrEmpty(value as Record<string, unknown>) };
  throw new TypeError(`util.dynamodb.toDynamoDB: cannot convert a ${typeof value}`);
}

function toMapValuesOrEmpty(obj: Record<string, unknown>): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const [k, v] of Object.entries(obj)) {
    // JSON has no undefined; AppSync drops such keys rather than storing NULL.
    if (v !== undefined) out[k] = toDynamoDB(v);
  }
  return out;
}

/** Converts an object's values to attribute values (toMap(obj).M); null for non-objects. */
export function toMapValues(obj: unknown): Record<string, AttributeValue> | null {
  return isPlainObject(obj) ? toMapValuesOrEmpty(obj) : null;
}

/** Builds {SS: [...]} from a list of strings; null for null input. */
export function toStringSet(list: unknown): AttributeValue | null {
  return Array.isArray(list) ? { SS: list.map(String) } : null;
}

/** Builds {NS: [...]} keeping numbers unstringified as AWS does (docs/appsync-facts.md §2.1); null for null input. */
export function toNumberSet(list: unknown): AttributeValue | null {
  return Array.isArray(list) ? { NS: list.map(Number) } : null;
}

/** Builds {BS: [...]} from base64 strings; null for null input. */
export function toBinarySet(list: unknown): AttributeValue | null {
  return Array.isArray(list) ? { BS: list.map(String) } : null;
}

/** Builds {S:'{"s3":{key,bucket,region[,version]}}'}: compact JSON, version last (docs/appsync-facts.md §1.3). */
export function toS3Object(key: unknown, bucket: unknown, region: unknown, version?: unknown): AttributeValue | null {
  if (key == null || bucket == null || region == null) return null;
  const s3: Record<string, unknown> = { key, bucket, region };
  if (version !== undefined && version !== null) s3.version = version;
  return { S: JSON.stringify({ s3 }) };
}

/** Reads the S3 object JSON that toS3Object stores back into {key, bucket, region[, version]}. */
export function fromS3ObjectJson(value: unknown): Record<string, unknown> | null {
  const raw = isPlainObject(value) && typeof value.S === 'string' ? value.S : value;
  if (typeof raw !== 'string') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!isPlainObject(parsed) || !isPlainObject(parsed.s3)) return null;
  const { key, bucket, region, version } = parsed.s3;
  return version === undefined ? { key, bucket, region } : { key, bucket, region, version };
}

/** Creates the util.dynamodb object; typed helpers return null for null input (docs/appsync-facts.md §1.3 [T]). */
export function createDynamoDBUtils(): Record<string, unknown> {
  const typed = (build: (v: never) => AttributeValue) => (v: unknown) =>
    v === null || v === undefined ? null : build(v as never);
  return {
    toDynamoDB,
    toString: typed((v: unknown) => ({ S: String(v) })),
    toStringSet,
    toNumber: typed((v: unknown) => ({ N: Number(v) })),
    toNumberSet,
    toBinary: typed((v: unknown) => ({ B: String(v) })),
    toBinarySet,
    toBoolean: typed((v: unknown) => ({ BOOL: Boolean(v) })),
    toNull: () => ({ NULL: null }),
    toList: (v: unknown) => (Array.isArray(v) ? { L: v.map(toDynamoDB) } : null),
    toMap: (v: unknown) => (isPlainObject(v) ? { M: toMapValuesOrEmpty(v) } : null),
    toMapValues,
    toS3Object,
    fromS3ObjectJson,
  };
}
