// "Sign in with Google" in a real browser (Debian's Chromium via playwright-core) against the run's
// local stack: the app sends the browser to the pool's managed login, the user picks Google, types
// an identity at the stand-in provider, and the browser lands on the app's callback with a code
// that the app exchanges with its PKCE verifier for tokens the API accepts. The app's origin
// (localhost:3000) is answered by the test itself; nothing leaves the machine.
import { randomBytes } from 'node:crypto';
import { decodeJwt } from 'jose';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { graphqlClient } from '../support/graphqlClient.ts';
import { pkcePair } from '../support/redirectClient.ts';
import { CALLBACK, authorizeUrl, newIdentity, tokenRequest } from '../integration/oauth/signInFlow.ts';
import type { ConsoleBrowser } from './consoleBrowser.ts';
import { launchChromium, screenshot } from './consoleBrowser.ts';

const stack = inject('localStack');
const gql = graphqlClient(stack.graphqlUrl);
const APP_ORIGIN = new URL(CALLBACK).origin;

let browser: ConsoleBrowser;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.context.newPage();
  // The front end's callback page: the browser only has to arrive there.
  await page.route(`${APP_ORIGIN}/**`, (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>ProLynk app</title><p>signed in</p>' }),
  );
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

/** From the app's "Sign in" to its callback, as a user clicks through it; returns the code and state. */
async function signInInBrowser(act: (page: Page) => Promise<void>) {
  const pkce = pkcePair();
  const state = randomBytes(12).toString('base64url');
  await page.goto(authorizeUrl(stack, { state, code_challenge: pkce.challenge, code_challenge_method: 'S256' }));
  await page.getByRole('link', { name: 'Continue with Google' }).click();
  await page.getByRole('heading', { name: 'Sign in with Google' }).waitFor();
  await act(page);
  await page.waitForURL((url) => url.origin === APP_ORIGIN, { timeout: 20_000 });
  const callback = new URL(page.url());
  return { callback, pkce, state };
}

/** The app's side: exchange the callback's code with the verifier. */
async function exchange(code: string, verifier: string) {
  const { status, body } = await tokenRequest(stack, {
    grant_type: 'authorization_code',
    client_id: stack.userPoolClientId,
    code,
    redirect_uri: CALLBACK,
    code_verifier: verifier,
  });
  expect(status, JSON.stringify(body)).toBe(200);
  return { accessToken: body.access_token as string, id: decodeJwt(body.id_token as string) };
}

describe('sign-in with Google in Chromium', { timeout: 60_000 }, () => {
  const identity = newIdentity('Grace Hopper');
  let firstSub: unknown;

  it('goes from the managed login through the stand-in to the callback, with tokens the API accepts', async () => {
    const { callback, pkce, state } = await signInInBrowser(async (at) => {
      await at.getByLabel('Email', { exact: true }).fill(identity.email);
      await at.getByLabel('Name', { exact: true }).fill('Grace Hopper');
      await screenshot(at, 'oauth-01-stand-in');
      await at.getByRole('button', { name: 'Continue' }).click();
    });
    expect(callback.pathname).toBe(new URL(CALLBACK).pathname);
    expect(callback.searchParams.get('state')).toBe(state);
    const code = callback.searchParams.get('code');
    expect(code).toMatch(/\S{16,}/);

    const tokens = await exchange(code as string, pkce.verifier);
    expect(tokens.id).toMatchObject({ email: identity.email, 'custom:fullname': 'Grace Hopper' });
    expect(String(tokens.id['cognito:username'])).toMatch(/^google_/);
    firstSub = tokens.id.sub;
    const me = await gql.post('{ me { userId email fullName } }', {}, { authorization: tokens.accessToken });
    expect(me.body).toEqual({ data: { me: { userId: firstSub, email: identity.email, fullName: 'Grace Hopper' } } });

    const foreign = browser.requests.filter((url) => !/^https?:\/\/(localhost|127\.0\.0\.1)[:/]/.test(url));
    expect(foreign).toEqual([]);
  });

  it('signs the same person in again, picked from the recent identities, as the same user', async () => {
    await browser.context.clearCookies();
    const { callback, pkce } = await signInInBrowser(async (at) => {
      await at.getByRole('button', { name: `Grace Hopper <${identity.email}>` }).click();
    });
    const tokens = await exchange(callback.searchParams.get('code') as string, pkce.verifier);
    expect(tokens.id.sub).toBe(firstSub);
  });

  it('refuses the code without the verifier the browser’s app holds', async () => {
    await browser.context.clearCookies();
    const { callback } = await signInInBrowser(async (at) => {
      await at.getByRole('button', { name: `Grace Hopper <${identity.email}>` }).click();
    });
    const { status, body } = await tokenRequest(stack, {
      grant_type: 'authorization_code',
      client_id: stack.userPoolClientId,
      code: callback.searchParams.get('code') as string,
      redirect_uri: CALLBACK,
      code_verifier: pkcePair().verifier,
    });
    expect([status, body.error]).toEqual([400, 'invalid_grant']);
  });
});
