// The domain's OAuth 2.0 rules, as Cognito's endpoints answer them: PKCE (S256) bound to the code,
// the caller's state returned untouched and the provider leg's state checked, redirect URIs only
// from the client's list, codes good once, token errors as `{"error": …}`, logout, discovery.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { get } from 'node:https';
import { describe, expect, inject, it } from 'vitest';
import { getLocalTokens } from '../../../local/index.ts';
import { CookieJar, pkcePair, walk } from '../../support/redirectClient.ts';
import { CALLBACK, authorizeUrl, newIdentity, signInAtProvider, tokenRequest } from './signInFlow.ts';

const stack = inject('localStack');
const codeOf = (url: URL) => url.searchParams.get('code') ?? '';

async function codeFor(provider = 'Google') {
  const flow = await signInAtProvider(stack, provider, newIdentity());
  return { code: codeOf(flow.callback), verifier: flow.pkce.verifier, flow };
}

const exchange = (code: string, extra: Record<string, string | undefined>) =>
  tokenRequest(
    stack,
    Object.fromEntries(
      Object.entries({
        grant_type: 'authorization_code',
        client_id: stack.userPoolClientId,
        code,
        redirect_uri: CALLBACK,
        ...extra,
      }).filter((entry): entry is [string, string] => entry[1] !== undefined),
    ),
  );

describe('PKCE', () => {
  it('refuses a code exchanged without its verifier, or with a wrong one, as invalid_grant', async () => {
    const missing = await codeFor();
    const wrong = await codeFor();

    expect(await exchange(missing.code, {})).toEqual({ status: 400, body: { error: 'invalid_grant' } });
    expect(await exchange(wrong.code, { code_verifier: pkcePair().verifier })).toEqual({
      status: 400,
      body: { error: 'invalid_grant' },
    });
  });

  it('burns a code on a failed exchange: the right verifier afterwards is too late', async () => {
    const { code, verifier } = await codeFor();

    await exchange(code, { code_verifier: pkcePair().verifier });

    expect(await exchange(code, { code_verifier: verifier })).toEqual({
      status: 400,
      body: { error: 'invalid_grant' },
    });
  });

  it('sends an authorization request without PKCE, or with the plain method, back to the app as invalid_request', async () => {
    const state = 'keep-me';
    for (const overrides of [
      { code_challenge: undefined, code_challenge_method: undefined },
      { code_challenge: pkcePair().verifier, code_challenge_method: 'plain' },
    ]) {
      const flow = await signInAtProvider(stack, 'Google', newIdentity(), { ...overrides, state });
      expect(flow.callback.searchParams.get('error')).toBe('invalid_request');
      expect(flow.callback.searchParams.get('state')).toBe(state);
      expect(flow.callback.searchParams.get('code')).toBeNull();
    }
  });

  it('accepts a code once, with its verifier, and never again', async () => {
    const { code, verifier } = await codeFor();

    const first = await exchange(code, { code_verifier: verifier });
    const replay = await exchange(code, { code_verifier: verifier });

    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    expect(replay).toEqual({ status: 400, body: { error: 'invalid_grant' } });
  });
});

describe('state', () => {
  it("returns the app's state unchanged with the code", async () => {
    const flow = await signInAtProvider(stack, 'LinkedIn', newIdentity());

    expect(flow.callback.searchParams.get('state')).toBe(flow.state);
    expect(codeOf(flow.callback)).not.toBe('');
  });

  it("refuses a provider's answer whose state is forged or already used, sending nothing to the app", async () => {
    const identity = newIdentity();
    const jar = new CookieJar();
    const pkce = pkcePair();
    const start = authorizeUrl(stack, {
      identity_provider: 'Google',
      state: 'app-state',
      code_challenge: pkce.challenge,
      code_challenge_method: 'S256',
    });
    const loginPage = await walk(start, { jar });
    // Stop at the domain's /oauth2/idpresponse to hold the provider's answer.
    const answer = await walk(`${loginPage.url}/login`, {
      jar,
      form: { ...identity, email_verified: 'on' } as Record<string, string>,
      stopAt: (url) => url.pathname === '/oauth2/idpresponse',
    });
    const idpResponse = answer.stoppedAt as URL;

    const forged = new URL(idpResponse);
    forged.searchParams.set('state', randomBytes(24).toString('base64url'));
    const refused = await fetch(forged, { redirect: 'manual' });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('location')).toBeNull();

    const genuine = await fetch(idpResponse, { redirect: 'manual' });
    expect(new URL(genuine.headers.get('location') ?? '').searchParams.get('state')).toBe('app-state');
    const replayed = await fetch(idpResponse, { redirect: 'manual' });
    expect(replayed.status).toBe(400);
  });
});

