// The credentials each AppSync auth mode sends, for HTTP requests and for the real-time
// protocol's header objects (docs/appsync-facts.md §8.1): x-api-key, the user's token in
// Authorization, or a SigV4 signature with the local credentials.
import type { AuthMode, ConsoleConfig } from '../consoleApi.ts';
import type { Session } from './session.ts';
import { signAppSyncRequest } from './sigv4.ts';

/** The auth state a request is made with. */
export interface CallerAuth {
  mode: AuthMode;
  session: Session | null;
}

/** Headers for a POST of `body` to `path` under `auth` (host included, for header objects). */
export async function authHeaders(
  auth: CallerAuth,
  config: ConsoleConfig,
  path: string,
  body: string,
): Promise<Record<string, string>> {
  const host = window.location.host;
  if (auth.mode === 'API_KEY') return { host, 'x-api-key': config.apiKey ?? '' };
  if (auth.mode === 'AMAZON_COGNITO_USER_POOLS') {
    if (!auth.session) throw new Error('Sign in as a local user first (Cognito user mode).');
    return { host, Authorization: auth.session.idToken };
  }
  // The header set AppSync's real-time IAM handshake documents, signed over the request (§8.1).
  return signAppSyncRequest(
    {
      path,
      body,
      headers: {
        accept: 'application/json, text/javascript',
        'content-encoding': 'amz-1.0',
        'content-type': 'application/json; charset=UTF-8',
      },
    },
    config.iamCredentials,
    config.region,
  );
}
