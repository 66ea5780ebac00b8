// The browser's side of "Sign in with Google" against the local stack: authorize at the pool's
// domain, pick an identity at the stand-in provider, come back to the app's callback with a code,
// exchange it with the PKCE verifier.
import { randomBytes, randomUUID } from 'node:crypto';
import { decodeJwt } from 'jose';
import type { LocalOutputs } from '../../../local/index.ts';
import { CookieJar, pkcePair, walk } from '../../support/redirectClient.ts';

export const CALLBACK = 'http://localhost:3000/auth/callback';

/** An identity typed on the stand-in's form. */
export interface Identity {
  email: string;
  name?: string;
  sub?: string;
  email_verified?: 'on';
  picture?: string;
}

/** A fresh identity with a unique email. */
export function newIdentity(name = 'Ada Lovelace'): Identity {
  return { email: `fed-${randomUUID()}@example.com`, name, email_verified: 'on' };
}

/** The authorize URL of a code + PKCE request, with overrides (undefined removes a parameter). */
export function authorizeUrl(stack: LocalOutputs, overrides: Record<string, string | undefined> = {}): string {
  const parameters: Record<string, string | undefined> = {
    client_id: stack.userPoolClientId,
    response_type: 'code',
    redirect_uri: CALLBACK,
    scope: 'openid email profile',
    ...overrides,
  };
  const query = new URLSearchParams(
    Object.entries(parameters).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  return `${stack.oauthDomain}/oauth2/authorize?${query.toString()}`;
}

/** Walks the flow up to the app's callback; returns the callback URL and what the request sent. */
export async function signInAtProvider(
  stack: LocalOutputs,
  provider: string,
  identity: Identity,
  overrides: Record<string, string | undefined> = {},
) {
  const pkce = pkcePair();
  const state = randomBytes(12).toString('base64url');
  const jar = new CookieJar();
  const stopAt = (url: URL) => url.origin === new URL(CALLBACK).origin;
  const loginPage = await walk(
    authorizeUrl(stack, {
      identity_provider: provider,
      state,
      code_challenge: pkce.challenge,
      code_challenge_method: 'S256',
      ...overrides,
    }),
    { jar, stopAt },
  );
  if (loginPage.stoppedAt) return { callback: loginPage.stoppedAt, pkce, state, jar, loginPage };
  const form = Object.fromEntries(
    Object.entries(identity).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  const back = await walk(`${loginPage.url}/login`, { jar, stopAt, form });
  if (back.stoppedAt === undefined)
    throw new Error(`The flow ended at ${back.url} (${back.status}): ${back.body.slice(0, 300)}`);
  return { callback: back.stoppedAt, pkce, state, jar, loginPage, visited: [...loginPage.visited, ...back.visited] };
}

/** POSTs a form to the token endpoint; returns status and JSON body. */
export async function tokenRequest(stack: LocalOutputs, form: Record<string, string>) {
  const response = await fetch(`${stack.oauthDomain}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

/** The whole flow: sign in as `identity` and exchange the code; returns the tokens and their claims. */
export async function signInWith(stack: LocalOutputs, provider: string, identity: Identity) {
  const { callback, pkce } = await signInAtProvider(stack, provider, identity);
  const code = callback.searchParams.get('code');
  if (code === null) throw new Error(`No code at the callback: ${callback.toString()}`);
  const { status, body } = await tokenRequest(stack, {
    grant_type: 'authorization_code',
    client_id: stack.userPoolClientId,
    code,
    redirect_uri: CALLBACK,
    code_verifier: pkce.verifier,
  });
  if (status !== 200) throw new Error(`Token exchange answered ${status}: ${JSON.stringify(body)}`);
  return {
    idToken: body.id_token as string,
    accessToken: body.access_token as string,
    refreshToken: body.refresh_token as string,
    id: decodeJwt(body.id_token as string),
    access: decodeJwt(body.access_token as string),
  };
}
