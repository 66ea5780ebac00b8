// exportAccount's Lambda (an AppSync Lambda data source). The resolver sends
//   { operation: 'Invoke', payload: { sub: ctx.identity.sub } }
// Expected refusals are RETURNED as { ok: false, errorType, message, retryAfter? } so the resolver
// keeps their errorType (a thrown error reaches AppSync only as Lambda:Unhandled); unexpected
// failures are logged and thrown with a generic message.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { requiredEnv } from '../lib/environment.ts';
import { isDomainError, UnauthorizedError } from '../lib/errors.ts';
import type { ErrorType } from '../lib/errors.ts';
import { createLogger } from '../lib/logger.ts';
import { createS3Client } from '../lib/s3Client.ts';
import { exportAccount } from './exportAccount.ts';
import type { AccountExport, ExportDependencies } from './exportAccount.ts';
import { ExportTooSoonError } from './exportSlot.ts';

/** What the function returns to the resolver. */
export type ExportResult =
  | { ok: true; export: AccountExport }
  | { ok: false; errorType: ErrorType; message: string; retryAfter?: string };

const logger = createLogger('account-export');
const deps: ExportDependencies = {
  dynamodb: new DynamoDBClient({}),
  tables: {
    users: requiredEnv('USERS_TABLE'),
    profiles: requiredEnv('PROFILES_TABLE'),
    links: requiredEnv('LINKS_TABLE'),
    accountJobs: requiredEnv('ACCOUNT_JOBS_TABLE'),
  },
  s3: createS3Client(),
  bucket: requiredEnv('S3_BUCKET'),
  assetsBaseUrl: requiredEnv('ASSETS_BASE_URL').replace(/\/+$/, ''),
  now: () => new Date(),
};

/** AppSync Lambda data source handler: the event is the resolver's `payload`. */
export async function handler(event: unknown): Promise<ExportResult> {
  const started = Date.now();
  const sub = (event as { sub?: unknown } | null)?.sub;
  try {
    if (typeof sub !== 'string' || sub === '') throw new UnauthorizedError('An export needs a signed-in user.');
    const result = await exportAccount(sub, deps);
    logger.info('export ready', {
      operation: 'exportAccount',
      userId: sub,
      outcome: 'ok',
      durationMs: Date.now() - started,
    });
    return { ok: true, export: result };
  } catch (error) {
    if (isDomainError(error)) {
      logger.warn('export refused', {
        operation: 'exportAccount',
        userId: sub,
        outcome: error.errorType,
        durationMs: Date.now() - started,
        reason: error.message,
      });
      const retryAfter = error instanceof ExportTooSoonError ? error.retryAfter.toISOString() : undefined;
      return { ok: false, errorType: error.errorType, message: error.message, ...(retryAfter ? { retryAfter } : {}) };
    }
    logger.error('export failed', {
      operation: 'exportAccount',
      userId: sub,
      outcome: 'error',
      durationMs: Date.now() - started,
      error,
    });
    throw new Error('Could not export the account; try again later.');
  }
}
