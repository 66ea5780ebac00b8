// The REST shim as a Hono app, separate from Lambda so that creating it is separate from serving it
// (docs/architecture.md §4.3): the handler wires the real AppSync client, tests inject a fake one and
// call app.request().
import type { Context } from 'hono';
import { Hono } from 'hono';
import type { Logger } from '../lib/logger.ts';
import { createLogger } from '../lib/logger.ts';
import type { GraphqlClient } from '../lib/appsyncClient.ts';
import { GENERIC_FAILURE_MESSAGE } from './graphqlErrors.ts';
import { errorBody, HttpError, RETRY_AFTER_SECONDS } from './httpErrors.ts';
import type { RestEnv } from './restEnv.ts';
import type { RouteHandlerName } from './routeTable.ts';
import { honoPath, REST_ROUTES } from './routeTable.ts';
import * as routeHandlers from './routes/index.ts';

export interface RestAppOptions {
  /** Sends the routes' GraphQL operations to AppSync. */
  graphql: GraphqlClient;
  logger?: Logger;
}

/** Answers one route; throws HttpError for refusals (answered as JSON), any other error for our faults (a 500). */
export type RouteHandler = (c: Context<RestEnv>, graphql: GraphqlClient) => Promise<Response>;

// Type-checked: every handler the route table names exists, with the handler shape.
const HANDLERS: Record<RouteHandlerName, RouteHandler> = routeHandlers;

/** The route table's endpoints (routeTable.ts), each one GraphQL operation, with the seed's JSON and status codes. */
export function createRestApp(options: RestAppOptions): Hono<RestEnv> {
  const logger = options.logger ?? createLogger('rest');
  const app = new Hono<RestEnv>();

  app.use(async (c, next) => {
    const started = Date.now();
    await next();
    logger.info('request', {
      operation: c.get('operation') ?? null,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      durationMs: Date.now() - started,
      requestId: c.env?.requestContext?.requestId,
    });
  });

  for (const route of REST_ROUTES) {
    const handler = HANDLERS[route.handler];
    app.on(route.method, honoPath(route.path), (c) => handler(c, options.graphql));
  }

  app.notFound((c) => c.json(errorBody(404, `No route for ${c.req.method} ${c.req.path}`), 404));
  app.onError((error, c) => {
    if (error instanceof HttpError) {
      if (error.status === 503) c.header('retry-after', String(RETRY_AFTER_SECONDS));
      return c.json(errorBody(error.status, error.message), error.status);
    }
    logger.error('request failed', {
      operation: c.get('operation') ?? null,
      method: c.req.method,
      path: c.req.path,
      requestId: c.env?.requestContext?.requestId,
      error,
    });
    return c.json(errorBody(500, GENERIC_FAILURE_MESSAGE), 500);
  });
  return app;
}
