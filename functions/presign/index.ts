// createUploadUrl's Lambda (an AppSync Lambda data source). The resolver sends
//   { operation: 'Invoke', payload: { sub: ctx.identity.sub, input: ctx.args.input } }
// and AppSync passes `payload` as this function's event.
//
// Error contract: a thrown error reaches AppSync only as errorType `Lambda:Unhandled` (see
// docs/appsync-facts.md §5), which would lose our BadRequest/Unauthorized types. So expected refusals are
// RETURNED as `{ ok: false, errorType, message }` and the resolver re-raises them with
// `util.error(message, errorType)`; success is `{ ok: true, upload }`. Only unexpected failures
// are thrown — logged with context, with a generic message so no internals reach the client,
// and counted by Lambda's Errors metric.
import { randomUUID } from 'node:crypto';
import { S3Client } from '@aws-sdk/client-s3';
import { readEnvironment, optionalEnvironment } from '../lib/environment.ts';
import { isDomainError, UnauthorizedError } from '../lib/errors.ts';
import type { ErrorType } from '../lib/errors.ts';
import { runOperation } from '../lib/operationOutcome.ts';
import { createPowertools, MetricUnit, withPowertools } from '../lib/powertools.ts';
import { createUploadUrl } from './createUploadUrl.ts';
import type { UploadUrl, UploadUrlDependencies } from './createUploadUrl.ts';
import type { UploadInput } from './uploadRules.ts';
import { s3PresignPut } from './presignPut.ts';

/** What the function returns to the resolver. */
export type PresignResult = { ok: true; upload: UploadUrl } | { ok: false; errorType: ErrorType; message: string };

const env = readEnvironment('presign');
const tools = createPowertools('presign');
const endpoint = optionalEnvironment('S3_ENDPOINT');
const s3 = new S3Client({
  endpoint,
  // A local endpoint (s3rver) serves buckets by path, not by virtual host.
  forcePathStyle: endpoint !== undefined,
  // Newer SDKs would add a CRC32 of the (empty) presign-time body to the URL, and S3 would then
  // refuse every real upload; a presigned PUT must not carry a checksum it cannot know.
  requestChecksumCalculation: 'WHEN_REQUIRED',
});
const deps: UploadUrlDependencies = {
  // Presigning is local computation: no S3 call to trace.
  presignPut: s3PresignPut(s3, env.S3_BUCKET),
  assetsBaseUrl: env.ASSETS_BASE_URL.replace(/\/+$/, ''),
  now: () => new Date(),
  newId: randomUUID,
};

/** AppSync Lambda data source handler: the event is the resolver's `payload`. */
export const handler = withPowertools(tools, async (event: unknown): Promise<PresignResult> => {
  try {
    const upload = await runOperation(
      tools,
      { operation: 'createUploadUrl', failureMessage: 'Could not create an upload URL; try again later.' },
      async () => {
        const { sub, input } = parseEvent(event);
        const created = await createUploadUrl(sub, input, deps);
        tools.logger.appendKeys({ key: created.key, contentType: created.contentType });
        tools.metrics.addMetric('UploadUrlsCreated', MetricUnit.Count, 1);
        return created;
      },
    );
    return { ok: true, upload };
  } catch (error) {
    if (isDomainError(error)) return { ok: false, errorType: error.errorType, message: error.message };
    throw error;
  }
});

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
