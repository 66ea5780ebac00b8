// The data view's bucket: the objects in the stack's bucket on s3rver, a page at a time, read-only,
// with the URL each one is reachable at (public-read keys open directly; others need a signature).
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { Hono } from 'hono';

/** The bucket and where s3rver listens. */
export interface LocalBucketLocation {
  s3Endpoint: string;
  bucket: string;
  region: string;
}

const PAGE_SIZE = 50;

/** The /objects routes over the stack's bucket. */
export function objectRoutes(location: LocalBucketLocation): Hono {
  const client = new S3Client({
    endpoint: location.s3Endpoint,
    region: location.region,
    forcePathStyle: true,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  // The SDK signs a listing over `/<bucket>/`, the path it sends; the local s3rver verifies that
  // path (local/services/s3/bucketLevelSignatures.ts), as S3 does.
  const app = new Hono();
  app.get('/objects', async (c) => {
    const out = await client.send(
      new ListObjectsV2Command({
        Bucket: location.bucket,
        MaxKeys: PAGE_SIZE,
        Prefix: c.req.query('prefix') || undefined,
        ContinuationToken: c.req.query('next') || undefined,
      }),
    );
    return c.json({
      bucket: location.bucket,
      objects: (out.Contents ?? []).map((object) => ({
        key: object.Key ?? '',
        size: object.Size ?? 0,
        lastModified: object.LastModified?.toISOString() ?? null,
        url: `${location.s3Endpoint}/${location.bucket}/${(object.Key ?? '').split('/').map(encodeURIComponent).join('/')}`,
      })),
      next: out.IsTruncated ? (out.NextContinuationToken ?? null) : null,
    });
  });
  return app;
}
