// The two public counting routes on the HTTP API, served by this function directly (not the REST
// shim): API Gateway gives the caller's real address (requestContext.http.sourceIp) and
// User-Agent, which a hop through AppSync would replace with the shim's own.
import type { CountingDependencies } from './countVisits.ts';
import { countClick, countView } from './countVisits.ts';
import { unverifiedSub } from './unverifiedSub.ts';

/** One route this function serves; the CDK construct adds exactly these to the HTTP API. */
export interface StatsHttpRoute {
  method: 'GET' | 'POST';
  path: string;
}

/** POST /profiles/{username}/views → 204; GET /l/{username}/{link_id} → 302 to the link. */
export const STATS_HTTP_ROUTES = {
  view: { method: 'POST', path: '/profiles/{username}/views' },
  click: { method: 'GET', path: '/l/{username}/{link_id}' },
} as const satisfies Record<string, StatsHttpRoute>;

/** The parts of an HTTP API payload 2.0 event the routes read. */
export interface StatsHttpEvent {
  routeKey: string;
  headers?: Record<string, string | undefined>;
  pathParameters?: Record<string, string | undefined>;
  requestContext: { http: { sourceIp: string; userAgent?: string } };
}

/** A payload 2.0 response. */
export interface StatsHttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

/** True for an HTTP API payload 2.0 event. */
export function isHttpEvent(event: unknown): event is StatsHttpEvent {
  const candidate = event as Partial<StatsHttpEvent> | null;
  return typeof candidate?.routeKey === 'string' && typeof candidate.requestContext?.http === 'object';
}

/** The route key of a route, as API Gateway names it. */
export function routeKey(route: StatsHttpRoute): string {
  return `${route.method} ${route.path}`;
}

/** Answers one request to a counting route; domain errors are thrown for the caller to map. */
export async function serveStatsRoute(event: StatsHttpEvent, deps: CountingDependencies): Promise<StatsHttpResponse> {
  const path = event.pathParameters ?? {};
  const visitor = {
    address: event.requestContext.http.sourceIp || null,
    userAgent: event.requestContext.http.userAgent,
  };
  if (event.routeKey === routeKey(STATS_HTTP_ROUTES.view)) {
    await countView(
      { username: path.username ?? '', ...visitor, callerSub: unverifiedSub(event.headers?.authorization) },
      deps,
    );
    // The same answer whether or not the view was counted.
    return { statusCode: 204, headers: {}, body: '' };
  }
  if (event.routeKey === routeKey(STATS_HTTP_ROUTES.click)) {
    const { url } = await countClick({ username: path.username ?? '', linkId: path.link_id ?? '', ...visitor }, deps);
    // Never cached: a cached redirect would skip the count on the next click.
    return { statusCode: 302, headers: { location: url, 'cache-control': 'no-store' }, body: '' };
  }
  return jsonError(404, `No route for ${event.routeKey}`);
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  409: 'Conflict',
  500: 'Internal Server Error',
};

/** The seed's error body ({error, message}) with its status. */
export function jsonError(statusCode: number, message: string): StatsHttpResponse {
  return {
    statusCode,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ error: REASONS[statusCode] ?? 'Error', message }),
  };
}
