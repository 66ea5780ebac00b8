// AppSync's ListApiKeys and UpdateApiKey over the local API's keys (docs/appsync-facts.md §10): the
// same key objects the API_KEY authorization reads, so a renewed expiry takes effect at once.
// Pure: the keys, the request and the clock come in.
import type { ApiKeyDefinition } from '../engine/definitions.ts';
import { badRequest, notFound } from './controlPlaneErrors.ts';
import type { ControlPlaneError } from './controlPlaneErrors.ts';

const HOUR = 3600;
const DAY = 86_400;
// Expired keys are kept, and can still be updated, for 60 days (API_ApiKey).
const KEPT_AFTER_EXPIRY = 60 * DAY;

/** An ApiKey as the control plane describes it; locally a key's id is its value, as on AppSync. */
export interface ApiKeyDescription {
  id: string;
  description?: string;
  expires: number;
  deletes: number;
}

function describe(key: ApiKeyDefinition): ApiKeyDescription {
  return {
    id: key.value,
    ...(key.description === undefined ? {} : { description: key.description }),
    expires: key.expires,
    deletes: key.expires + KEPT_AFTER_EXPIRY,
  };
}

const isKept = (key: ApiKeyDefinition, nowSeconds: number) => key.expires + KEPT_AFTER_EXPIRY > nowSeconds;

/** ListApiKeys: every key not yet deleted, in one page. */
export function listApiKeys(keys: readonly ApiKeyDefinition[], nowSeconds: number): { apiKeys: ApiKeyDescription[] } {
  return { apiKeys: keys.filter((key) => isKept(key, nowSeconds)).map(describe) };
}

/** UpdateApiKey: a new expiry (1 to 365 days from now) and/or description; the key is changed in place. */
export function updateApiKey(
  keys: readonly ApiKeyDefinition[],
  id: string,
  body: unknown,
  nowSeconds: number,
): { apiKey: ApiKeyDescription } | ControlPlaneError {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    return badRequest('The request body must be a JSON object.');
  const { expires, description } = body as Record<string, unknown>;
  if (expires !== undefined && (typeof expires !== 'number' || !Number.isInteger(expires)))
    return badRequest('expires must be a whole number of seconds since the epoch.');
  if (description !== undefined && typeof description !== 'string') return badRequest('description must be a string.');
  const key = keys.find((candidate) => candidate.value === id && isKept(candidate, nowSeconds));
  if (key === undefined) return notFound(`API key ${id} not found.`);
  if (expires !== undefined && (expires - nowSeconds < DAY || expires - nowSeconds > 365 * DAY)) {
    return {
      status: 400,
      errorType: 'ApiKeyValidityOutOfBoundsException',
      message: 'API key must be valid for a minimum of 1 day and a maximum of 365 days from now.',
    };
  }
  // Rounded down to the hour, as CreateApiKey documents for its expiry [?] for UpdateApiKey.
  if (expires !== undefined) key.expires = expires - (expires % HOUR);
  if (description !== undefined) key.description = description;
  return { apiKey: describe(key) };
}
