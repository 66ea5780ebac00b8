// The REST shim as a Hono app, separate from Lambda (STYLE "create is separate from listen"): the
// handler wires the real AppSync client, tests inject a fake one and call app.request().
import { Hono } from 'hono';
import type { Logger } from '../lib/logger.ts';
import { createLogger } from '../lib/logger.ts';
import type { GraphqlClient } from '../lib/appsyncClient.ts';
import { GENERIC_FAILURE_MESSAGE } from './graphqlErrors.ts';
import { errorBody, HttpError } from './httpErrors.ts';
import type { RestEnv } from './restEnv.ts';
import { accountRoutes } from './routes/account.ts';
import { linkRoutes } from './routes/links.ts';
import { profileRoutes } from './routes/profiles.ts';
import { uploadRoutes } from './routes/uploads.ts';

export interface RestAppOptions {
  /** Sends the routes' GraphQL operations to AppSync. */
  graphql: GraphqlClient;
  logger?: Logger;
}

/** The seven seed endpoints, each one GraphQL operation, with the seed's JSON and status codes. */
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

  profileRoutes(app, options.graphql);
  linkRoutes(app, options.graphql);
  uploadRoutes(app, options.graphql);
  accountRoutes(app, options.graphql);

  app.notFound((c) => c.json(errorBody(404, `No route for ${c.req.method} ${c.req.path}`), 404));
  app.onError((error, c) => {
    if (error instanceof HttpError) return c.json(errorBody(error.status, error.message), error.status);
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