describe('redirect URIs', () => {
  it("never redirects to a URI that is not on the client's list: the error stays on the domain", async () => {
    for (const redirectUri of [
      'https://evil.example/auth/callback',
      'http://localhost:3000/auth/callback/../steal',
      undefined,
    ]) {
      const result = await walk(authorizeUrl(stack, { redirect_uri: redirectUri, identity_provider: 'Google' }), {
        jar: new CookieJar(),
        stopAt: (url) => url.origin !== new URL(stack.oauthDomain ?? '').origin,
      });
      expect(result.stoppedAt).toBeUndefined();
      expect(result.status).toBe(400);
      expect(new URL(result.url).pathname).toBe('/error');
      expect(new URL(result.url).searchParams.get('error')).toBe('redirect_mismatch');
    }
  });

  it('refuses an unknown client on the domain too', async () => {
    const response = await fetch(authorizeUrl(stack, { client_id: 'no-such-client' }), { redirect: 'manual' });

    expect(response.status).toBe(302);
    expect(new URL(response.headers.get('location') ?? '', stack.oauthDomain).pathname).toBe('/error');
  });

  it('refuses a code exchanged for another callback URL than the one it was issued to', async () => {
    const { code, verifier } = await codeFor();

    expect(
      await exchange(code, { code_verifier: verifier, redirect_uri: 'http://localhost:8080/auth/callback' }),
    ).toEqual({
      status: 400,
      body: { error: 'invalid_grant' },
    });
  });
});

describe('authorize request errors sent to the app', () => {
  it.each([
    [{ response_type: 'token' }, 'unauthorized_client'],
    [{ response_type: undefined }, 'invalid_request'],
    [{ response_type: 'id_token' }, 'unsupported_response_type'],
    [{ scope: 'openid aws.cognito.signin.user.admin' }, 'invalid_scope'],
    [{ scope: 'email' }, 'invalid_scope'],
    [{ identity_provider: 'Facebook' }, 'invalid_request'],
  ])('%o → %s', async (overrides, error) => {
    const pkce = pkcePair();
    const response = await fetch(
      authorizeUrl(stack, {
        identity_provider: 'Google',
        code_challenge: pkce.challenge,
        code_challenge_method: 'S256',
        state: 's1',
        ...overrides,
      }),
      { redirect: 'manual' },
    );
    const location = new URL(response.headers.get('location') ?? '');

    expect(location.origin + location.pathname).toBe(CALLBACK);
    expect(Object.fromEntries(location.searchParams)).toMatchObject({ error, state: 's1' });
  });
});

