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

/** Throws the seed's 400 "Missing required fields" when any of `fields` is missing. */
export function requireFields(body: JsonObject, fields: readonly string[]): void {
  const missing = missingFields(body, fields);
  if (missing.length > 0) throw new HttpError(400, `Missing required fields (${missing.join(', ')})`);
}
