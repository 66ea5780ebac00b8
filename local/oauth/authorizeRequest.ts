// Checks an /oauth2/authorize request against its app client, in the order Cognito documents
// ("Authorize endpoint"): an unknown client or a redirect URI not on the client's list never
// redirects (the user sees an error page); any other problem is sent to the redirect URI as
// `error=…` with the caller's state.
import type { StoredAppClient } from '../services/cognito.ts';

/** A request that may proceed to sign-in. */
export interface AuthorizationRequest {
  clientId: string;
  redirectUri: string;
  state?: string;
  scopes: string[];
  codeChallenge: string;
  nonce?: string;
  /** identity_provider: COGNITO or an external provider's name; absent: the sign-in page offers all. */
  identityProvider?: string;
}

/** The verdict on an authorize request. */
export type AuthorizeOutcome =
  | { kind: 'ok'; request: AuthorizationRequest }
  | { kind: 'error-page'; error: string; description: string }
  | { kind: 'redirect-error'; redirectUri: string; error: string; description: string; state?: string };

const OIDC_DEPENDENT_SCOPES = ['email', 'profile', 'phone'];
// RFC 7636 §4.2: a base64url SHA-256 is 43 characters.
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

/** Validates the query of /oauth2/authorize for `client` (null when client_id names none). */
export function checkAuthorizeRequest(
  query: Record<string, string | undefined>,
  client: StoredAppClient | null,
): AuthorizeOutcome {
  if (client === null)
    return { kind: 'error-page', error: 'invalid_request', description: 'client_id is missing or unknown.' };
  const redirectUri = query.redirect_uri;
  if (!redirectUri || !(client.CallbackURLs ?? []).includes(redirectUri)) {
    return {
      kind: 'error-page',
      error: 'redirect_mismatch',
      description: "redirect_uri is not one of the app client's callback URLs.",
    };
  }
  const refuse = (error: string, description: string): AuthorizeOutcome => ({
    kind: 'redirect-error',
    redirectUri,
    error,
    description,
    ...(query.state === undefined ? {} : { state: query.state }),
  });

  if (client.AllowedOAuthFlowsUserPoolClient !== true)
    return refuse('unauthorized_client', 'The app client is not enabled for OAuth.');
  const responseType = query.response_type;
  if (!responseType) return refuse('invalid_request', 'response_type is required.');
  if (responseType === 'token' || (responseType === 'code' && !(client.AllowedOAuthFlows ?? []).includes('code')))
    return refuse('unauthorized_client', `The app client may not use response_type ${responseType}.`);
  if (responseType !== 'code') return refuse('unsupported_response_type', 'response_type must be code.');

  if (query.code_challenge_method !== undefined && query.code_challenge_method !== 'S256')
    return refuse('invalid_request', 'code_challenge_method must be S256.');
  // Stricter than AWS, which lets a code grant go without PKCE: this project's clients are public
  // and must prove possession of the code (cdk/constructs/federatedSignIn.ts).
  if (!query.code_challenge || query.code_challenge_method === undefined)
    return refuse('invalid_request', 'PKCE is required: send code_challenge and code_challenge_method=S256.');
  if (!S256_CHALLENGE.test(query.code_challenge))
    return refuse('invalid_request', 'code_challenge must be a base64url SHA-256 (43 characters).');

  const allowed = client.AllowedOAuthScopes ?? [];
  const scopes = query.scope ? query.scope.split(' ').filter(Boolean) : allowed;
  if (scopes.some((scope) => !allowed.includes(scope)))
    return refuse('invalid_scope', 'A requested scope is not allowed for the app client.');
  if (scopes.some((scope) => OIDC_DEPENDENT_SCOPES.includes(scope)) && !scopes.includes('openid'))
    return refuse('invalid_scope', 'email, profile and phone need the openid scope.');

  if (query.idp_identifier !== undefined)
    return refuse('invalid_request', 'idp_identifier is not supported locally; use identity_provider.');
  const provider = query.identity_provider;
  if (provider !== undefined && !(client.SupportedIdentityProviders ?? []).includes(provider))
    return refuse('invalid_request', `The app client does not support the identity provider ${provider}.`);

  return {
    kind: 'ok',
    request: {
      clientId: client.ClientId,
      redirectUri,
      scopes,
      codeChallenge: query.code_challenge,
      ...(query.state === undefined ? {} : { state: query.state }),
      ...(query.nonce === undefined ? {} : { nonce: query.nonce }),
      ...(provider === undefined ? {} : { identityProvider: provider }),
    },
  };
}

/** `redirectUri` with the given query parameters added. */
export function withQuery(redirectUri: string, parameters: Record<string, string | undefined>): string {
  const url = new URL(redirectUri);
  for (const [name, value] of Object.entries(parameters)) if (value !== undefined) url.searchParams.set(name, value);
  return url.toString();
}
