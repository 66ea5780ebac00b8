// Sign-in through Cognito's managed login with Google and LinkedIn (docs/rest-contract.md
// "Authentication"), configured per stage. A stage without `google` and `linkedIn`
// still gets the domain and the authorization-code flow, for email and password only; a stage
// without a FederationConfig at all keeps OAuth disabled on the app client.

/** A client secret kept in Secrets Manager; CloudFormation resolves it at deploy time (a dynamic reference). */
export interface SecretReference {
  /** The secret's name or full ARN. */
  secretId: string;
  /** The JSON key holding the value when the secret is a JSON object; absent for a plain-text secret. */
  jsonField?: string;
}

/** Where managed login is served: a prefix of `<prefix>.auth.<region>.amazoncognito.com`, or a domain of your own. */
export type FederationDomain =
  | { prefix: string }
  | {
      /** e.g. `auth.prolynk.example`. */
      customDomain: string;
      /** An ACM certificate for customDomain, in us-east-1 (Cognito serves custom domains through CloudFront). */
      certificateArn: string;
    };

/** Google as a social identity provider (its OAuth client from the Google Cloud console). */
export interface GoogleProviderConfig {
  clientId: string;
  clientSecret: SecretReference;
}

/** LinkedIn as an OpenID Connect provider ("Sign In with LinkedIn using OpenID Connect"). */
export interface LinkedInProviderConfig {
  clientId: string;
  clientSecret: SecretReference;
  /** Cognito discovers the endpoints from `<issuerUrl>/.well-known/openid-configuration`. */
  issuerUrl: string;
}

/** One stage's federated sign-in: where the domain is, which providers, and where users return to. */
export interface FederationConfig {
  domain: FederationDomain;
  /** The app's callback URLs: where managed login redirects with `?code=…&state=…`. */
  callbackUrls: string[];
  /** Where `/logout?logout_uri=…` may send users afterwards. */
  logoutUrls: string[];
  google?: GoogleProviderConfig;
  linkedIn?: LinkedInProviderConfig;
}

/** The provider names the user pool registers (Cognito requires "Google" for the Google type). */
export const PROVIDER_NAMES = { google: 'Google', linkedIn: 'LinkedIn' } as const;

/** LinkedIn's OpenID Connect issuer. */
export const LINKEDIN_ISSUER = 'https://www.linkedin.com/oauth';

/** The seed's development callback URLs (front ends on ports 3000 and 8080), and their sign-out pages. */
export const DEVELOPMENT_REDIRECTS = {
  callbackUrls: ['http://localhost:3000/auth/callback', 'http://localhost:8080/auth/callback'],
  logoutUrls: ['http://localhost:3000/', 'http://localhost:8080/'],
} as const;

/**
 * The local and dev stages: the seed's localhost URLs, both providers with development client ids,
 * and their secrets under `<project>/dev/…` in Secrets Manager. Locally the ids are whatever the
 * template says: the stand-in identity provider registers them (local/oauth/).
 */
export function developmentFederation(projectName: string): FederationConfig {
  return {
    domain: { prefix: `${projectName}-dev` },
    callbackUrls: [...DEVELOPMENT_REDIRECTS.callbackUrls],
    logoutUrls: [...DEVELOPMENT_REDIRECTS.logoutUrls],
    google: {
      clientId: 'prolynk-dev.apps.googleusercontent.com',
      clientSecret: { secretId: `${projectName}/dev/oauth/google`, jsonField: 'client_secret' },
    },
    linkedIn: {
      clientId: 'prolynk-dev-linkedin',
      clientSecret: { secretId: `${projectName}/dev/oauth/linkedin`, jsonField: 'client_secret' },
      issuerUrl: LINKEDIN_ISSUER,
    },
  };
}
