// One HTTP API stage's answer to one request, in the order API Gateway applies its checks: the stage
// path, route selection (or a CORS preflight), throttling, the body limit, the JWT authorizer, then
// the Lambda proxy integration with payload format 2.0 (docs/architecture.md §5 "HTTP API").
// The checks before the body (`admit`) run as the request arrives; the body limit is enforced while
// it is read (createHttpApiHandler.ts); `complete` does the rest.
import type { IncomingMessage } from 'node:http';
import { LOCAL_ACCOUNT_ID } from '../awsConfig.ts';
import { stderrFaults } from '../http/internalFaults.ts';
import { LambdaServiceError } from '../lambda/lambdaErrors.ts';
import { isPreflight, preflightHeaders } from './cors.ts';
import type { HttpApiDefinition, HttpApiRoute } from './definitions.ts';
import { buildHttpApiEvent, joinedHeaders } from './event.ts';
import type { HttpApiEvent } from './event.ts';
import { authorizeJwt } from './jwtAuthorizer.ts';
import type { JwtAuthorizerContext, LocalIssuer } from './jwtAuthorizer.ts';
import { matchRoute } from './matchRoute.ts';
import type { RouteMatch } from './matchRoute.ts';
import { gatewayError, mapLambdaResult } from './response.ts';
import type { GatewayResponse } from './response.ts';
import { createTokenBucket } from './throttle.ts';
import type { TokenBucket } from './throttle.ts';
import type { InternalFaultSink } from '../http/internalFaults.ts';

export interface HttpApiHandlerOptions {
  api: HttpApiDefinition;
  /** Invokes the integration's function (RequestResponse), e.g. the local Lambda runner. */
  invoke: (functionLogicalId: string, event: HttpApiEvent) => Promise<{ payload?: unknown; error?: unknown }>;
  /** Template issuer (https://cognito-idp.<region>.amazonaws.com/<poolId>) → the local issuer and its JWKS. */
  jwt: { issuerMap: Record<string, LocalIssuer> };
  /** The clock for throttling, token checks and requestContext.time (tests inject one). */
  now?: () => number;
  accountId?: string;
  /** Where the emulator's own faults go (default: stderr). */
  faults?: InternalFaultSink;
}

/** HTTP APIs accept request payloads up to 10 MB (API Gateway quotas); larger ones get 413. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** The 413 API Gateway answers a payload over MAX_BODY_BYTES with. */
export const TOO_LARGE = (): GatewayResponse => gatewayError(413, 'Request Entity Too Large');

/** The checks before the body: an answer, or the route the request goes on to. */
export type Admission = { response: GatewayResponse } | { match: RouteMatch };

/** A request as the stage sees it: the node request, its whole body, its id and when it arrived. */
export interface StageRequest {
  request: IncomingMessage;
  headers: Record<string, string>;
  body: Buffer;
  requestId: string;
  nowMs: number;
}

/** The stage of `options.api`, with its throttling buckets; fails for a route whose issuer has no local stand-in. */
export class HttpApiStage {
  private readonly stageBucket: TokenBucket;
  private readonly routeBuckets: Map<string, TokenBucket>;
  private readonly stagePrefix: string;

  constructor(private readonly options: HttpApiHandlerOptions) {
    const { api } = options;
    for (const route of api.routes) {
      if (route.authorizer && !options.jwt.issuerMap[route.authorizer.issuer]) {
        throw new Error(
          `HTTP API ${api.logicalId}: route "${route.routeKey}" uses issuer ${route.authorizer.issuer}, which has no local issuer`,
        );
      }
    }
    this.stageBucket = createTokenBucket(api.stage.throttling);
    this.routeBuckets = new Map(
      Object.entries(api.stage.routeThrottling).map(([routeKey, limits]) => [routeKey, createTokenBucket(limits)]),
    );
    this.stagePrefix = api.stage.name === '$default' ? '' : `/${api.stage.name}`;
  }

  /** The clock the stage reads (throttling, tokens, requestContext.time). */
  now(): number {
    return (this.options.now ?? Date.now)();
  }

  /** API Gateway's answer to `stageRequest`, whose whole body was read. */
  async respond(stageRequest: StageRequest): Promise<GatewayResponse> {
    const admission = this.admit(stageRequest.request, stageRequest.headers, stageRequest.nowMs);
    if ('response' in admission) return admission.response;
    if (stageRequest.body.length > MAX_BODY_BYTES) return TOO_LARGE();
    return this.complete(stageRequest, admission.match);
  }

