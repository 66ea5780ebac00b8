// exportAccount's Lambda (an AppSync Lambda data source). The resolver sends
//   { operation: 'Invoke', payload: { sub: ctx.identity.sub } }
// Expected refusals are RETURNED as { ok: false, errorType, message, retryAfter? } so the resolver
// keeps their errorType (a thrown error reaches AppSync only as Lambda:Unhandled,
// docs/appsync-facts.md §5); unexpected failures are logged and thrown with a generic message.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { readEnvironment } from '../lib/environment.ts';
import { isDomainError, UnauthorizedError } from '../lib/errors.ts';
import type { ErrorType } from '../lib/errors.ts';
import { runOperation } from '../lib/operationOutcome.ts';
import { createPowertools, MetricUnit, withPowertools } from '../lib/powertools.ts';
import { createS3Client } from '../lib/s3Client.ts';
import { exportAccount } from './exportAccount.ts';
import type { AccountExport, ExportDependencies } from './exportAccount.ts';
import { ExportTooSoonError } from './exportSlot.ts';

/** What the function returns to the resolver. */
export type ExportResult =
  | { ok: true; export: AccountExport }
  | { ok: false; errorType: ErrorType; message: string; retryAfter?: string };

const env = readEnvironment('account-export');
const tools = createPowertools('account-export');
const deps: ExportDependencies = {
  dynamodb: tools.tracer.captureAWSv3Client(new DynamoDBClient({})),
  tables: {
    users: env.USERS_TABLE,
    profiles: env.PROFILES_TABLE,
    links: env.LINKS_TABLE,
    accountJobs: env.ACCOUNT_JOBS_TABLE,
  },
  statsTable: env.STATS_TABLE,
  s3: tools.tracer.captureAWSv3Client(createS3Client()),
  bucket: env.S3_BUCKET,
  assetsBaseUrl: env.ASSETS_BASE_URL.replace(/\/+$/, ''),
  now: () => new Date(),
};

/** AppSync Lambda data source handler: the event is the resolver's `payload`. */
export const handler = withPowertools(tools, async (event: unknown): Promise<ExportResult> => {
  try {
    const result = await runOperation(
      tools,
      { operation: 'exportAccount', failureMessage: 'Could not export the account; try again later.' },
      async () => {
        const sub = (event as { sub?: unknown } | null)?.sub;
        if (typeof sub !== 'string' || sub === '') throw new UnauthorizedError('An export needs a signed-in user.');
        tools.logger.appendKeys({ userId: sub });
        const exported = await exportAccount(sub, deps);
        tools.metrics.addMetric('AccountExports', MetricUnit.Count, 1);
        return exported;
      },
    );
    return { ok: true, export: result };
  } catch (error) {
    if (!isDomainError(error)) throw error;
    const retryAfter = error instanceof ExportTooSoonError ? error.retryAfter.toISOString() : undefined;
    return { ok: false, errorType: error.errorType, message: error.message, ...(retryAfter ? { retryAfter } : {}) };
  }
});
