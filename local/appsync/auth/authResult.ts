// What request authentication returns, and AppSync's rejection bodies. A request-level failure
// never reaches GraphQL: AppSync answers with an HTTP error, `{errors:[{errorType,message}]}` and
// the `x-amzn-ErrorType` header (docs/appsync-facts.md §5).
import type { AuthMode } from '../engine/definitions.ts';

/** A request whose credentials were accepted, with the identity resolvers see as ctx.identity. */
export interface AuthSuccess {
  ok: true;
  authMode: AuthMode;
  identity: unknown;
  cognitoGroups?: string[];
}

/** A rejected request: the HTTP status, body and headers to answer with. */
export interface AuthFailure {
  ok: false;
  status: number;
  body: { errors: { errorType: string; message: string }[] };
  headers: Record<string, string>;
}

export type AuthResult = AuthSuccess | AuthFailure;

/** AppSync's wording for request-level authentication failures (docs/appsync-facts.md §5). */
export const AUTH_MESSAGES = {
  noValidHeader: 'Valid authorization header not provided.',
  unparseableJwt: 'Unable to parse JWT token.',
  // Not recorded from AWS; docs/appsync-facts.md §5 marks it probable [?].
  tokenExpired: 'Token has expired.',
  notAuthorized: 'You are not authorized to make this call.',
} as const;

/** A rejection with the given status and AWS error type, in AppSync's body and header format. */
export function authFailure(status: number, errorType: string, message: string): AuthFailure {
  return { ok: false, status, body: { errors: [{ errorType, message }] }, headers: { 'x-amzn-ErrorType': errorType } };
}

/** HTTP 401 UnauthorizedException, AppSync's answer to missing or bad credentials. */
export function unauthorized(message: string): AuthFailure {
  return authFailure(401, 'UnauthorizedException', message);
}
