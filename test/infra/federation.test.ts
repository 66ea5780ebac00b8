import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FederationConfig } from '../../cdk/config/federation.ts';
import { FIXTURE_RESOLVERS_DIR, synthesizeStack } from './fixtures/synthesizeStack.ts';

const WITH_PROVIDERS: FederationConfig = {
  domain: { prefix: 'prolynk-test' },
  callbackUrls: ['http://localhost:3000/auth/callback', 'https://app.prolynk.example/auth/callback'],
  logoutUrls: ['http://localhost:3000/'],
  google: {
    clientId: 'google-client.apps.googleusercontent.com',
    clientSecret: { secretId: 'prolynk/test/oauth/google', jsonField: 'client_secret' },
  },
  linkedIn: {
    clientId: 'linkedin-client',
    clientSecret: { secretId: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prolynk/test/linkedin-AbCdEf' },
    issuerUrl: 'https://www.linkedin.com/oauth',
  },
};

function synthesized(federation?: FederationConfig) {
  const result = synthesizeStack({ resolversDir: FIXTURE_RESOLVERS_DIR, federation });
  return { ...result, template: Template.fromStack(result.stack) };
}

function onlyResource(template: Template, type: string) {
  const resources = Object.entries(template.findResources(type));
  expect(resources).toHaveLength(1);
  const [[logicalId, resource]] = resources;
  return { logicalId, ...(resource as { Properties: Record<string, any>; DependsOn?: string[] }) };
}

describe('a stage with Google and LinkedIn', () => {
  let stack: ReturnType<typeof synthesized>;
  beforeAll(() => {
    stack = synthesized(WITH_PROVIDERS);
  });

  it('serves managed login (version 2) on the configured domain prefix, and says where', () => {
    stack.template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: 'prolynk-test',
      ManagedLoginVersion: 2,
      UserPoolId: { Ref: Match.stringLikeRegexp('UserPool') },
    });
    stack.template.hasResourceProperties('AWS::Cognito::ManagedLoginBranding', {
      UseCognitoProvidedValues: true,
      ClientId: { Ref: Match.stringLikeRegexp('WebClient') },
    });
    stack.template.hasOutput('OAuthDomain', {
      Value: {
        'Fn::Join': [
          '',
          ['https://', { Ref: Match.stringLikeRegexp('Domain') }, Match.anyValue(), Match.anyValue(), Match.anyValue()],
        ],
      },
    });
  });

  it('registers Google with its client id and maps email, name → custom:fullname, picture → custom:picture', () => {
    stack.template.hasResourceProperties('AWS::Cognito::UserPoolIdentityProvider', {
      ProviderName: 'Google',
      ProviderType: 'Google',
      ProviderDetails: {
        client_id: 'google-client.apps.googleusercontent.com',
        client_secret: '{{resolve:secretsmanager:prolynk/test/oauth/google:SecretString:client_secret::}}',
        authorize_scopes: 'openid email profile',
      },
      AttributeMapping: {
        email: 'email',
        email_verified: 'email_verified',
        'custom:fullname': 'name',
        'custom:picture': 'picture',
      },
    });
  });

  it('registers LinkedIn as an OIDC provider with its issuer and the same mapping', () => {
    stack.template.hasResourceProperties('AWS::Cognito::UserPoolIdentityProvider', {
      ProviderName: 'LinkedIn',
      ProviderType: 'OIDC',
      ProviderDetails: {
        client_id: 'linkedin-client',
        client_secret: `{{resolve:secretsmanager:${WITH_PROVIDERS.linkedIn?.clientSecret.secretId}:SecretString:::}}`,
        oidc_issuer: 'https://www.linkedin.com/oauth',
        authorize_scopes: 'openid email profile',
        attributes_request_method: 'GET',
      },
      AttributeMapping: {
        email: 'email',
        email_verified: 'email_verified',
        'custom:fullname': 'name',
        'custom:picture': 'picture',
      },
    });
  });

  it('puts no client secret in the template: only Secrets Manager dynamic references', () => {
    const providers = Object.values(stack.template.findResources('AWS::Cognito::UserPoolIdentityProvider'));
    expect(providers).toHaveLength(2);
    for (const provider of providers) {
      expect(provider.Properties.ProviderDetails.client_secret).toMatch(/^\{\{resolve:secretsmanager:[^}]+\}\}$/);
    }
    // No parameter, output or other property carries a secret-looking value either.
    const text = JSON.stringify(stack.template.toJSON());
    expect(
      text.match(/client_secret"\s*:\s*"[^"]*"/g)?.every((entry) => entry.includes('{{resolve:secretsmanager:')),
    ).toBe(true);
  });

  it('lets the app client use the authorization-code grant only, with openid email profile and the stage URLs', () => {
    const client = onlyResource(stack.template, 'AWS::Cognito::UserPoolClient');
    expect(client.Properties).toMatchObject({
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      CallbackURLs: WITH_PROVIDERS.callbackUrls,
      LogoutURLs: WITH_PROVIDERS.logoutUrls,
      SupportedIdentityProviders: ['COGNITO', 'Google', 'LinkedIn'],
      // A public client: PKCE is its proof at the token endpoint, never a secret.
      GenerateSecret: false,
    });
    // CloudFormation refuses a client naming providers that do not exist yet.
    const providerIds = Object.keys(stack.template.findResources('AWS::Cognito::UserPoolIdentityProvider'));
    expect([...(client.DependsOn ?? [])].sort()).toEqual(providerIds.sort());
  });

  it('passes cdk-nag AwsSolutions', () => {
    const report = new AwsSolutionsChecks(stack.app).validateScope(stack.app);
    expect(report.violations.map((violation) => violation.ruleName)).toEqual([]);
  });

  it('passes cfn-lint without errors, and without any finding on the auth resources', { timeout: 60_000 }, () => {
    stack.app.synth();
    const file = join(stack.outdir, stack.stack.templateFile);
    let output = '[]';
    try {
      output = execFileSync('cfn-lint', ['--format', 'json', file], { encoding: 'utf8' });
    } catch (error) {
      const failure = error as { status: number; stdout: string };
      // cfn-lint's exit code is a bit set: 2 errors, 4 warnings, 8 informational.
      expect(failure.status & 2).toBe(0);
      output = failure.stdout;
    }
    const findings = JSON.parse(output) as { Rule: { Id: string }; Location: { Path: string[] } }[];
    expect(findings.filter((finding) => finding.Rule.Id.startsWith('E'))).toEqual([]);
    expect(findings.filter((finding) => /^Resources\/Auth/.test(finding.Location.Path.join('/')))).toEqual([]);
  });
});

