// The stats Lambda (README "Profile stats"): an AppSync Lambda data source for recordProfileView
// and myStats, and the HTTP API's two public counting routes (POST /profiles/{username}/views,
// GET /l/{username}/{link_id}). Nothing identifying a visitor is logged or stored: the address
// and User-Agent exist only in memory, long enough to compute a keyed hash.
import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { ErrorType } from '../lib/errors.ts';
import { isDomainError } from '../lib/errors.ts';
import { readEnvironment } from '../lib/environment.ts';
import { createPowertools, withPowertools } from '../lib/powertools.ts';
import { isStatsAction, runStatsAction } from './appsyncActions.ts';
import type { StatsActionResult } from './appsyncActions.ts';
import { parseShardCount } from './countPlan.ts';
import type { CountingDependencies } from './countVisits.ts';
import { isHttpEvent, jsonError, serveStatsRoute } from './httpRoutes.ts';
import type { StatsHttpResponse } from './httpRoutes.ts';
import { DEFAULT_SHARDS } from './statsKeys.ts';
import { dynamoDbStatsStore } from './statsStore.ts';
import { createDailyKeys } from './visitorHash.ts';

const env = readEnvironment('stats');
const tools = createPowertools('stats');
const { logger } = tools;
const store = dynamoDbStatsStore(tools.tracer.captureAWSv3Client(new DynamoDBClient({})), {
  stats: env.STATS_TABLE,
  visitors: env.VISITORS_TABLE,
  profiles: env.PROFILES_TABLE,
  links: env.LINKS_TABLE,
});
const deps: CountingDependencies = {
  store,
  keys: createDailyKeys(store, () => randomBytes(32)),
  shards: parseShardCount(process.env.STATS_SHARDS, DEFAULT_SHARDS),
  now: Date.now,
  random: Math.random,
};

/** AppSync Invoke payloads and HTTP API (payload 2.0) events. */
export const handler = withPowertools(tools, async (event: unknown): Promise<StatsActionResult | StatsHttpResponse> => {
  const started = Date.now();
  const operation = isHttpEvent(event) ? event.routeKey : isStatsAction(event) ? event.action : 'unknown';
  try {
    if (isHttpEvent(event)) {
      const response = await serveStatsRoute(event, deps);
      logger.info('done', { operation, status: response.statusCode, durationMs: Date.now() - started });
      return response;
    }
    if (!isStatsAction(event)) throw new Error('Neither an HTTP API event nor a stats action.');
    const result = await runStatsAction(event, deps);
    logger.info('done', {
      operation,
      outcome: 'skipped' in result ? (result.skipped ?? 'counted') : 'ok',
      durationMs: Date.now() - started,
    });
    return result;
  } catch (error) {
    if (isDomainError(error)) {
      logger.info('refused', {
        operation,
        outcome: error.errorType,
        reason: error.message,
        durationMs: Date.now() - started,
      });
      return isHttpEvent(event)
        ? jsonError(HTTP_STATUS[error.errorType], error.message)
        : { ok: false, errorType: error.errorType, message: error.message };
    }
    logger.error('failed', { operation, durationMs: Date.now() - started, error });
    if (isHttpEvent(event)) return jsonError(500, 'Something went wrong; please try again later.');
    throw new Error('Could not process the stats request; try again later.');
  }
});

const HTTP_STATUS: Record<ErrorType, number> = { BadRequest: 400, Unauthorized: 401, NotFound: 404, Conflict: 409 };
