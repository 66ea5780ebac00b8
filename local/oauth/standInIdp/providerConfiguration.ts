// oidc-provider's configuration for one stand-in provider (its docs/README.md "Configuration
// options"): one confidential client (the user pool), claims in the ID token as Google and
// LinkedIn put them, no consent screen, a sign-in page on every authorization.
import { randomBytes } from 'node:crypto';
import { interactionPolicy } from 'oidc-provider';
import type { KoaContextWithOIDC } from 'oidc-provider';
import { errorPage } from '../pages.ts';
import type { accountStore } from './accounts.ts';
import type { StandInProviderSpec } from './createStandInIdp.ts';
import { memoryAdapter } from './memoryAdapter.ts';

/** The Provider configuration for `spec`, mounted under `/<slug>`, signing with `jwk`. */
export function providerConfiguration(
  slug: string,
  spec: StandInProviderSpec,
  jwk: Record<string, unknown>,
  accounts: ReturnType<typeof accountStore>,
): Record<string, unknown> {
  const policy = interactionPolicy.base();
  // Every authorization asks who is signing in (the real providers would reuse their session).
  policy
    .get('login')
    ?.checks.push(
      new interactionPolicy.Check(
        'every_sign_in',
        'the stand-in asks for an identity each time',
        'login_required',
        (ctx) => !ctx.oidc.result?.login,
      ),
    );
  return {
    clients: [
      {
        client_id: spec.clientId,
        client_secret: spec.clientSecret,
        redirect_uris: [spec.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    adapter: memoryAdapter(),
    jwks: { keys: [jwk] },
    cookies: {
      keys: [randomBytes(32).toString('base64url')],
      names: { session: `_${slug}_session`, interaction: `_${slug}_interaction`, resume: `_${slug}_resume` },
    },
    findAccount: async (_ctx: unknown, sub: string) => {
      const account = accounts.get(sub);
      return account && { accountId: sub, claims: async () => ({ ...account }) };
    },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'given_name', 'family_name', 'picture'],
    },
    // Google's and LinkedIn's ID tokens carry the profile and email claims.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    interactions: {
      url: (_ctx: unknown, interaction: { uid: string }) => `/${slug}/interaction/${interaction.uid}`,
      policy,
    },
    // The user pool is a confidential client: it authenticates with its secret, not PKCE.
    pkce: { required: () => false },
    clientBasedCORS: () => false,
    // No consent screen: the grant is what the client asked for.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const { client, session, params, provider: self } = ctx.oidc;
      if (client === undefined || session?.accountId === undefined) return undefined;
      const grant = new self.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope(String(params?.scope ?? 'openid'));
      await grant.save();
      return grant;
    },
    ttl: {
      AccessToken: 3_600,
      AuthorizationCode: 600,
      IdToken: 3_600,
      Interaction: 3_600,
      Session: 3_600,
      Grant: 3_600,
    },
    renderError: async (ctx: KoaContextWithOIDC, out: { error: string; error_description?: string }) => {
      ctx.type = 'html';
      ctx.body = errorPage(out.error, out.error_description);
    },
  };
}
