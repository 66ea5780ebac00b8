// ListObjectVersions (GET /{bucket}?versions) for s3rver, which has no object versions and answers
// MethodNotAllowed. Its store keeps exactly one copy of each key, which is what S3 reports for an
// object written while versioning was off: one version, VersionId "null", latest, no delete
// markers. Erasure code that lists versions and deletes each by VersionId (DeleteObjects, which
// s3rver serves, deleting the key whatever the VersionId) therefore runs unchanged against the
// local stack (README "Known differences").
import type { IncomingMessage } from 'node:http';

interface KoaContext {
  method: string;
  req: IncomingMessage;
  query: Record<string, string | undefined>;
  params?: Record<string, string>;
  body: unknown;
  store: {
    getBucket(bucket: string): Promise<unknown>;
    listObjects(
      bucket: string,
      options: { prefix?: string; startAfter?: string; maxKeys: number },
    ): Promise<{
      objects: { key: string; size: number; lastModifiedDate: Date; metadata: { etag: string } }[];
      isTruncated: boolean;
    }>;
  };
}
type Middleware = (ctx: KoaContext, next: () => Promise<void>) => Promise<void>;
type S3ErrorConstructor = new (code: string, message: string, detail?: Record<string, unknown>) => Error;

/** Koa middleware serving ListObjectVersions from s3rver's store, after s3rver's own signature check. */
export function listObjectVersions(requireS3rver: NodeJS.Require): Middleware {
  const authenticate = (requireS3rver('./middleware/authentication') as () => Middleware)();
  const S3Error = requireS3rver('./models/error') as S3ErrorConstructor;
  return async (ctx, next) => {
    const [bucket, ...key] = (ctx.req.url ?? '/').split('?')[0].split('/').slice(1);
    if (ctx.method !== 'GET' || !('versions' in ctx.query) || !bucket || key.some((part) => part !== '')) {
      return next();
    }
    ctx.params = { bucket };
    await authenticate(ctx, async () => {
      if (!(await ctx.store.getBucket(bucket))) {
        throw new S3Error('NoSuchBucket', 'The specified bucket does not exist', { BucketName: bucket });
      }
      const maxKeys = Math.min(1000, Math.max(0, Number(ctx.query['max-keys'] ?? 1000) || 1000));
      const prefix = ctx.query.prefix ?? '';
      const keyMarker = ctx.query['key-marker'] ?? '';
      const listed = await ctx.store.listObjects(bucket, { prefix, startAfter: keyMarker, maxKeys });
      const last = listed.objects[listed.objects.length - 1];
      ctx.body = {
        ListVersionsResult: {
          '@': { xmlns: 'http://s3.amazonaws.com/doc/2006-03-01/' },
          Name: bucket,
          Prefix: prefix,
          KeyMarker: keyMarker,
          VersionIdMarker: ctx.query['version-id-marker'] ?? '',
          MaxKeys: maxKeys,
          IsTruncated: listed.isTruncated,
          ...(listed.isTruncated && last ? { NextKeyMarker: last.key, NextVersionIdMarker: 'null' } : {}),
          Version: listed.objects.map((object) => ({
            Key: object.key,
            VersionId: 'null',
            IsLatest: true,
            LastModified: object.lastModifiedDate.toISOString(),
            ETag: object.metadata.etag,
            Size: object.size,
            StorageClass: 'STANDARD',
          })),
        },
      };
    });
  };
}
