// Who the caller is, as the shim forwards it to AppSync. Protected routes sit behind API Gateway's
// JWT authorizer, which has already checked the token; AppSync checks it again, so the shim never
// decides access itself — it only chooses the credentials to forward.
import type { Context } from 'hono';
import type { GraphqlAuth } from '../lib/appsyncClient.ts';
import { HttpError } from './httpErrors.ts';
import type { RestEnv } from './restEnv.ts';

/** The caller's token for a protected route; 401 without one (the authorizer normally refuses first). */
export function requireToken(c: Context<RestEnv>): GraphqlAuth {
  const authorization = c.req.header('authorization');
  if (!authorization) throw new HttpError(401, 'Missing Authorization header.');
  return { mode: 'token', authorization };
}

/** A public route's credentials: the caller's token when sent (owners see their contact details), else IAM. */
export function publicAuth(c: Context<RestEnv>): GraphqlAuth {
  const authorization = c.req.header('authorization');
  return authorization ? { mode: 'token', authorization } : { mode: 'iam' };
}

/**
 * The caller's user id (Cognito sub): the authorizer's verified claim
 * (docs/rest-contract.md "Authorization Flow": event.requestContext.authorizer claims.sub). Without
 * an authorizer context, the sub of the token AppSync has just accepted for the same request.
 */
export function callerSub(c: Context<RestEnv>): string | null {
  const claimed = c.env?.requestContext?.authorizer?.jwt?.claims?.sub;
  if (typeof claimed === 'string' && claimed !== '') return claimed;
  return tokenSub(c.req.header('authorization') ?? '');
}

function tokenSub(authorization: string): string | null {
  const payload = authorization.replace(/^Bearer\s+/i, '').split('.')[1];
  if (!payload) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub?: unknown };
    return typeof claims.sub === 'string' ? claims.sub : null;
  } catch {
    return null;
  }
}
