// A signed-in local user: the tokens from "Sign in as", refreshed a minute before the ID token
// expires (REFRESH_TOKEN_AUTH through the console's helper), so a session outlives the token.

/** Tokens from sign-in or refresh. */
export interface Tokens {
  idToken: string;
  accessToken: string;
  refreshToken: string;
}

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
  const part = (token.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/');
  const bytes = Uint8Array.from(atob(part), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
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

/** What keeping a session fresh needs: how to refresh, and who hears the outcome. */
export interface Refresher {
  refresh(refreshToken: string): Promise<Tokens>;
  onRefreshed(next: Session): void;
  onFailed(error: Error): void;
}

/** Schedules the refresh of `session` a minute before its ID token expires; returns a cancel function. */
export function keepFresh(session: Session, refresher: Refresher): () => void {
  const delay = Math.max(0, session.expiresAt - Date.now() - REFRESH_AHEAD_MS);
  const timer = setTimeout(() => {
    refresher
      .refresh(session.refreshToken)
      // Cognito's REFRESH_TOKEN_AUTH returns no new refresh token: the old one stays valid.
      .then((tokens) =>
        refresher.onRefreshed(sessionFrom({ ...tokens, refreshToken: session.refreshToken }, session.email)),
      )
      .catch((error: unknown) => refresher.onFailed(error instanceof Error ? error : new Error(String(error))));
  }, delay);
  return () => clearTimeout(timer);
}
