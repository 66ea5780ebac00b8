import { SecretValue } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  CfnManagedLoginBranding,
  ManagedLoginVersion,
  OAuthScope,
  OidcAttributeRequestMethod,
  ProviderAttribute,
  UserPoolClientIdentityProvider,
  UserPoolIdentityProviderGoogle,
  UserPoolIdentityProviderOidc,
} from 'aws-cdk-lib/aws-cognito';
import type {
  IUserPool,
  IUserPoolIdentityProvider,
  UserPoolClient,
  UserPoolClientOptions,
  UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { PROVIDER_NAMES } from '../config/federation.ts';
import type { FederationConfig, SecretReference } from '../config/federation.ts';

export interface FederatedSignInProps {
  userPool: IUserPool;
  config: FederationConfig;
}

// What the seed's users carry from their provider: the email, the display name and the picture
// (custom:fullname and custom:picture are the seed's attribute names, cdk/constructs/userDirectory.ts).
const OAUTH_SCOPES = ['openid', 'email', 'profile'];

/**
 * Managed login for one user pool: its domain, Google and LinkedIn as identity providers when
 * configured, and the OAuth settings (authorization code with PKCE, the stage's callback and
 * logout URLs) the app client takes from `clientOptions()`.
 */
export class FederatedSignIn extends Construct {
  readonly domain: UserPoolDomain;
  /** The names the app client lists in SupportedIdentityProviders, COGNITO first. */
  readonly providerNames: string[];
  private readonly providers: IUserPoolIdentityProvider[] = [];
  private readonly config: FederationConfig;
  private readonly userPool: IUserPool;

  constructor(scope: Construct, id: string, props: FederatedSignInProps) {
    super(scope, id);
    this.config = props.config;
    this.userPool = props.userPool;
    this.domain = this.addDomain(props.userPool, props.config);
    const { google, linkedIn } = props.config;
    if (google) {
      this.providers.push(
        new UserPoolIdentityProviderGoogle(this, 'Google', {
          userPool: props.userPool,
          clientId: google.clientId,
          clientSecretValue: secretValue(google.clientSecret),
          scopes: OAUTH_SCOPES,
          attributeMapping: {
            email: ProviderAttribute.GOOGLE_EMAIL,
            emailVerified: ProviderAttribute.GOOGLE_EMAIL_VERIFIED,
            custom: {
              'custom:fullname': ProviderAttribute.GOOGLE_NAME,
              'custom:picture': ProviderAttribute.GOOGLE_PICTURE,
            },
          },
        }),
      );
    }
    if (linkedIn) {
      this.providers.push(
        new UserPoolIdentityProviderOidc(this, 'LinkedIn', {
          userPool: props.userPool,
          name: PROVIDER_NAMES.linkedIn,
          clientId: linkedIn.clientId,
          // A `{{resolve:secretsmanager:…}}` dynamic reference, never the value (the OIDC props take a string).
          clientSecret: secretValue(linkedIn.clientSecret).unsafeUnwrap(),
          issuerUrl: linkedIn.issuerUrl,
          scopes: OAUTH_SCOPES,
          attributeRequestMethod: OidcAttributeRequestMethod.GET,
          attributeMapping: {
            email: ProviderAttribute.other('email'),
            emailVerified: ProviderAttribute.other('email_verified'),
            custom: {
              'custom:fullname': ProviderAttribute.other('name'),
              'custom:picture': ProviderAttribute.other('picture'),
            },
          },
        }),
      );
    }
    this.providerNames = [
      'COGNITO',
      ...(google ? [PROVIDER_NAMES.google] : []),
      ...(linkedIn ? [PROVIDER_NAMES.linkedIn] : []),
    ];
  }

  /** The app client's OAuth settings: code grant only (PKCE is the public client's proof), the stage's URLs. */
  clientOptions(): Pick<UserPoolClientOptions, 'oAuth' | 'supportedIdentityProviders'> {
    return {
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: this.config.callbackUrls,
        logoutUrls: this.config.logoutUrls,
      },
      supportedIdentityProviders: this.providerNames.map((name) =>
        name === 'COGNITO' ? UserPoolClientIdentityProvider.COGNITO : UserPoolClientIdentityProvider.custom(name),
      ),
    };
  }

  /** Makes the client wait for its providers (CloudFormation refuses unknown provider names) and gives it managed login's default branding. */
  attachClient(client: UserPoolClient): void {
    for (const provider of this.providers) client.node.addDependency(provider);
    // Managed login (version 2) shows a client's pages only once it has a branding style.
    new CfnManagedLoginBranding(this, 'Branding', {
      userPoolId: this.userPool.userPoolId,
      clientId: client.userPoolClientId,
      useCognitoProvidedValues: true,
    });
  }

  private addDomain(userPool: IUserPool, config: FederationConfig): UserPoolDomain {
    const managedLoginVersion = ManagedLoginVersion.NEWER_MANAGED_LOGIN;
    if ('prefix' in config.domain) {
      return userPool.addDomain('Domain', {
        cognitoDomain: { domainPrefix: config.domain.prefix },
        managedLoginVersion,
      });
    }
    return userPool.addDomain('Domain', {
      customDomain: {
        domainName: config.domain.customDomain,
        certificate: Certificate.fromCertificateArn(this, 'Certificate', config.domain.certificateArn),
      },
      managedLoginVersion,
    });
  }

  /** Where managed login lives, e.g. `https://prolynk-dev.auth.us-east-1.amazoncognito.com`. */
  baseUrl(): string {
    if ('prefix' in this.config.domain) return this.domain.baseUrl();
    return `https://${this.config.domain.customDomain}`;
  }
}

function secretValue(secret: SecretReference): SecretValue {
  return SecretValue.secretsManager(secret.secretId, secret.jsonField ? { jsonField: secret.jsonField } : {});
}
