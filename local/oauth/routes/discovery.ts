// GET /.well-known/openid-configuration on the domain: the pool's issuer and keys (cognito-local
// serves those) with the domain's endpoints, for OIDC client libraries. (cognito-local's own
// discovery document names a fixed localhost:9229, see local/services/cognito.ts.)
import type { Hono } from 'hono';
import type { ManagedLoginContext } from '../context.ts';

/** Registers the discovery document. */
export function discoveryRoutes(app: Hono, ctx: ManagedLoginContext): void {
  app.get('/.well-known/openid-configuration', (c) =>
    c.json({
      issuer: ctx.issuer,
      jwks_uri: `${ctx.issuer}/.well-known/jwks.json`,
      authorization_endpoint: `${ctx.baseUrl}/oauth2/authorize`,
      token_endpoint: `${ctx.baseUrl}/oauth2/token`,
      userinfo_endpoint: `${ctx.baseUrl}/oauth2/userInfo`,
      end_session_endpoint: `${ctx.baseUrl}/logout`,
      response_types_supported: ['code'],
      grant_types_supported: ['authorization_code', 'refresh_token'],
      scopes_supported: ['openid', 'email', 'phone', 'profile'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      code_challenge_methods_supported: ['S256'],
    }),
  );
}
