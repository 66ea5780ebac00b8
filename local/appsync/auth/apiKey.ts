import type { ApiKeyDefinition } from '../engine/definitions.ts';
import { AUTH_MESSAGES, unauthorized } from './authResult.ts';
import type { AuthResult } from './authResult.ts';

/** Checks an x-api-key value against the API's keys; unknown or expired keys get AppSync's 401. */
export function authenticateApiKey(key: string, apiKeys: readonly ApiKeyDefinition[], nowMs: number): AuthResult {
  const match = apiKeys.find((candidate) => candidate.value === key);
  // AppSync answers an unknown and an expired key alike (docs/appsync-facts.md §5).
  if (!match || match.expires * 1000 <= nowMs) return unauthorized(AUTH_MESSAGES.notAuthorized);
  // API_KEY requests carry no identity: ctx.identity is null (docs/appsync-facts.md §4).
  return { ok: true, authMode: 'API_KEY', identity: null };
}
