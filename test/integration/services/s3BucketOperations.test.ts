// Bucket-level S3 operations on the local s3rver, as current SDKs send them ("/bucket/?…", signed
// as sent): listing, listing versions (emulated: one "null" version per key, what S3 reports for
// an object written without versioning) and multi-object delete by VersionId. Wrong keys and
// anonymous callers are still refused.
import { randomUUID } from 'node:crypto';
import {
  DeleteObjectsCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, inject, it } from 'vitest';

const stack = inject('localStack');
const client = (secretAccessKey = 'local') =>
  new S3Client({
    endpoint: stack.s3Endpoint,
    forcePathStyle: true,
    region: stack.region,
    credentials: { accessKeyId: 'local', secretAccessKey },
  });
const s3 = client();
const prefix = `users/${randomUUID()}/`;
const keys = ['a.png', 'b.png', 'c/d.pdf'].map((name) => `${prefix}${name}`);

beforeAll(async () => {
  for (const Key of keys) await s3.send(new PutObjectCommand({ Bucket: stack.bucket, Key, Body: Key }));
  await s3.send(new PutObjectCommand({ Bucket: stack.bucket, Key: `${prefix.slice(0, -1)}x/other.png`, Body: 'x' }));
});

describe('bucket-level operations on s3rver', () => {
  it('lists objects under a prefix (ListObjectsV2)', async () => {
    const out = await s3.send(new ListObjectsV2Command({ Bucket: stack.bucket, Prefix: prefix }));
    expect(out.Contents?.map((o) => o.Key)).toEqual(keys);
  });

  it('lists each object as one current version with VersionId "null", page by page', async () => {
    const first = await s3.send(new ListObjectVersionsCommand({ Bucket: stack.bucket, Prefix: prefix, MaxKeys: 2 }));
    const second = await s3.send(
      new ListObjectVersionsCommand({ Bucket: stack.bucket, Prefix: prefix, KeyMarker: first.NextKeyMarker }),
    );

    expect(first.IsTruncated).toBe(true);
    expect(first.Versions?.map((v) => [v.Key, v.VersionId, v.IsLatest, v.Size])).toEqual([
      [keys[0], 'null', true, keys[0].length],
      [keys[1], 'null', true, keys[1].length],
    ]);
    expect(first.DeleteMarkers).toBeUndefined();
    expect(second.IsTruncated).toBe(false);
    expect(second.Versions?.map((v) => v.Key)).toEqual([keys[2]]);
  });

  it('deletes versions by VersionId (DeleteObjects)', async () => {
    const out = await s3.send(
      new DeleteObjectsCommand({
        Bucket: stack.bucket,
        Delete: { Objects: [{ Key: keys[0], VersionId: 'null' }], Quiet: true },
      }),
    );
    expect(out.Errors ?? []).toEqual([]);
    const left = await s3.send(new ListObjectVersionsCommand({ Bucket: stack.bucket, Prefix: prefix }));
    expect(left.Versions?.map((v) => v.Key)).toEqual(keys.slice(1));
  });

  it('still refuses a wrong secret and an anonymous caller', async () => {
    await expect(
      client('wrong').send(new ListObjectVersionsCommand({ Bucket: stack.bucket, Prefix: prefix })),
    ).rejects.toMatchObject({ name: 'SignatureDoesNotMatch' });
    await expect(
      client('wrong').send(new ListObjectsV2Command({ Bucket: stack.bucket, Prefix: prefix })),
    ).rejects.toMatchObject({ name: 'SignatureDoesNotMatch' });
    expect((await fetch(`${stack.s3Endpoint}/${stack.bucket}/?versions&prefix=${prefix}`)).status).toBe(403);
    expect((await fetch(`${stack.s3Endpoint}/${stack.bucket}/?list-type=2`)).status).toBe(403);
  });
});
