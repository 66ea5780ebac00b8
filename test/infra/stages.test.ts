// The deploy gate (README "Deploying"): every stage synthesizes; its template passes cfn-lint with
// no error and no warning (suppressions carry their reason in the code that adds them), CDK's
// built-in validation and cdk-nag AwsSolutions; and no template differs between two synths.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CfnElement } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { contextOverrides, STAGE_NAMES, stageConfig } from '../../cdk/config/stages.ts';
import { NodeFunction } from '../../cdk/constructs/nodeFunction.ts';
import { REQUIRED_ENVIRONMENT } from '../../functions/lib/environment.ts';
import type { FunctionName } from '../../functions/lib/environment.ts';
import { synthesizeAllStages, synthesizeStage } from './fixtures/stageTemplates.ts';
import type { SynthesizedStage } from './fixtures/stageTemplates.ts';

let stages: SynthesizedStage[];

beforeAll(() => {
  stages = synthesizeAllStages();
  for (const s of stages)
    console.info(
      `${s.stage}: ${Object.keys(s.template.Resources).length} resources, synthesized in ${(s.synthMs / 1000).toFixed(1)} s (validation included)`,
    );
}, 300_000);

const cfnLint = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' });
const cfnLintMissing = cfnLint.error !== undefined || cfnLint.status !== 0;
if (cfnLintMissing)
  console.warn(
    'deploy gate: cfn-lint is not on PATH — the cfn-lint check is SKIPPED (install cfn-lint 1.x to run it).',
  );

