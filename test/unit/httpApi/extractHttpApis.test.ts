import { rmSync } from 'node:fs';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { CorsHttpMethod, HttpApi, HttpMethod, HttpStage, WebSocketApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { UserPool } from 'aws-cdk-lib/aws-cognito';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from 'vitest';
import { extractHttpApis } from '../../../local/httpApi/extractHttpApis.ts';
import { createLocalReferenceResolver, TemplateResolutionError } from '../../../local/template/index.ts';
import type { CfnTemplate } from '../../../local/template/index.ts';
import { testTempDir } from '../../support/tempDirs.ts';

// A small stack shaped like the REST shim's: an HTTP API with the seed's CORS, a JWT authorizer on
// the Cognito pool, public and protected routes to one Lambda, and a throttled $default stage.
function synthesize(extend?: (stack: Stack, api: HttpApi, fn: LambdaFunction) => void): CfnTemplate {
  const outdir = testTempDir('prolynk-httpapi-');
  const app = new App({ outdir });
  const stack = new Stack(app, 'HttpApiProbe', { env: { region: 'us-east-1' } });
  const pool = new UserPool(stack, 'Pool');
  const client = pool.addClient('Web');
  const fn = new LambdaFunction(stack, 'Rest', {
    runtime: Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: Code.fromInline('exports.handler = async () => ({})'),
  });
  const api = new HttpApi(stack, 'Api', {
    apiName: 'prolynk-api',
    createDefaultStage: false,
    corsPreflight: {
      allowOrigins: ['http://localhost:3000', 'http://localhost:8080'],
      allowMethods: [
        CorsHttpMethod.GET,
        CorsHttpMethod.POST,
        CorsHttpMethod.PUT,
        CorsHttpMethod.DELETE,
        CorsHttpMethod.OPTIONS,
      ],
      allowHeaders: ['content-type', 'authorization'],
      allowCredentials: true,
      maxAge: Duration.seconds(300),
    },
  });
  // As cdk/constructs/restApi.ts builds it: a JWT authorizer whose Issuer joins AWS::Region and the pool.
  const authorizer = new HttpUserPoolAuthorizer('Jwt', pool, {
    userPoolClients: [client],
    identitySource: ['$request.header.Authorization'],
  });
  const integration = new HttpLambdaIntegration('RestIntegration', fn);
  api.addRoutes({ path: '/profiles/{username}', methods: [HttpMethod.GET], integration });
  api.addRoutes({ path: '/profile', methods: [HttpMethod.PUT], integration, authorizer });
  new HttpStage(stack, 'DefaultStage', {
    httpApi: api,
    stageName: '$default',
    autoDeploy: true,
    throttle: { burstLimit: 100, rateLimit: 50 },
  });
  extend?.(stack, api, fn);
  const template = app.synth().getStackByName('HttpApiProbe').template as CfnTemplate;
  rmSync(outdir, { recursive: true, force: true });
  return template;
}

function logicalIdOf(template: CfnTemplate, type: string): string {
  return Object.entries(template.Resources).find(([, resource]) => resource.Type === type)?.[0] ?? '';
}

// The stage's RouteSettings as a template would write them (the CDK has no typed API for them).
function withRouteSettings(template: CfnTemplate, routeSettings: Record<string, unknown>): CfnTemplate {
  const stage = template.Resources[logicalIdOf(template, 'AWS::ApiGatewayV2::Stage')];
  stage.Properties = { ...stage.Properties, RouteSettings: routeSettings };
  return template;
}

function resolverFor(template: CfnTemplate) {
  return createLocalReferenceResolver(template, {
    physicalIds: {
      [logicalIdOf(template, 'AWS::Cognito::UserPool')]: 'us-east-1_local',
      [logicalIdOf(template, 'AWS::Cognito::UserPoolClient')]: 'client-local',
    },
  });
}

describe('extractHttpApis', () => {
  it('reads CORS, routes with their Lambda and JWT authorizer, and the stage throttling', () => {
    const template = synthesize();

    const [api] = extractHttpApis(template, resolverFor(template));

    const functionId = logicalIdOf(template, 'AWS::Lambda::Function');
    expect(api.name).toBe('prolynk-api');
    expect(api.apiId).toMatch(/^[a-z0-9]{10}$/);
    expect(api.cors).toEqual({
      allowOrigins: ['http://localhost:3000', 'http://localhost:8080'],
      allowMethods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
      allowHeaders: ['content-type', 'authorization'],
      exposeHeaders: [],
      allowCredentials: true,
      maxAge: 300,
    });
    const byKey = Object.fromEntries(api.routes.map((r) => [r.routeKey, r]));
    expect(byKey['GET /profiles/{username}']).toMatchObject({
      method: 'GET',
      pathPattern: '/profiles/{username}',
      authorizationType: 'NONE',
      integration: { type: 'AWS_PROXY', functionLogicalId: functionId, payloadFormatVersion: '2.0' },
    });
    expect(byKey['GET /profiles/{username}'].authorizer).toBeUndefined();
    expect(byKey['PUT /profile']).toMatchObject({
      authorizationType: 'JWT',
      authorizer: {
        issuer: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_local',
        audience: ['client-local'],
        identitySource: 'authorization',
      },
    });
    expect(api.stage).toMatchObject({
      name: '$default',
      throttling: { burstLimit: 100, rateLimit: 50 },
      routeThrottling: {},
    });
  });

  it('finds nothing in a template without an HTTP API', () => {
    expect(extractHttpApis({ Resources: {} }, resolverFor({ Resources: {} }))).toEqual([]);
  });

  it('names the route when it uses an authorization type the emulation does not serve', () => {
    const template = synthesize();
    const routeId =
      Object.entries(template.Resources).find(([, r]) => r.Properties?.RouteKey === 'GET /profiles/{username}')?.[0] ??
      '';
    template.Resources[routeId].Properties = {
      ...template.Resources[routeId].Properties,
      AuthorizationType: 'AWS_IAM',
    };

    expect(() => extractHttpApis(template, resolverFor(template))).toThrow(TemplateResolutionError);
    expect(() => extractHttpApis(template, resolverFor(template))).toThrow(
      new RegExp(`${routeId} \\(AWS::ApiGatewayV2::Route\\).*AWS_IAM is not served locally`),
    );
  });

  it('names the integration when its payload format is 1.0', () => {
    const template = synthesize();
    const integrationId = logicalIdOf(template, 'AWS::ApiGatewayV2::Integration');
    template.Resources[integrationId].Properties = {
      ...template.Resources[integrationId].Properties,
      PayloadFormatVersion: '1.0',
    };

    expect(() => extractHttpApis(template, resolverFor(template))).toThrow(
      new RegExp(`${integrationId} .*PayloadFormatVersion: 1\\.0 is not served locally`),
    );
  });

  it("reads a route's own throttling in place of the stage's", () => {
    const template = withRouteSettings(synthesize(), {
      'GET /profiles/{username}': { ThrottlingBurstLimit: 50, ThrottlingRateLimit: 25 },
    });

    const [api] = extractHttpApis(template, resolverFor(template));

    expect(api.stage.routeThrottling).toEqual({ 'GET /profiles/{username}': { burstLimit: 50, rateLimit: 25 } });
  });

  it('refuses a route setting the property type does not have, naming the route and the key', () => {
    // camelCase is the API Gateway REST API's spelling; in a template the route would keep the stage default.
    const template = withRouteSettings(synthesize(), {
      'GET /profiles/{username}': { throttlingBurstLimit: 50, throttlingRateLimit: 25 },
    });

    expect(() => extractHttpApis(template, resolverFor(template))).toThrow(TemplateResolutionError);
    expect(() => extractHttpApis(template, resolverFor(template))).toThrow(
      /RouteSettings\.GET \/profiles\/\{username\}.*unknown route setting throttlingBurstLimit, throttlingRateLimit/,
    );
  });

  it('refuses WebSocket APIs and APIs without a stage, naming the API', () => {
    const websocket = synthesize((stack) => new WebSocketApi(stack, 'Sockets'));
    const noStage = synthesize();
    delete noStage.Resources[logicalIdOf(noStage, 'AWS::ApiGatewayV2::Stage')];

    expect(() => extractHttpApis(websocket, resolverFor(websocket))).toThrow(
      /Sockets.*WEBSOCKET APIs are not served locally/,
    );
    expect(() => extractHttpApis(noStage, resolverFor(noStage))).toThrow(/Api.*has no AWS::ApiGatewayV2::Stage/);
  });
});
