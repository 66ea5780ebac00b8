// A signed-in local user: the tokens from "Sign in as", refreshed a minute before the ID token
// expires (REFRESH_TOKEN_AUTH through the console's helper), so a session outlives the token.
import { consoleApi } from '../consoleApi.ts';
import type { Tokens } from '../consoleApi.ts';

/** Who is signed in, with tokens that are kept fresh. */
export interface Session extends Tokens {
  email: string;
  username: string | null;
  sub: string;
  /** When the ID token expires, ms since the epoch. */
  expiresAt: number;
}

const REFRESH_AHEAD_MS = 60_000;

/** The claims of a JWT (not verified: the server does that). */
export function jwtClaims(token: string): Record<string, unknown> {
  const part = token.split('.')[1] ?? '';
  const json = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
  return JSON.parse(decodeURIComponent(escape(json))) as Record<string, unknown>;
}

/** Builds a session from fresh tokens. */
export function sessionFrom(tokens: Tokens, email: string): Session {
  const claims = jwtClaims(tokens.idToken);
  return {
    ...tokens,
    email,
    username: typeof claims['custom:username'] === 'string' ? claims['custom:username'] : null,
    sub: String(claims.sub ?? ''),
    expiresAt: Number(claims.exp ?? 0) * 1000,
  };
}

/** Schedules the refresh of `session`; `onRefreshed` receives the renewed one. Returns a cancel function. */
export function keepFresh(session: Session, onRefreshed: (next: Session) => void, onFailed: (error: Error) => void) {
  const delay = Math.max(0, session.expiresAt - Date.now() - REFRESH_AHEAD_MS);
  const timer = window.setTimeout(() => {
    consoleApi
      .refresh(session.refreshToken)
      .then((tokens) =>
        onRefreshed({ ...sessionFrom({ ...tokens, refreshToken: session.refreshToken }, session.email) }),
      )
      .catch((error: unknown) => onFailed(error instanceof Error ? error : new Error(String(error))));
  }, delay);
  return () => window.clearTimeout(timer);
}
