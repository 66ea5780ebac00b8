// Reads the template's API Gateway v2 HTTP APIs (docs/architecture.md §5 "HTTP API"): routes, their Lambda
// proxy integrations, JWT authorizers, CORS and stage throttling. Anything the emulation cannot
// serve faithfully fails here, naming the resource, instead of behaving differently at runtime.
import { createHash } from 'node:crypto';
import { referencedLogicalId, resourcesOfType } from '../template/cloudFormation.ts';
import type { CfnResource, CfnTemplate } from '../template/cloudFormation.ts';
import type { ReferenceResolver } from '../template/resolveIntrinsics.ts';
import { propertyReader } from '../template/resolveProperty.ts';
import type { PropertyReader } from '../template/resolveProperty.ts';
import type {
  HttpApiCors,
  HttpApiDefinition,
  HttpApiIntegration,
  HttpApiJwtAuthorizer,
  HttpApiRoute,
  HttpApiStage,
  HttpApiThrottling,
} from './definitions.ts';

// Without stage settings the account-level limits apply (API Gateway quotas: 10,000 rps, burst 5,000).
const ACCOUNT_THROTTLING: HttpApiThrottling = { burstLimit: 5000, rateLimit: 10000 };
const ROUTE_METHODS = new Set(['ANY', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
// The RouteSettings property type's keys. The stage's settings are free-form JSON that no synth
// step checks: a misspelt key ("throttlingRateLimit") would leave the route on the stage default.
const ROUTE_SETTING_KEYS = new Set([
  'DataTraceEnabled',
  'DetailedMetricsEnabled',
  'LoggingLevel',
  'ThrottlingBurstLimit',
  'ThrottlingRateLimit',
]);

interface Member {
  logicalId: string;
  resource: CfnResource;
  read: PropertyReader;
}

/** Every HTTP API in the template, with its routes, integrations, authorizers, CORS and stage. */
export function extractHttpApis(template: CfnTemplate, resolver: ReferenceResolver): HttpApiDefinition[] {
  return resourcesOfType(template, 'AWS::ApiGatewayV2::Api').map(([apiLogicalId, apiResource]) => {
    const api = propertyReader(apiLogicalId, apiResource, resolver);
    const protocol = api.optional<string>('ProtocolType');
    if (protocol !== 'HTTP')
      api.fail('ProtocolType', `${protocol ?? '(none)'} APIs are not served locally; only HTTP APIs are`);
    for (const property of ['Body', 'BodyS3Location', 'Target', 'RouteKey', 'CredentialsArn']) {
      if (apiResource.Properties?.[property] !== undefined) {
        api.fail(
          property,
          'OpenAPI import and quick create are not served locally; declare routes as AWS::ApiGatewayV2::Route',
        );
      }
    }
    const members = (type: string): Member[] =>
      resourcesOfType(template, type)
        .filter(([, resource]) => referencedLogicalId(resource.Properties?.ApiId) === apiLogicalId)
        .map(([logicalId, resource]) => ({ logicalId, resource, read: propertyReader(logicalId, resource, resolver) }));

    const integrations = new Map(members('AWS::ApiGatewayV2::Integration').map((m) => [m.logicalId, m]));
    const authorizers = new Map(members('AWS::ApiGatewayV2::Authorizer').map((m) => [m.logicalId, m]));
    const routes = members('AWS::ApiGatewayV2::Route').map((route) => readRoute(route, integrations, authorizers));
    const stages = members('AWS::ApiGatewayV2::Stage');
    const stage = stages.find((s) => s.read.optional('StageName') === '$default') ?? stages[0];
    if (!stage) api.fail('ApiId', 'the HTTP API has no AWS::ApiGatewayV2::Stage, so it serves nothing');

    return {
      logicalId: apiLogicalId,
      apiId: createHash('sha256')
        .update(apiLogicalId)
        .digest('hex')
        .replace(/[^a-z0-9]/g, '')
        .slice(0, 10),
      name: api.optional<string>('Name') ?? apiLogicalId,
      cors: readCors(api),
      routes,
      stage: readStage(stage),
    };
  });
}

function readCors(api: PropertyReader): HttpApiCors | undefined {
  const cors = api.optional<Record<string, unknown>>('CorsConfiguration');
  if (cors === undefined) return undefined;
  const list = (name: string) => (cors[name] as string[] | undefined) ?? [];
  return {
    allowOrigins: list('AllowOrigins'),
    allowMethods: list('AllowMethods').map((m) => m.toUpperCase()),
    allowHeaders: list('AllowHeaders').map((h) => h.toLowerCase()),
    exposeHeaders: list('ExposeHeaders').map((h) => h.toLowerCase()),
    allowCredentials: cors.AllowCredentials === true,
    maxAge: cors.MaxAge === undefined ? undefined : Number(cors.MaxAge),
  };
}

function readRoute(route: Member, integrations: Map<string, Member>, authorizers: Map<string, Member>): HttpApiRoute {
  const routeKey = route.read.required<string>('RouteKey');
  let method: string | undefined;
  let pathPattern: string | undefined;
  if (routeKey !== '$default') {
    const match = /^([A-Z]+) (\/\S*)$/.exec(routeKey);
    if (!match || !ROUTE_METHODS.has(match[1]))
      route.read.fail('RouteKey', `"${routeKey}" is not "$default" or "<METHOD> /<path>"`);
    [, method, pathPattern] = match;
    if (/\{[^}]+\+\}./.test(pathPattern))
      route.read.fail('RouteKey', `a greedy path variable must be the last segment ("${routeKey}")`);
  }

  const authorizationType = route.read.optional<string>('AuthorizationType') ?? 'NONE';
  if (authorizationType !== 'NONE' && authorizationType !== 'JWT') {
    route.read.fail('AuthorizationType', `${authorizationType} is not served locally (NONE and JWT are)`);
  }
  let authorizer: HttpApiJwtAuthorizer | undefined;
  if (authorizationType === 'JWT') {
    const authorizerId = referencedLogicalId(route.resource.Properties?.AuthorizerId);
    const member = authorizerId === undefined ? undefined : authorizers.get(authorizerId);
    if (!member)
      route.read.fail('AuthorizerId', 'a JWT route must reference an AWS::ApiGatewayV2::Authorizer of the same API');
    authorizer = readAuthorizer(member);
  }

  const integrationId = targetIntegration(route.resource.Properties?.Target);
  const integration = integrationId === undefined ? undefined : integrations.get(integrationId);
  if (!integration)
    route.read.fail('Target', 'must be "integrations/<Ref to an AWS::ApiGatewayV2::Integration of the same API>"');

  return {
    logicalId: route.logicalId,
    routeKey,
    method,
    pathPattern,
    authorizationType,
    authorizer,
    authorizationScopes: route.read.optional<string[]>('AuthorizationScopes') ?? [],
    integration: readIntegration(integration),
  };
}

// CDK writes Target as Fn::Join ["", ["integrations/", { Ref: <integration> }]]: find that Ref.
function targetIntegration(target: unknown): string | undefined {
  if (Array.isArray(target)) {
    for (const item of target) {
      const found = targetIntegration(item);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof target !== 'object' || target === null) return undefined;
  const direct = referencedLogicalId(target);
  if (direct) return direct;
  return targetIntegration(Object.values(target));
}

function readAuthorizer(member: Member): HttpApiJwtAuthorizer {
  const type = member.read.required<string>('AuthorizerType');
  if (type !== 'JWT') member.read.fail('AuthorizerType', `${type} authorizers are not served locally (JWT is)`);
  const sources = member.read.required<string[]>('IdentitySource');
  const header = sources.length === 1 ? /^\$request\.header\.(.+)$/.exec(sources[0]) : null;
  if (!header) member.read.fail('IdentitySource', 'a JWT authorizer reads exactly one "$request.header.<Name>"');
  const config = member.read.required<{ Issuer?: string; Audience?: string[] }>('JwtConfiguration');
  if (typeof config.Issuer !== 'string') member.read.fail('JwtConfiguration.Issuer', 'is required');
  return {
    logicalId: member.logicalId,
    issuer: config.Issuer,
    audience: config.Audience ?? [],
    identitySource: header[1].toLowerCase(),
  };
}

function readIntegration(member: Member): HttpApiIntegration {
  const type = member.read.required<string>('IntegrationType');
  if (type !== 'AWS_PROXY')
    member.read.fail('IntegrationType', `${type} integrations are not served locally (AWS_PROXY to Lambda is)`);
  if (member.resource.Properties?.IntegrationSubtype !== undefined) {
    member.read.fail('IntegrationSubtype', 'AWS service integrations are not served locally (Lambda proxy is)');
  }
  const functionLogicalId = referencedLogicalId(member.resource.Properties?.IntegrationUri);
  if (functionLogicalId === undefined)
    member.read.fail('IntegrationUri', 'must be Fn::GetAtt <function>.Arn (or Ref) of a Lambda function in this stack');
  const payloadFormatVersion = member.read.required<string>('PayloadFormatVersion');
  if (payloadFormatVersion !== '2.0')
    member.read.fail('PayloadFormatVersion', `${payloadFormatVersion} is not served locally (2.0 is)`);
  return { logicalId: member.logicalId, type: 'AWS_PROXY', functionLogicalId, payloadFormatVersion };
}

function readStage(stage: Member): HttpApiStage {
  const throttling = (
    settings: Record<string, unknown> | undefined,
    fallback: HttpApiThrottling,
    property = 'DefaultRouteSettings',
  ): HttpApiThrottling => {
    const unknown = Object.keys(settings ?? {}).filter((key) => !ROUTE_SETTING_KEYS.has(key));
    if (unknown.length > 0)
      stage.read.fail(
        property,
        `unknown route setting ${unknown.join(', ')}; RouteSettings keys are ${[...ROUTE_SETTING_KEYS].join(', ')}`,
      );
    return {
      burstLimit:
        settings?.ThrottlingBurstLimit === undefined ? fallback.burstLimit : Number(settings.ThrottlingBurstLimit),
      rateLimit:
        settings?.ThrottlingRateLimit === undefined ? fallback.rateLimit : Number(settings.ThrottlingRateLimit),
    };
  };
  const defaults = throttling(stage.read.optional<Record<string, unknown>>('DefaultRouteSettings'), ACCOUNT_THROTTLING);
  const perRoute = stage.read.optional<Record<string, Record<string, unknown>>>('RouteSettings') ?? {};
  return {
    logicalId: stage.logicalId,
    name: stage.read.required<string>('StageName'),
    throttling: defaults,
    routeThrottling: Object.fromEntries(
      Object.entries(perRoute).map(([routeKey, settings]) => [
        routeKey,
        throttling(settings, defaults, `RouteSettings.${routeKey}`),
      ]),
    ),
  };
}
