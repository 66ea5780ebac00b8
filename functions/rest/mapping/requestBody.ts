// Shared checks of REST request bodies: the seed's bodies are JSON objects whose keys are
// snake_case; a key that is absent means "keep", an explicit null means "clear"
// (docs/rest-contract.md "Partial Update Behavior"), so mappers copy only the keys that are present.
import { HttpError } from '../httpErrors.ts';

/** A parsed JSON object body. */
export type JsonObject = Record<string, unknown>;

/** Parses a request body as a JSON object, or throws a 400. */
export function parseJsonObject(text: string): JsonObject {
  let parsed: unknown;
  try {
    parsed = text.trim() === '' ? undefined : JSON.parse(text);
  } catch {
    throw new HttpError(400, 'The request body is not valid JSON.');
  }
  if (!isJsonObject(parsed)) throw new HttpError(400, 'The request body must be a JSON object.');
  return parsed;
}

/** True for a plain JSON object (not null, not an array). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Copies `source[from]` to `target[to]` only when the key is present in `source`. */
export function copyIfPresent(source: JsonObject, from: string, target: Record<string, unknown>, to: string): void {
  if (Object.hasOwn(source, from)) target[to] = source[from];
}

/** The names among `fields` whose value is missing, null or blank text. */
export function missingFields(body: JsonObject, fields: readonly string[]): string[] {
  return fields.filter((field) => {
    const value = body[field];
    return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
  });
}

/** Throws the seed's 400 "Missing required fields" when any of `fields` is missing; `prefix` names a nested object's place. */
export function requireFields(body: JsonObject, fields: readonly string[], prefix = ''): void {
  const missing = missingFields(body, fields);
  if (missing.length > 0) {
    throw new HttpError(400, `Missing required fields (${missing.map((field) => `${prefix}${field}`).join(', ')})`);
  }
}

/** The JSON shapes a REST body value may be required to have. */
export type JsonKind = 'string' | 'boolean' | 'integer' | 'strings' | 'object';

const KIND_PHRASES: Record<JsonKind, string> = {
  string: 'must be a string',
  boolean: 'must be true or false',
  integer: 'must be a whole number',
  strings: 'must be a list of strings',
  object: 'must be an object',
};

function hasKind(value: unknown, kind: JsonKind): boolean {
  switch (kind) {
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return typeof value === 'number' && Number.isSafeInteger(value);
    case 'strings':
      return Array.isArray(value) && value.every((item) => typeof item === 'string');
    case 'object':
      return isJsonObject(value);
  }
}

/**
 * Throws a 400 naming the REST key (`bio must be a string`) when a present, non-null value is not
 * of `kind`, so that a mistyped body never reaches GraphQL, whose coercion errors speak of
 * variables and camelCase types (docs/rest-contract.md "Our deviations").
 */
export function checkKind(value: unknown, kind: JsonKind, path: string): void {
  if (value !== undefined && value !== null && !hasKind(value, kind)) {
    throw new HttpError(400, `${path} ${KIND_PHRASES[kind]}`);
  }
}
