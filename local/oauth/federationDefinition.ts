// What the template says about a user pool's managed login (cdk/constructs/federatedSignIn.ts): its
// domain and its identity providers. The app client's OAuth settings are not here: they live on
// the client itself (CallbackURLs, AllowedOAuthFlows, …), which cognito-local stores.
import { referencedLogicalId, resourcesOfType } from '../template/index.ts';
import type { CfnTemplate, ReferenceResolver } from '../template/index.ts';
import { propertyReader } from '../template/resolveProperty.ts';

/** One AWS::Cognito::UserPoolIdentityProvider. */
export interface IdentityProviderDefinition {
  /** ProviderName: "Google", "LinkedIn", … (what identity_provider= and SupportedIdentityProviders name). */
  name: string;
  /** ProviderType: Google, OIDC, … */
  type: string;
  clientId: string;
  /** authorize_scopes, space-separated in the template. */
  scopes: string[];
  /** User pool attribute → the provider's claim. */
  attributeMapping: Record<string, string>;
  /** oidc_issuer as deployed (locally the stand-in identity provider takes its place). */
  deployedIssuer?: string;
  /** attributes_request_method for OIDC providers: where Cognito reads claims besides the ID token. */
  attributesRequestMethod?: 'GET' | 'POST';
}

/** A pool's managed login: the domain as deployed and its identity providers. */
export interface FederationDefinition {
  /** Domain: a prefix of `<prefix>.auth.<region>.amazoncognito.com`, or a custom domain name. */
  deployedDomain: string;
  providers: IdentityProviderDefinition[];
}

/** The managed login of the pool `poolLogicalId`, or null when the template gives it no domain. */
export function extractFederation(
  template: CfnTemplate,
  resolver: ReferenceResolver,
  poolLogicalId: string,
): FederationDefinition | null {
  const ofPool = (type: string) =>
    resourcesOfType(template, type).filter(
      ([, resource]) => referencedLogicalId(resource.Properties?.UserPoolId) === poolLogicalId,
    );
  const [domain] = ofPool('AWS::Cognito::UserPoolDomain');
  if (domain === undefined) return null;
  const providers = ofPool('AWS::Cognito::UserPoolIdentityProvider').map(
    ([logicalId, resource]): IdentityProviderDefinition => {
      const read = propertyReader(logicalId, resource, resolver);
      const details = read.required<Record<string, string>>('ProviderDetails');
      const method = details.attributes_request_method;
      return {
        name: read.required<string>('ProviderName'),
        type: read.required<string>('ProviderType'),
        clientId: details.client_id ?? read.fail('ProviderDetails.client_id', 'is required'),
        scopes: (details.authorize_scopes ?? 'openid').split(/[\s,]+/).filter(Boolean),
        attributeMapping: read.optional<Record<string, string>>('AttributeMapping') ?? {},
        ...(details.oidc_issuer ? { deployedIssuer: details.oidc_issuer } : {}),
        ...(method === 'GET' || method === 'POST' ? { attributesRequestMethod: method } : {}),
      };
    },
  );
  return { deployedDomain: propertyReader(domain[0], domain[1], resolver).required<string>('Domain'), providers };
}