  /** The checks API Gateway makes before it reads the body: stage path, route or preflight, throttling. */
  admit(request: IncomingMessage, headers: Record<string, string>, nowMs: number): Admission {
    const method = request.method ?? 'GET';
    const path = (request.url ?? '/').split('?')[0];
    const { cors } = this.options.api;
    if (this.stagePrefix && path !== this.stagePrefix && !path.startsWith(`${this.stagePrefix}/`))
      return { response: gatewayError(404, 'Not Found') };
    const preflight = cors !== undefined && isPreflight(method, headers);
    const match = preflight
      ? undefined
      : matchRoute(this.options.api.routes, method, path.slice(this.stagePrefix.length) || '/');

    const bucket = (match && this.routeBuckets.get(match.route.routeKey)) ?? this.stageBucket;
    if (!bucket.take(nowMs)) return { response: gatewayError(429, 'Too Many Requests') };
    if (preflight && cors)
      return {
        response: {
          statusCode: 204,
          headers: preflightHeaders(cors, headers.origin),
          cookies: [],
          body: Buffer.alloc(0),
        },
      };
    if (!match) return { response: gatewayError(404, 'Not Found') };
    return { match };
  }

  /** After the body: the JWT authorizer, then the integration. */
  async complete(stageRequest: StageRequest, match: RouteMatch): Promise<GatewayResponse> {
    const authorization = await this.authorize(match.route, stageRequest.headers, stageRequest.nowMs);
    if (!authorization.ok) return authorization.response;
    return this.integrate(stageRequest, match, authorization.context);
  }

  /** The route's JWT authorizer, if it has one: its claims, or API Gateway's 401/403. */
  private async authorize(
    route: HttpApiRoute,
    headers: Record<string, string>,
    nowMs: number,
  ): Promise<{ ok: true; context?: JwtAuthorizerContext } | { ok: false; response: GatewayResponse }> {
    if (!route.authorizer) return { ok: true };
    const verdict = await authorizeJwt(
      route.authorizer,
      this.options.jwt.issuerMap[route.authorizer.issuer],
      headers[route.authorizer.identitySource],
      { nowMs, requiredScopes: route.authorizationScopes },
    );
    if (verdict.ok) return { ok: true, context: verdict.context };
    const extra: Record<string, string> = verdict.wwwAuthenticate
      ? { 'www-authenticate': verdict.wwwAuthenticate }
      : {};
    return { ok: false, response: gatewayError(verdict.statusCode, verdict.message, extra) };
  }

  /** The Lambda proxy integration: the payload 2.0 event in, the mapped result out. */
  private async integrate(
    { request, body, requestId, nowMs }: StageRequest,
    match: RouteMatch,
    authorizer: JwtAuthorizerContext | undefined,
  ): Promise<GatewayResponse> {
    const { api } = this.options;
    const { route } = match;
    const event = buildHttpApiEvent(
      {
        method: request.method ?? 'GET',
        url: request.url ?? '/',
        rawHeaders: request.rawHeaders,
        body,
        sourceIp: (request.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
        httpVersion: request.httpVersion,
      },
      {
        routeKey: route.routeKey,
        pathParameters: match.pathParameters,
        authorizer,
        accountId: this.options.accountId ?? LOCAL_ACCOUNT_ID,
        apiId: api.apiId,
        stage: api.stage.name,
        requestId,
        nowMs,
      },
    );
    try {
      return mapLambdaResult(await this.options.invoke(route.integration.functionLogicalId, event));
    } catch (error) {
      // Lambda refused the invocation (throttled, event over 6 MB): an integration failure, which
      // API Gateway answers with its 500, as it answers a throttled backend (docs/architecture.md §5).
      if (error instanceof LambdaServiceError && error.statusCode !== 404)
        return gatewayError(500, 'Internal Server Error');
      // The runner refused otherwise (no such function, closed): the template and the runner disagree.
      (this.options.faults ?? stderrFaults)({
        component: 'HTTP API',
        activity: `invoking ${route.integration.functionLogicalId} for ${route.routeKey}`,
        error,
      });
      return gatewayError(500, 'Internal Server Error');
    }
  }
}

/** The request's headers, joined as API Gateway joins repeated ones. */
export function stageHeaders(request: IncomingMessage): Record<string, string> {
  return joinedHeaders(request.rawHeaders);
}
