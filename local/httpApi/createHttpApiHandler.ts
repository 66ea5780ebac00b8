// One HTTP API stage served locally (docs/architecture.md §5 "HTTP API"): throttling, CORS preflights, route
// selection, the JWT authorizer and the Lambda proxy integration with payload format 2.0, in the
// order API Gateway applies them. Create-only: the caller binds the port.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { LOCAL_ACCOUNT_ID } from '../awsConfig.ts';
import { isPreflight, preflightHeaders, responseCorsHeaders, withoutIntegrationCorsHeaders } from './cors.ts';
import type { HttpApiDefinition } from './definitions.ts';
import { buildHttpApiEvent, joinedHeaders, newRequestId } from './event.ts';
import type { HttpApiEvent } from './event.ts';
import { authorizeJwt } from './jwtAuthorizer.ts';
import type { LocalIssuer } from './jwtAuthorizer.ts';
import { matchRoute } from './matchRoute.ts';
import { gatewayError, mapLambdaResult } from './response.ts';
import type { GatewayResponse } from './response.ts';
import { createTokenBucket } from './throttle.ts';

export interface HttpApiHandlerOptions {
  api: HttpApiDefinition;
  /** Invokes the integration's function (RequestResponse), e.g. the local Lambda runner. */
  invoke: (functionLogicalId: string, event: HttpApiEvent) => Promise<{ payload?: unknown; error?: unknown }>;
  /** Template issuer (https://cognito-idp.<region>.amazonaws.com/<poolId>) → the local issuer and its JWKS. */
  jwt: { issuerMap: Record<string, LocalIssuer> };
  /** The clock for throttling, token checks and requestContext.time (tests inject one). */
  now?: () => number;
  accountId?: string;
}

// HTTP APIs accept request payloads up to 10 MB (API Gateway quotas).
const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** A request listener serving `api`'s stage as API Gateway would. */
export function createHttpApiHandler(options: HttpApiHandlerOptions): RequestListener {
  const { api } = options;
  const now = options.now ?? Date.now;
  for (const route of api.routes) {
    if (route.authorizer && !options.jwt.issuerMap[route.authorizer.issuer]) {
      throw new Error(
        `HTTP API ${api.logicalId}: route "${route.routeKey}" uses issuer ${route.authorizer.issuer}, which has no local issuer`,
      );
    }
  }
  const stageBucket = createTokenBucket(api.stage.throttling);
  const routeBuckets = new Map(
    Object.entries(api.stage.routeThrottling).map(([routeKey, limits]) => [routeKey, createTokenBucket(limits)]),
  );
  const stagePrefix = api.stage.name === '$default' ? '' : `/${api.stage.name}`;

  const respond = async (request: IncomingMessage, body: Buffer, requestId: string): Promise<GatewayResponse> => {
    const nowMs = now();
    const headers = joinedHeaders(request.rawHeaders);
    const url = request.url ?? '/';
    const path = url.split('?')[0];
    if (stagePrefix && path !== stagePrefix && !path.startsWith(`${stagePrefix}/`))
      return gatewayError(404, 'Not Found');
    const routePath = path.slice(stagePrefix.length) || '/';
    const preflight = api.cors !== undefined && isPreflight(request.method ?? 'GET', headers);
    const match = preflight ? undefined : matchRoute(api.routes, request.method ?? 'GET', routePath);

    const bucket = (match && routeBuckets.get(match.route.routeKey)) ?? stageBucket;
    if (!bucket.take(nowMs)) return gatewayError(429, 'Too Many Requests');
    if (preflight && api.cors)
      return {
        statusCode: 204,
        headers: preflightHeaders(api.cors, headers.origin),
        cookies: [],
        body: Buffer.alloc(0),
      };
    if (!match) return gatewayError(404, 'Not Found');
    if (body.length > MAX_BODY_BYTES) return gatewayError(413, 'Request Entity Too Large');

    const { route } = match;
    let authorizer;
    if (route.authorizer) {
      const verdict = await authorizeJwt(
        route.authorizer,
        options.jwt.issuerMap[route.authorizer.issuer],
        headers[route.authorizer.identitySource],
        {
          nowMs,
          requiredScopes: route.authorizationScopes,
        },
      );
      if (!verdict.ok) {
        return gatewayError(
          verdict.statusCode,
          verdict.message,
          verdict.wwwAuthenticate ? { 'www-authenticate': verdict.wwwAuthenticate } : {},
        );
      }
      authorizer = verdict.context;
    }

    const event = buildHttpApiEvent(
      {
        method: request.method ?? 'GET',
        url,
        rawHeaders: request.rawHeaders,
        body,
        sourceIp: (request.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
        httpVersion: request.httpVersion,
      },
      {
        routeKey: route.routeKey,
        pathParameters: match.pathParameters,
        authorizer,
        accountId: options.accountId ?? LOCAL_ACCOUNT_ID,
        apiId: api.apiId,
        stage: api.stage.name,
        requestId,
        nowMs,
      },
    );
    try {
      return mapLambdaResult(await options.invoke(route.integration.functionLogicalId, event));
    } catch {
      return gatewayError(500, 'Internal Server Error');
    }
  };

  return (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('error', () => response.destroy());
    request.on('end', () => {
      const requestId = newRequestId();
      respond(request, Buffer.concat(chunks), requestId)
        .catch(() => gatewayError(500, 'Internal Server Error'))
        .then((result) => {
          let headers = result.headers;
          if (api.cors) {
            const origin = joinedHeaders(request.rawHeaders).origin;
            if (result.statusCode !== 204 || !isPreflight(request.method ?? '', joinedHeaders(request.rawHeaders))) {
              headers = { ...withoutIntegrationCorsHeaders(headers), ...responseCorsHeaders(api.cors, origin) };
            }
          }
          response.writeHead(result.statusCode, {
            ...headers,
            ...(result.cookies.length > 0 ? { 'set-cookie': result.cookies } : {}),
            'apigw-requestid': requestId,
            'content-length': String(result.body.length),
          });
          response.end(result.body);
        })
        .catch(() => response.destroy());
    });
  };
}
