import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Definition, GraphqlApi } from 'aws-cdk-lib/aws-appsync';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { ProfileStats } from '../../cdk/constructs/profileStats.ts';
import { testTempDir } from '../support/tempDirs.ts';

// A small stack holding only what the construct needs: the profiles and links tables, a GraphQL
// API, an HTTP API with its stage, and a role standing in for the account-deletion job.
let app: App;
let template: Template;
let ids: { fn: string; stats: string; visitors: string; profiles: string; links: string; eraser: string };

const bundles = () => ({ outRoot: testTempDir('prolynk-stats-bundles-') });

beforeAll(() => {
  app = new App({ outdir: testTempDir('prolynk-stats-cdk-') });
  const stack = new Stack(app, 'StatsTest', { env: { account: '111122223333', region: 'eu-west-1' } });
  const profilesTable = new Table(stack, 'Profiles', {
    partitionKey: { name: 'username', type: AttributeType.STRING },
  });
  const linksTable = new Table(stack, 'Links', {
    partitionKey: { name: 'user_id', type: AttributeType.STRING },
    sortKey: { name: 'link_id', type: AttributeType.STRING },
  });
  const api = new GraphqlApi(stack, 'Graphql', {
    name: 'test',
    definition: Definition.fromFile(join(import.meta.dirname, '..', '..', 'schema.graphql')),
  });
  const httpApi = new HttpApi(stack, 'HttpApi', { createDefaultStage: false });
  const stage = httpApi.addStage('Stage', { stageName: '$default', throttle: { rateLimit: 50, burstLimit: 100 } });
  const stats = new ProfileStats(stack, 'Stats', {
    tableNames: { stats: 'acme-stats', visitors: 'acme-stats-visitors' },
    profilesTable,
    linksTable,
    shards: 7,
    bundle: bundles(),
  });
  api.addLambdaDataSource('StatsLambda', stats.function);
  stats.addHttpRoutes(httpApi, stage);
  const eraser = new Role(stack, 'Eraser', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
  stats.grantErase(eraser);

  const logicalId = (construct: { node: { defaultChild?: unknown } }) =>
    stack.getLogicalId(construct.node.defaultChild as never);
  ids = {
    fn: logicalId(stats.function),
    stats: logicalId(stats.table),
    visitors: logicalId(stats.visitorsTable),
    profiles: logicalId(profilesTable),
    links: logicalId(linksTable),
    eraser: logicalId(eraser),
  };
  template = Template.fromStack(stack);
});

/** Action → the tables (logical ids) a role may use it on. */
function grants(roleId: string): Record<string, string[]> {
  const statements = Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy) => (policy.Properties.Roles as { Ref: string }[]).some((role) => role.Ref === roleId))
    .flatMap(
      (policy) => policy.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[],
    );
  const out: Record<string, string[]> = {};
  for (const statement of statements) {
    const tables = [statement.Resource]
      .flat()
      .map((resource) => JSON.stringify(resource).match(/"(\w+?)[0-9A-F]{8}","Arn"/)?.[0] ?? JSON.stringify(resource))
      .map((found) => found.replace(/","Arn"$/, '').replace(/^"/, ''));
    for (const action of [statement.Action].flat()) out[action] = [...(out[action] ?? []), ...tables].sort();
  }
  return out;
}

describe('ProfileStats', () => {
  it('keeps counters in an on-demand, backed-up, retained {project}-stats table with pk/sk and a TTL', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      Properties: {
        TableName: 'acme-stats',
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        BillingMode: 'PAY_PER_REQUEST',
        TimeToLiveSpecification: { AttributeName: 'expires_at', Enabled: true },
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        GlobalSecondaryIndexes: Match.absent(),
        StreamSpecification: Match.absent(),
      },
      DeletionPolicy: 'Retain',
    });
  });

  it('keeps visitor markers and day keys in a TTL table without backups, kept or removed as the stage says', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      Properties: {
        TableName: 'acme-stats-visitors',
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
        TimeToLiveSpecification: { AttributeName: 'expires_at', Enabled: true },
        PointInTimeRecoverySpecification: Match.absent(),
      },
      DeletionPolicy: 'Retain',
    });
  });

  it('gives the function its tables and the configured shard count', () => {
    const fn = template.findResources('AWS::Lambda::Function')[ids.fn].Properties;
    expect(fn).toMatchObject({ Runtime: 'nodejs24.x', Handler: 'index.handler' });
    expect(fn.Environment.Variables).toMatchObject({
      STATS_TABLE: { Ref: ids.stats },
      VISITORS_TABLE: { Ref: ids.visitors },
      PROFILES_TABLE: { Ref: ids.profiles },
      LINKS_TABLE: { Ref: ids.links },
      STATS_SHARDS: '7',
    });
  });

  it('lets the function do only its key reads, marker writes, counter ADDs and Queries: no Scan, no deletes', () => {
    const fn = template.findResources('AWS::Lambda::Function')[ids.fn];
    const roleId = (fn.Properties.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0];
    expect(grants(roleId)).toEqual({
      'dynamodb:UpdateItem': [ids.stats],
      'dynamodb:Query': [ids.links, ids.stats].sort(),
      'dynamodb:GetItem': [ids.links, ids.profiles, ids.visitors].sort(),
      'dynamodb:PutItem': [ids.visitors],
    });
  });

  it('lets the account-deletion role Query and batch-delete the counters, nothing else', () => {
    expect(Object.keys(grants(ids.eraser)).sort()).toEqual(['dynamodb:BatchWriteItem', 'dynamodb:Query']);
    expect(Object.values(grants(ids.eraser)).flat()).not.toContain(ids.visitors);
  });

  it('is the StatsLambda data source of the GraphQL API', () => {
    template.hasResourceProperties('AWS::AppSync::DataSource', {
      Name: 'StatsLambda',
      Type: 'AWS_LAMBDA',
      LambdaConfig: { LambdaFunctionArn: { 'Fn::GetAtt': [ids.fn, 'Arn'] } },
    });
  });

  it('serves the two public counting routes without an authorizer, each throttled on its own', () => {
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties);
    expect(routes.map((r) => r.RouteKey).sort()).toEqual([
      'GET /l/{username}/{link_id}',
      'POST /profiles/{username}/views',
    ]);
    for (const route of routes) expect(route.AuthorizationType).toBe('NONE');
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      PayloadFormatVersion: '2.0',
      IntegrationUri: { 'Fn::GetAtt': [ids.fn, 'Arn'] },
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      RouteSettings: {
        'GET /l/{username}/{link_id}': { ThrottlingRateLimit: 2000, ThrottlingBurstLimit: 2000 },
        'POST /profiles/{username}/views': { ThrottlingRateLimit: 2000, ThrottlingBurstLimit: 2000 },
      },
    });
  });

  it('refuses a shard count outside 1–32', () => {
    for (const shards of [0, 33, 2.5]) {
      const stack = new Stack(new App(), 'Bad');
      const table = new Table(stack, 'T', { partitionKey: { name: 'k', type: AttributeType.STRING } });
      expect(
        () => new ProfileStats(stack, 'Stats', { tableNames: {}, profilesTable: table, linksTable: table, shards }),
      ).toThrow(/shards must be an integer from 1 to 32/);
    }
  });

  it('passes cdk-nag AwsSolutions for its own resources', { timeout: 120_000 }, () => {
    const report = new AwsSolutionsChecks(app).validateScope(app);
    const ours = report.violations.filter((violation) =>
      violation.violatingResources.some((r) => (r.constructPath ?? '').includes('/Stats/')),
    );
    expect(ours.map((violation) => violation.ruleName)).toEqual([]);
  });
});