describe('a stage with the domain but no providers', () => {
  it('runs managed login with email and password only', () => {
    const { google: _google, linkedIn: _linkedIn, ...emailOnly } = WITH_PROVIDERS;
    const { template } = synthesized(emailOnly);

    template.resourceCountIs('AWS::Cognito::UserPoolIdentityProvider', 0);
    template.resourceCountIs('AWS::Cognito::UserPoolDomain', 1);
    const client = onlyResource(template, 'AWS::Cognito::UserPoolClient');
    expect(client.Properties).toMatchObject({ SupportedIdentityProviders: ['COGNITO'], AllowedOAuthFlows: ['code'] });
    expect(client.DependsOn).toBeUndefined();
  });

  it('serves a custom domain with its ACM certificate', () => {
    const { template } = synthesized({
      ...WITH_PROVIDERS,
      domain: {
        customDomain: 'auth.prolynk.example',
        certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0f0e0d0c-0000-4000-8000-000000000000',
      },
    });

    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: 'auth.prolynk.example',
      CustomDomainConfig: {
        CertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0f0e0d0c-0000-4000-8000-000000000000',
      },
    });
    template.hasOutput('OAuthDomain', { Value: 'https://auth.prolynk.example' });
  });
});

describe('a stage without federation', () => {
  it('has no domain, no providers, and an app client with OAuth off', () => {
    const { template } = synthesized();

    template.resourceCountIs('AWS::Cognito::UserPoolDomain', 0);
    template.resourceCountIs('AWS::Cognito::UserPoolIdentityProvider', 0);
    template.resourceCountIs('AWS::Cognito::ManagedLoginBranding', 0);
    const client = onlyResource(template, 'AWS::Cognito::UserPoolClient');
    expect(client.Properties.AllowedOAuthFlowsUserPoolClient).toBe(false);
    expect(client.Properties.CallbackURLs).toBeUndefined();
    expect(client.Properties.AllowedOAuthFlows).toBeUndefined();
    expect(template.findOutputs('OAuthDomain')).toEqual({});
  });
});
