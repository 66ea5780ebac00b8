import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Definition, GraphqlApi } from 'aws-cdk-lib/aws-appsync';
import { UserPool } from 'aws-cdk-lib/aws-cognito';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { RestApi } from '../../cdk/constructs/restApi.ts';
import { REST_ROUTES, routeKey } from '../../functions/rest/routeTable.ts';
import { testTempDir } from '../support/tempDirs.ts';

// A small stack holding only what the construct needs: a pool, its client and a GraphQL API.
let app: App;
let stack: Stack;
let template: Template;
let ids: { fn: string; api: string; graphql: string; pool: string; client: string; authorizer: string };

beforeAll(() => {
  app = new App({ outdir: testTempDir('prolynk-rest-cdk-') });
  stack = new Stack(app, 'RestApiTest', { env: { account: '111122223333', region: 'eu-west-1' } });
  const userPool = new UserPool(stack, 'Pool');
  const userPoolClient = userPool.addClient('Client');
  const graphqlApi = new GraphqlApi(stack, 'Graphql', {
    name: 'test',
    definition: Definition.fromFile(join(import.meta.dirname, '..', '..', 'schema.graphql')),
  });
  const rest = new RestApi(stack, 'Rest', {
    apiName: 'acme-api',
    corsOrigins: ['http://localhost:3000', 'http://localhost:8080'],
    throttle: { burstLimit: 100, rateLimit: 50, publicBurstLimit: 50, publicRateLimit: 25 },
    userPool,
    userPoolClient,
    graphqlApi,
    bundle: { outRoot: testTempDir('prolynk-rest-bundles-') },
  });
  const logicalId = (construct: { node: { defaultChild?: unknown } }) =>
    stack.getLogicalId(construct.node.defaultChild as never);
  template = Template.fromStack(stack);
  ids = {
    fn: logicalId(rest.function),
    api: logicalId(rest.httpApi),
    graphql: logicalId(graphqlApi),
    pool: logicalId(userPool),
    client: logicalId(userPoolClient),
    authorizer: Object.keys(template.findResources('AWS::ApiGatewayV2::Authorizer'))[0],
  };
});

// The shim's route table is the one list of endpoints; the construct must serve exactly its rows.
const ROUTES = {
  protected: REST_ROUTES.filter((route) => route.auth === 'jwt').map(routeKey),
  public: REST_ROUTES.filter((route) => route.auth === 'public').map(routeKey),
};

describe('RestApi', () => {
  it("names the HTTP API after the project and allows exactly the seed's CORS", () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      Name: 'acme-api',
      ProtocolType: 'HTTP',
      CorsConfiguration: {
        AllowOrigins: ['http://localhost:3000', 'http://localhost:8080'],
        AllowMethods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
        AllowHeaders: ['content-type', 'authorization'],
        AllowCredentials: true,
        MaxAge: 300,
      },
    });
  });

  it('serves every row of the route table, all through the REST function with payload format 2.0', () => {
    const routeKeys = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map(
      (route) => route.Properties.RouteKey as string,
    );
    expect(routeKeys.sort()).toEqual([...ROUTES.protected, ...ROUTES.public].sort());
    template.resourceCountIs('AWS::ApiGatewayV2::Integration', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      PayloadFormatVersion: '2.0',
      IntegrationUri: { 'Fn::GetAtt': [ids.fn, 'Arn'] },
    });
  });

  it('guards exactly the protected routes with the Cognito JWT authorizer', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: ids.client }],
        Issuer: { 'Fn::Join': ['', ['https://cognito-idp.eu-west-1.amazonaws.com/', { Ref: ids.pool }]] },
      },
    });
    for (const routeKey of ROUTES.protected) {
      template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
        RouteKey: routeKey,
        AuthorizationType: 'JWT',
        AuthorizerId: { Ref: ids.authorizer },
      });
    }
    for (const routeKey of ROUTES.public) {
      template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
        RouteKey: routeKey,
        AuthorizationType: 'NONE',
        AuthorizerId: Match.absent(),
      });
    }
  });

  it("auto-deploys the $default stage with the seed's throttling and JSON access logs kept 7 days", () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Stage', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingBurstLimit: 100, ThrottlingRateLimit: 50 },
      AccessLogSettings: {
        DestinationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('AccessLogs'), 'Arn'] },
        Format: Match.stringLikeRegexp('\\$context\\.requestId'),
      },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 7 });
  });

  it('gives each public route a throttle of its own, in the RouteSettings property type’s keys', () => {
    const [stage] = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'));
    const settings = stage.Properties.RouteSettings as Record<string, unknown>;

    expect(Object.keys(settings).sort()).toEqual([...ROUTES.public].sort());
    for (const routeKey of ROUTES.public)
      expect(settings[routeKey]).toEqual({ ThrottlingBurstLimit: 50, ThrottlingRateLimit: 25 });
  });

  it('gives the function the GraphQL URL and lets API Gateway invoke it', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Handler: 'index.handler',
      Environment: { Variables: { GRAPHQL_URL: { 'Fn::GetAtt': [ids.graphql, 'GraphQLUrl'] } } },
    });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'apigateway.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [ids.fn, 'Arn'] },
    });
  });

  it('lets the function call, with IAM, only the public fields its public routes select', () => {
    const fn = template.findResources('AWS::Lambda::Function')[ids.fn];
    const roleId = (fn.Properties.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0];
    const statements = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((policy) => (policy.Properties.Roles as { Ref: string }[]).some((role) => role.Ref === roleId))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement as { Action: string; Resource: unknown[] }[]);
    expect(statements.map((s) => s.Action)).toEqual(['appsync:GraphQL']);
    const fields = statements[0].Resource.map((resource) => {
      const parts = (resource as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
      expect(parts[0]).toEqual({ 'Fn::GetAtt': [ids.graphql, 'Arn'] });
      return parts[1] as string;
    });
    expect(fields).toContain('/types/Query/fields/profile');
    expect(fields).toContain('/types/Query/fields/usernameAvailable');
    expect(fields).toContain('/types/Profile/fields/email');
    expect(fields).toContain('/types/Link/fields/url');
    expect(fields.filter((field) => /\/types\/(Mutation|Subscription)\//.test(field) || field.includes('*'))).toEqual(
      [],
    );
    expect(fields.filter((field) => /fields\/(me|myProfile|dateOfBirth|avatarKey|resumeKey)$/.test(field))).toEqual([]);
  });

  it('outputs the REST API URL', () => {
    template.hasOutput('*', { Value: { 'Fn::GetAtt': [ids.api, 'ApiEndpoint'] } });
  });

  it('passes cdk-nag AwsSolutions for its own resources', { timeout: 120_000 }, () => {
    const report = new AwsSolutionsChecks(app).validateScope(app);
    const ours = report.violations.filter((violation) =>
      violation.violatingResources.some((r) => (r.constructPath ?? '').includes('/Rest/')),
    );
    expect(
      ours.map(
        (violation) =>
          `${violation.ruleName} at ${violation.violatingResources.map((r) => r.constructPath).join(', ')}`,
      ),
    ).toEqual([]);
  });
});
