// createUploadUrl's Lambda (an AppSync Lambda data source). The resolver sends
//   { operation: 'Invoke', payload: { sub: ctx.identity.sub, input: ctx.args.input } }
// and AppSync passes `payload` as this function's event.
//
// Error contract: a thrown error reaches AppSync only as errorType `Lambda:Unhandled` (see
// docs/appsync-facts.md §5), which would lose our BadRequest/Unauthorized types. So expected refusals are
// RETURNED as `{ ok: false, errorType, message }` and the resolver re-raises them with
// `util.error(message, errorType)`; success is `{ ok: true, upload }`. Only unexpected failures
// are thrown — logged here with context, with a generic message so no internals reach the client,
// and counted by Lambda's Errors metric.
import { randomUUID } from 'node:crypto';
import { S3Client } from '@aws-sdk/client-s3';
import { isDomainError, UnauthorizedError } from '../lib/errors.ts';
import type { ErrorType } from '../lib/errors.ts';
import { createLogger } from '../lib/logger.ts';
import { createUploadUrl } from './createUploadUrl.ts';
import type { UploadUrl, UploadUrlDependencies } from './createUploadUrl.ts';
import type { UploadInput } from './uploadRules.ts';
import { s3PresignPut } from './presignPut.ts';

/** What the function returns to the resolver. */
export type PresignResult = { ok: true; upload: UploadUrl } | { ok: false; errorType: ErrorType; message: string };

const logger = createLogger('presign');
const endpoint = process.env.S3_ENDPOINT || undefined;
const s3 = new S3Client({
  endpoint,
  // A local endpoint (s3rver) serves buckets by path, not by virtual host.
  forcePathStyle: endpoint !== undefined,
  // Newer SDKs would add a CRC32 of the (empty) presign-time body to the URL, and S3 would then
  // refuse every real upload; a presigned PUT must not carry a checksum it cannot know.
  requestChecksumCalculation: 'WHEN_REQUIRED',
});
const deps: UploadUrlDependencies = {
  presignPut: s3PresignPut(s3, requiredEnv('S3_BUCKET')),
  assetsBaseUrl: requiredEnv('ASSETS_BASE_URL').replace(/\/+$/, ''),
  now: () => new Date(),
  newId: randomUUID,
};

/** AppSync Lambda data source handler: the event is the resolver's `payload`. */
export async function handler(event: unknown): Promise<PresignResult> {
  const started = Date.now();
  try {
    const { sub, input } = parseEvent(event);
    const upload = await createUploadUrl(sub, input, deps);
    logger.info('upload url created', {
      operation: 'createUploadUrl',
      outcome: 'ok',
      durationMs: Date.now() - started,
      key: upload.key,
      contentType: upload.contentType,
      contentLength: upload.contentLength,
    });
    return { ok: true, upload };
  } catch (error) {
    if (isDomainError(error)) {
      logger.warn('upload refused', {
        operation: 'createUploadUrl',
        outcome: error.errorType,
        durationMs: Date.now() - started,
        reason: error.message,
      });
      return { ok: false, errorType: error.errorType, message: error.message };
    }
    logger.error('upload url failed', {
      operation: 'createUploadUrl',
      outcome: 'error',
      durationMs: Date.now() - started,
      error,
    });
    throw new Error('Could not create an upload URL; try again later.');
  }
}

function parseEvent(event: unknown): { sub: string; input: UploadInput } {
  const payload = (event ?? {}) as { sub?: unknown; input?: unknown };
  if (typeof payload.sub !== 'string' || payload.sub === '')
    throw new UnauthorizedError('An upload needs a signed-in user.');
  const input = (payload.input ?? {}) as Partial<UploadInput>;
  return {
    sub: payload.sub,
    input: {
      fileType: String(input.fileType ?? ''),
      contentType: String(input.contentType ?? ''),
      contentLength: Number(input.contentLength),
      fileExtension: typeof input.fileExtension === 'string' ? input.fileExtension : null,
    },
  };
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Environment variable ${name} is not set.`);
  return value;
}