describe('every stage', () => {
  it('synthesizes', () => {
    expect(stages.map((s) => s.stage)).toEqual([...STAGE_NAMES]);
    for (const s of stages) expect(Object.keys(s.template.Resources).length).toBeGreaterThan(50);
  });

  it.skipIf(cfnLintMissing)('passes cfn-lint with no error and no warning', { timeout: 180_000 }, () => {
    const result = spawnSync('cfn-lint', ['--format', 'parseable', ...stages.map((s) => s.templateFile)], {
      encoding: 'utf8',
    });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it("passes CDK's built-in CloudFormation validation", () => {
    for (const s of stages) {
      const report = JSON.parse(readFileSync(join(s.outdir, 'validation-report.json'), 'utf8')) as {
        pluginReports: { pluginName: string; violations?: { ruleName: string }[] }[];
      };
      const violations = report.pluginReports.flatMap((plugin) =>
        (plugin.violations ?? []).map((violation) => `${s.stage}: ${plugin.pluginName} ${violation.ruleName}`),
      );
      expect(violations).toEqual([]);
    }
  });

  it('passes cdk-nag AwsSolutions with every acknowledged finding given a reason', () => {
    for (const s of stages) {
      const report = new AwsSolutionsChecks(s.app).validateScope(s.app);
      expect(
        report.violations.map(
          (v) => `${s.stage}: ${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`,
        ),
      ).toEqual([]);
    }
  });

  it('runs every Lambda function, CDK helpers included, on nodejs24.x', () => {
    for (const s of stages) {
      const functions = Object.values(s.template.Resources).filter((r) => r.Type === 'AWS::Lambda::Function');
      expect(functions.length).toBeGreaterThan(0);
      expect(new Set(functions.map((r) => r.Properties?.Runtime))).toEqual(new Set(['nodejs24.x']));
      expect(s.templateText).not.toMatch(/nodejs(1\d|20|22)\.x/);
    }
  });
});

describe('no time bombs', () => {
  afterAll(() => {
    vi.useRealTimers();
  });

  it('synthesizes byte-identical templates a year and a minute apart (no clock at synth)', { timeout: 120_000 }, () => {
    const prod = stages.find((s) => s.stage === 'prod') as SynthesizedStage;
    vi.useFakeTimers({ toFake: ['Date'], now: new Date(Date.now() + 366 * 86_400_000 + 60_000) });
    const later = synthesizeStage('prod', false);
    vi.useRealTimers();

    expect(later.templateText).toBe(prod.templateText);
    expect(prod.templateText).not.toMatch(/"Expires": \d/);
  });
});

type Resource = SynthesizedStage['template']['Resources'][string];
const byStage = (name: string) => stages.find((s) => s.stage === name) as SynthesizedStage;
const resourcesOf = (name: string, type: string): Resource[] =>
  Object.values(byStage(name).template.Resources).filter((r) => r.Type === type);

// Properties that name a resource account- or region-wide (a second resource with the same value collides).
const PHYSICAL_NAME_PROPERTIES: Record<string, string> = {
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::S3::Bucket': 'BucketName',
  'AWS::Cognito::UserPool': 'UserPoolName',
  'AWS::AppSync::GraphQLApi': 'Name',
  'AWS::ApiGatewayV2::Api': 'Name',
  'AWS::WAFv2::WebACL': 'Name',
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::IAM::Role': 'RoleName',
  'AWS::Logs::LogGroup': 'LogGroupName',
  'AWS::SQS::Queue': 'QueueName',
  'AWS::SNS::Topic': 'TopicName',
  'AWS::CloudWatch::Alarm': 'AlarmName',
  'AWS::Events::Rule': 'Name',
};

function physicalNames(name: string): string[] {
  return Object.values(byStage(name).template.Resources).flatMap((resource) => {
    const property = PHYSICAL_NAME_PROPERTIES[resource.Type];
    const value = property ? resource.Properties?.[property] : undefined;
    // A name built from the stack's own resources (e.g. the API id) is unique per stack already.
    return typeof value === 'string' ? [value] : [];
  });
}

describe('stage settings', () => {
  it('gives dev and prod no physical name in common, and lets CloudFormation name their tables and bucket', () => {
    const prod = new Set(physicalNames('prod'));
    expect(physicalNames('dev').filter((name) => prod.has(name))).toEqual([]);
    for (const stage of ['dev', 'prod']) {
      for (const table of resourcesOf(stage, 'AWS::DynamoDB::Table'))
        expect(table.Properties?.TableName).toBeUndefined();
      for (const bucket of resourcesOf(stage, 'AWS::S3::Bucket')) expect(bucket.Properties?.BucketName).toBeUndefined();
      expect(byStage(stage).stack.stackName).toBe(`prolynk-${stage}`);
    }
  });

  it("keeps the seed's names for the local stage", () => {
    expect(resourcesOf('local', 'AWS::DynamoDB::Table').map((t) => t.Properties?.TableName)).toEqual([
      'prolynk-users',
      'prolynk-profiles',
      'prolynk-links',
      'prolynk-stats',
      'prolynk-stats-visitors',
    ]);
    expect(resourcesOf('local', 'AWS::Cognito::UserPool')[0].Properties?.UserPoolName).toBe('prolynk-user-pool');
  });

  it('allows USER_PASSWORD_AUTH only where the stage says so (local); SRP and refresh tokens everywhere', () => {
    for (const s of stages) {
      const [client] = resourcesOf(s.stage, 'AWS::Cognito::UserPoolClient');
      const flows = client.Properties?.ExplicitAuthFlows as string[];
      expect(flows).toEqual(expect.arrayContaining(['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']));
      expect(flows.includes('ALLOW_USER_PASSWORD_AUTH')).toBe(s.stack.stage.auth.userPasswordAuth);
    }
    expect(byStage('prod').stack.stage.auth.userPasswordAuth).toBe(false);
  });

  it("takes the REST API's CORS origins from the stage config (and -c corsOrigins)", () => {
    for (const s of stages) {
      const [api] = resourcesOf(s.stage, 'AWS::ApiGatewayV2::Api');
      expect((api.Properties?.CorsConfiguration as { AllowOrigins: string[] }).AllowOrigins).toEqual(
        s.stack.stage.corsOrigins,
      );
    }
    const custom = contextOverrides(stageConfig('dev'), { corsOrigins: 'https://a.example, https://b.example' });
    expect(custom.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(custom.uploadCorsOrigins).toEqual(custom.corsOrigins);
  });

  it('retains and protects prod data, destroys dev data', () => {
    for (const table of Object.values(byStage('prod').template.Resources).filter(
      (r) => r.Type === 'AWS::DynamoDB::Table',
    )) {
      expect(table).toMatchObject({ DeletionPolicy: 'Retain', Properties: { DeletionProtectionEnabled: true } });
    }
    expect(resourcesOf('prod', 'AWS::Cognito::UserPool')[0].Properties?.DeletionProtection).toBe('ACTIVE');
    for (const table of Object.values(byStage('dev').template.Resources).filter(
      (r) => r.Type === 'AWS::DynamoDB::Table',
    )) {
      expect(table).toMatchObject({ DeletionPolicy: 'Delete' });
    }
  });

  it('serves public assets through CloudFront with origin access control where the stage says so, the bucket fully private', () => {
    for (const stage of ['dev', 'prod']) {
      const [bucket] = resourcesOf(stage, 'AWS::S3::Bucket');
      expect(bucket.Properties?.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      const document = resourcesOf(stage, 'AWS::S3::BucketPolicy')[0].Properties?.PolicyDocument as {
        Statement: { Effect: string; Principal: unknown }[];
      };
      const allowed = document.Statement.filter((statement) => statement.Effect === 'Allow');
      expect(allowed.map((statement) => statement.Principal)).toEqual([{ Service: 'cloudfront.amazonaws.com' }]);
      const policy = JSON.stringify(document);
      expect(policy).toContain('cloudfront.amazonaws.com');
      expect(policy).toContain('/users/*/profile/*');
      expect(resourcesOf(stage, 'AWS::CloudFront::OriginAccessControl')).toHaveLength(1);
      const [api] = resourcesOf(stage, 'AWS::AppSync::GraphQLApi');
      const baseUrl = JSON.stringify((api.Properties?.EnvironmentVariables as Record<string, unknown>).ASSETS_BASE_URL);
      expect(baseUrl).toMatch(/Distribution.*DomainName/);
    }
    expect(resourcesOf('local', 'AWS::CloudFront::Distribution')).toHaveLength(0);
  });

  it('expires old object versions and abandoned multipart uploads', () => {
    for (const s of stages) {
      const [bucket] = resourcesOf(s.stage, 'AWS::S3::Bucket');
      expect(bucket.Properties?.LifecycleConfiguration).toEqual({
        Rules: expect.arrayContaining([
          expect.objectContaining({ NoncurrentVersionExpiration: { NoncurrentDays: 30 }, Status: 'Enabled' }),
          expect.objectContaining({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 }, Status: 'Enabled' }),
        ]),
      });
    }
  });

  it('puts a WAF rate rule on API-key requests where the stage enables it', () => {
    for (const s of stages) {
      const acls = resourcesOf(s.stage, 'AWS::WAFv2::WebACL');
      expect(acls).toHaveLength(s.stack.stage.waf.enabled ? 1 : 0);
      expect(resourcesOf(s.stage, 'AWS::WAFv2::WebACLAssociation')).toHaveLength(acls.length);
    }
    const [acl] = resourcesOf('prod', 'AWS::WAFv2::WebACL');
    expect(JSON.stringify(acl.Properties?.Rules)).toContain('"Limit":1000');
    expect(JSON.stringify(acl.Properties?.Rules)).toContain('x-api-key');
  });

  it('sets the AppSync guards, X-Ray and field logs at ERROR from the stage', () => {
    for (const s of stages) {
      const [api] = resourcesOf(s.stage, 'AWS::AppSync::GraphQLApi');
      expect(api.Properties).toMatchObject({
        QueryDepthLimit: s.stack.stage.apiLimits.queryDepth,
        ResolverCountLimit: s.stack.stage.apiLimits.resolverCount,
        LogConfig: { FieldLogLevel: 'ERROR', ExcludeVerboseContent: true },
      });
      expect(Boolean(api.Properties?.XrayEnabled)).toBe(s.stack.stage.observability.tracing);
    }
  });

  it('sends failed stream batches to an encrypted queue', () => {
    for (const s of stages) {
      for (const mapping of resourcesOf(s.stage, 'AWS::Lambda::EventSourceMapping'))
        expect(JSON.stringify(mapping.Properties?.DestinationConfig)).toMatch(/OnFailure.*FailedBatches/);
      expect(resourcesOf(s.stage, 'AWS::SQS::Queue')[0].Properties?.SqsManagedSseEnabled).toBe(true);
    }
  });

  it('alarms on the API, every function, the stream, the failure queue and the key expiry, mailing the configured address', () => {
    for (const s of stages) {
      const alarms = resourcesOf(s.stage, 'AWS::CloudWatch::Alarm').map((a) => a.Properties ?? {});
      const functions = resourcesOf(s.stage, 'AWS::Lambda::Function').length;
      const metrics = alarms.map((a) => a.MetricName);
      expect(metrics.filter((m) => m === 'Errors')).toHaveLength(functions);
      expect(metrics.filter((m) => m === 'Throttles')).toHaveLength(functions);
      expect(metrics).toEqual(
        expect.arrayContaining([
          '5XXError',
          'Latency',
          'IteratorAge',
          'ApproximateNumberOfMessagesVisible',
          'ApiKeyDaysLeft',
        ]),
      );
      for (const alarm of alarms) expect(JSON.stringify(alarm.AlarmActions)).toContain('AlarmTopic');
      expect(resourcesOf(s.stage, 'AWS::SNS::Subscription')[0].Properties).toMatchObject({
        Protocol: 'email',
        Endpoint: 'alarms@example.com',
      });
    }
  });

  it('gives every function the environment its code requires (functions/lib/environment.ts)', () => {
    for (const s of stages) {
      for (const fn of s.stack.node.findAll().filter((c): c is NodeFunction => c instanceof NodeFunction)) {
        const required = REQUIRED_ENVIRONMENT[fn.source as FunctionName].filter((name) => name !== 'AWS_REGION');
        const resource = s.template.Resources[s.stack.getLogicalId(fn.node.defaultChild as CfnElement)];
        const variables = (resource.Properties?.Environment as { Variables: Record<string, unknown> }).Variables;
        expect(Object.keys(variables)).toEqual(expect.arrayContaining(required));
      }
    }
  });
});