describe('the token endpoint', () => {
  it('answers Cognito’s error codes for the wrong client, grant type or body', async () => {
    expect(
      await tokenRequest(stack, {
        grant_type: 'authorization_code',
        client_id: 'nope',
        code: 'x',
        redirect_uri: CALLBACK,
      }),
    ).toEqual({
      status: 400,
      body: { error: 'invalid_client' },
    });
    expect(await tokenRequest(stack, { client_id: stack.userPoolClientId })).toEqual({
      status: 400,
      body: { error: 'invalid_request' },
    });
    expect(await tokenRequest(stack, { grant_type: 'password', client_id: stack.userPoolClientId })).toEqual({
      status: 400,
      body: { error: 'unsupported_grant_type' },
    });
    expect(await tokenRequest(stack, { grant_type: 'client_credentials', client_id: stack.userPoolClientId })).toEqual({
      status: 400,
      body: { error: 'unauthorized_client' },
    });
    expect(
      await tokenRequest(stack, {
        grant_type: 'refresh_token',
        client_id: stack.userPoolClientId,
        refresh_token: 'made-up',
      }),
    ).toEqual({ status: 400, body: { error: 'invalid_grant' } });
    const json = await fetch(`${stack.oauthDomain}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'authorization_code' }),
    });
    expect([json.status, await json.json()]).toEqual([400, { error: 'invalid_request' }]);
  });
});

describe('email and password through managed login', () => {
  it('signs a native user in on the sign-in page and issues tokens for their own sub', async () => {
    const email = newIdentity().email;
    const native = await getLocalTokens({
      cognitoEndpoint: stack.cognitoEndpoint,
      userPoolId: stack.userPoolId,
      clientId: stack.userPoolClientId,
      region: stack.region,
      email,
      password: 'Local-Passw0rd!',
    });
    const pkce = pkcePair();
    const jar = new CookieJar();
    const stopAt = (url: URL) => url.origin === new URL(CALLBACK).origin;
    const page = await walk(
      authorizeUrl(stack, { state: 'n1', code_challenge: pkce.challenge, code_challenge_method: 'S256' }),
      {
        jar,
        stopAt,
      },
    );
    expect(page.body).toContain('Continue with Google');
    const fields = Object.fromEntries(new URL(page.url).searchParams);

    const wrong = await walk(`${stack.oauthDomain}/login`, {
      jar,
      stopAt,
      form: { ...fields, username: email, password: 'Wrong-Passw0rd!' },
    });
    expect(wrong.body).toContain('Incorrect username or password.');
    const right = await walk(`${stack.oauthDomain}/login`, {
      jar,
      stopAt,
      form: { ...fields, username: email, password: 'Local-Passw0rd!' },
    });
    const code = codeOf(right.stoppedAt as URL);
    const tokens = await exchange(code, { code_verifier: pkce.verifier });

    expect(tokens.status).toBe(200);
    expect(JSON.parse(Buffer.from(tokens.body.id_token.split('.')[1], 'base64url').toString())).toMatchObject({
      sub: native.sub,
      email,
      email_verified: true,
    });
  });
});

describe('logout and discovery', () => {
  it('sends the user to a registered sign-out URL, and refuses any other', async () => {
    const ok = await fetch(
      `${stack.oauthDomain}/logout?client_id=${stack.userPoolClientId}&logout_uri=${encodeURIComponent('http://localhost:3000/')}`,
      { redirect: 'manual' },
    );
    const evil = await fetch(
      `${stack.oauthDomain}/logout?client_id=${stack.userPoolClientId}&logout_uri=${encodeURIComponent('https://evil.example/')}`,
      { redirect: 'manual' },
    );

    expect([ok.status, ok.headers.get('location')]).toEqual([302, 'http://localhost:3000/']);
    expect(evil.status).toBe(302);
    expect(evil.headers.get('location')).toMatch(/^\/error\?error=redirect_mismatch/);
  });

  it('publishes the pool issuer and the domain endpoints, which outputs.json names', async () => {
    const discovery = (await (await fetch(`${stack.oauthDomain}/.well-known/openid-configuration`)).json()) as Record<
      string,
      unknown
    >;

    expect(discovery).toMatchObject({
      issuer: stack.cognitoIssuer,
      authorization_endpoint: `${stack.oauthDomain}/oauth2/authorize`,
      token_endpoint: `${stack.oauthDomain}/oauth2/token`,
      userinfo_endpoint: `${stack.oauthDomain}/oauth2/userInfo`,
      code_challenge_methods_supported: ['S256'],
    });
    expect(Object.keys(stack.authorizeUrls ?? {}).sort()).toEqual(['COGNITO', 'Google', 'LinkedIn']);
    expect(stack.authorizeUrls?.Google).toContain('identity_provider=Google');
  });

  it('answers over https:// on the same port, as Amplify JS calls it, with the development certificate', async () => {
    const url = `${stack.oauthDomain?.replace('http://', 'https://')}/.well-known/openid-configuration`;
    const body = await new Promise<string>((resolve, reject) => {
      get(url, { ca: readFileSync(stack.tlsCertificate) }, (response) => {
        let text = '';
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => resolve(text));
      }).on('error', reject);
    });

    expect(JSON.parse(body).issuer).toBe(stack.cognitoIssuer);
  });
});
