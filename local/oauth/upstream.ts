// Cognito's side of a sign-in through an external provider: it sends the user to the provider's
// authorization endpoint with its own redirect URI (`/oauth2/idpresponse`), exchanges the code it
// gets back with the client secret, verifies the ID token against the provider's keys and, for an
// OIDC provider with attributes_request_method, reads the userinfo endpoint; then it maps claims
// to user pool attributes with the provider's AttributeMapping.
import { createRemoteJWKSet, jwtVerify } from 'jose';
import type { JWTPayload, JWTVerifyGetKey } from 'jose';
import type { IdentityProviderDefinition } from './federationDefinition.ts';

/** An external provider as the local domain reaches it (locally, the stand-in identity provider). */
export interface UpstreamProvider {
  definition: IdentityProviderDefinition;
  issuer: string;
  clientSecret: string;
}

interface Discovery {
  authorization_endpoint: string;
  token_endpoint: string;
  userinfo_endpoint?: string;
  jwks_uri: string;
}

/** What the provider says about the user: its subject and its claims (ID token, then userinfo). */
export interface UpstreamIdentity {
  userId: string;
  claims: Record<string, unknown>;
}

const discoveries = new Map<string, Promise<Discovery>>();
const keySets = new Map<string, JWTVerifyGetKey>();

async function discover(issuer: string): Promise<Discovery> {
  let discovery = discoveries.get(issuer);
  if (discovery === undefined) {
    discovery = fetch(`${issuer}/.well-known/openid-configuration`).then(async (response) => {
      if (!response.ok) throw new Error(`${issuer} discovery answered HTTP ${response.status}`);
      return (await response.json()) as Discovery;
    });
    discoveries.set(issuer, discovery);
    discovery.catch(() => discoveries.delete(issuer));
  }
  return discovery;
}

/** Where to send the user to sign in at the provider. */
export async function upstreamAuthorizeUrl(
  provider: UpstreamProvider,
  redirectUri: string,
  state: string,
  nonce: string,
): Promise<string> {
  const { authorization_endpoint } = await discover(provider.issuer);
  const url = new URL(authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: provider.definition.clientId,
    redirect_uri: redirectUri,
    scope: provider.definition.scopes.join(' '),
    state,
    nonce,
  }).toString();
  return url.toString();
}

/** Exchanges the provider's code and returns the verified identity. */
export async function exchangeUpstreamCode(
  provider: UpstreamProvider,
  code: string,
  redirectUri: string,
  nonce: string,
): Promise<UpstreamIdentity> {
  const discovery = await discover(provider.issuer);
  const basic = Buffer.from(
    `${encodeURIComponent(provider.definition.clientId)}:${encodeURIComponent(provider.clientSecret)}`,
  ).toString('base64');
  const response = await fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri }),
  });
  const tokens = (await response.json()) as { id_token?: string; access_token?: string; error?: string };
  if (!response.ok || tokens.id_token === undefined) {
    // Cognito's words for a provider's refusal: "<IdP name> Error - <status> error getting token".
    throw new Error(`${provider.definition.name} Error - ${response.status} ${tokens.error ?? 'error getting token'}`);
  }
  let keys = keySets.get(discovery.jwks_uri);
  if (keys === undefined) {
    keys = createRemoteJWKSet(new URL(discovery.jwks_uri));
    keySets.set(discovery.jwks_uri, keys);
  }
  const { payload } = await jwtVerify(tokens.id_token, keys, {
    issuer: provider.issuer,
    audience: provider.definition.clientId,
  });
  if (payload.nonce !== nonce)
    throw new Error(`${provider.definition.name} Error - the ID token's nonce does not match`);
  const claims: Record<string, unknown> = { ...payload };
  const method = provider.definition.attributesRequestMethod;
  if (method !== undefined && discovery.userinfo_endpoint && tokens.access_token) {
    Object.assign(claims, await userInfo(discovery.userinfo_endpoint, tokens.access_token, method));
  }
  return { userId: String((payload as JWTPayload).sub), claims };
}

async function userInfo(
  endpoint: string,
  accessToken: string,
  method: 'GET' | 'POST',
): Promise<Record<string, unknown>> {
  const response = await fetch(endpoint, { method, headers: { authorization: `Bearer ${accessToken}` } });
  if (!response.ok) throw new Error(`userinfo answered HTTP ${response.status}`);
  return (await response.json()) as Record<string, unknown>;
}

/** User pool attributes from the provider's claims (AttributeMapping: attribute → claim); values as strings. */
export function mapAttributes(
  mapping: Record<string, string>,
  claims: Record<string, unknown>,
): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const [attribute, claim] of Object.entries(mapping)) {
    const value = claims[claim];
    if (value !== undefined && value !== null) attributes[attribute] = String(value);
  }
  return attributes;
}
