import { describe, expect, it } from 'vitest';
import { checkAuthorizeRequest } from '../../../local/oauth/authorizeRequest.ts';
import type { StoredAppClient } from '../../../local/services/cognito.ts';

const client: StoredAppClient = {
  ClientId: 'client-1',
  ClientName: 'web',
  UserPoolId: 'local_pool',
  CallbackURLs: ['http://localhost:3000/auth/callback'],
  AllowedOAuthFlows: ['code'],
  AllowedOAuthFlowsUserPoolClient: true,
  AllowedOAuthScopes: ['openid', 'email', 'profile'],
  SupportedIdentityProviders: ['COGNITO', 'Google'],
};
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';
const valid = {
  client_id: 'client-1',
  redirect_uri: 'http://localhost:3000/auth/callback',
  response_type: 'code',
  code_challenge: CHALLENGE,
  code_challenge_method: 'S256',
  state: 'xyz',
};

describe('checking an authorize request', () => {
  it('accepts a code request with PKCE, defaulting to all the client scopes', () => {
    expect(checkAuthorizeRequest(valid, client)).toEqual({
      kind: 'ok',
      request: {
        clientId: 'client-1',
        redirectUri: 'http://localhost:3000/auth/callback',
        scopes: ['openid', 'email', 'profile'],
        codeChallenge: CHALLENGE,
        state: 'xyz',
      },
    });
  });

  it('shows an error page, never redirecting, for an unknown client or an unlisted redirect URI', () => {
    expect(checkAuthorizeRequest(valid, null)).toMatchObject({ kind: 'error-page', error: 'invalid_request' });
    for (const redirect_uri of [undefined, 'http://localhost:3000/auth/callback?x=1', 'https://evil.example/cb']) {
      expect(checkAuthorizeRequest({ ...valid, redirect_uri }, client)).toMatchObject({
        kind: 'error-page',
        error: 'redirect_mismatch',
      });
    }
  });

  it('sends the other problems to the app with its state', () => {
    const cases: [Record<string, string | undefined>, StoredAppClient, string][] = [
      [{}, { ...client, AllowedOAuthFlowsUserPoolClient: false }, 'unauthorized_client'],
      [{ response_type: 'token' }, client, 'unauthorized_client'],
      [{}, { ...client, AllowedOAuthFlows: ['implicit'] }, 'unauthorized_client'],
      [{ response_type: 'code id_token' }, client, 'unsupported_response_type'],
      [{ code_challenge_method: 'plain' }, client, 'invalid_request'],
      [{ code_challenge: undefined }, client, 'invalid_request'],
      [{ code_challenge: 'short' }, client, 'invalid_request'],
      [{ scope: 'openid phone' }, client, 'invalid_scope'],
      [{ scope: 'profile' }, client, 'invalid_scope'],
      [{ identity_provider: 'LinkedIn' }, client, 'invalid_request'],
      [{ idp_identifier: 'example.com' }, client, 'invalid_request'],
    ];
    for (const [overrides, withClient, error] of cases) {
      expect(checkAuthorizeRequest({ ...valid, ...overrides }, withClient)).toMatchObject({
        kind: 'redirect-error',
        redirectUri: valid.redirect_uri,
        error,
        state: 'xyz',
      });
    }
  });
});
