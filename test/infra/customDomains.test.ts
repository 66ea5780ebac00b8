// The optional per-stage settings no default stage uses: custom domains and SES mail.
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { stageConfig } from '../../cdk/config/stages.ts';
import { ProLynkStack } from '../../cdk/prolynkStack.ts';
import { testTempDir } from '../support/tempDirs.ts';

const certificate = (name: string) => `arn:aws:acm:us-east-1:111122223333:certificate/${name}`;
let template: Template;

beforeAll(() => {
  const app = new App({ outdir: testTempDir('prolynk-domains-') });
  const stack = new ProLynkStack(app, 'ProLynk-prod', {
    stage: {
      ...stageConfig('prod'),
      customDomains: {
        graphql: { domainName: 'api.prolynk.example.com', certificateArn: certificate('graphql') },
        rest: { domainName: 'rest.prolynk.example.com', certificateArn: certificate('rest') },
        assets: { domainName: 'assets.prolynk.example.com', certificateArn: certificate('assets') },
      },
      sesSender: { fromAddress: 'hello@prolynk.example.com', fromName: 'ProLynk', region: 'eu-west-1' },
    },
  });
  template = Template.fromStack(stack);
}, 120_000);

describe('optional stage settings', () => {
  it('serves the GraphQL API, the REST API and the assets on their custom domains, with the DNS targets as outputs', () => {
    template.hasResourceProperties('AWS::AppSync::DomainName', {
      DomainName: 'api.prolynk.example.com',
      CertificateArn: certificate('graphql'),
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::DomainName', { DomainName: 'rest.prolynk.example.com' });
    template.resourceCountIs('AWS::ApiGatewayV2::ApiMapping', 1);
    const [distribution] = Object.values(template.findResources('AWS::CloudFront::Distribution'));
    expect(distribution.Properties.DistributionConfig).toMatchObject({
      Aliases: ['assets.prolynk.example.com'],
      ViewerCertificate: { AcmCertificateArn: certificate('assets'), MinimumProtocolVersion: 'TLSv1.2_2021' },
    });
    for (const output of ['GraphqlDomainTarget', 'RestDomainTarget', 'AssetsDomainTarget'])
      template.hasOutput(output, {});
    template.hasOutput('AssetsBaseUrl', { Value: 'https://assets.prolynk.example.com' });
  });

  it('sends Cognito mail through SES from the configured identity', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      EmailConfiguration: {
        EmailSendingAccount: 'DEVELOPER',
        From: 'ProLynk <hello@prolynk.example.com>',
        SourceArn: Match.anyValue(),
      },
    });
  });
});
