// Erasure on a VERSIONED bucket, which s3rver cannot be: a stand-in for S3's ListObjectVersions
// and DeleteObjects with several versions and delete markers per key, paged 1,000 at a time.
// (The same code against s3rver: test/integration/functions/accountErasure.test.ts.)
import { DeleteObjectsCommand, ListObjectVersionsCommand } from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { s3ErasePrefix } from '../../../../functions/account-erasure/objectVersions.ts';

interface StoredVersion {
  Key: string;
  VersionId: string;
  marker: boolean;
}

/** A versioned bucket as S3 describes it, answering the two commands the erasure sends. */
function versionedBucket(versions: StoredVersion[], options: { refuse?: string } = {}) {
  const deleteCalls: { Key: string; VersionId?: string }[][] = [];
  const client = {
    async send(command: unknown) {
      if (command instanceof ListObjectVersionsCommand) {
        const { Prefix = '', MaxKeys = 1000 } = command.input;
        const page = versions.filter((v) => v.Key.startsWith(Prefix)).slice(0, MaxKeys);
        return {
          Versions: page.filter((v) => !v.marker).map(({ Key, VersionId }) => ({ Key, VersionId })),
          DeleteMarkers: page.filter((v) => v.marker).map(({ Key, VersionId }) => ({ Key, VersionId })),
          IsTruncated: versions.filter((v) => v.Key.startsWith(Prefix)).length > MaxKeys,
        };
      }
      if (command instanceof DeleteObjectsCommand) {
        const objects = command.input.Delete?.Objects ?? [];
        deleteCalls.push(objects.map(({ Key, VersionId }) => ({ Key: Key as string, VersionId })));
        const errors = objects
          .filter((o) => o.Key === options.refuse)
          .map((o) => ({ Key: o.Key, Code: 'AccessDenied', Message: 'Access Denied' }));
        for (const o of objects) {
          if (o.Key === options.refuse) continue;
          const at = versions.findIndex((v) => v.Key === o.Key && v.VersionId === o.VersionId);
          if (at >= 0) versions.splice(at, 1);
        }
        return { Errors: errors };
      }
      throw new Error('unexpected command');
    },
  } as unknown as S3Client;
  return { client, versions, deleteCalls };
}

describe('s3ErasePrefix on a versioned bucket', () => {
  it('deletes every version and delete marker under the prefix by VersionId, and nothing else', async () => {
    const bucket = versionedBucket([
      { Key: 'users/u/profile/a.png', VersionId: 'v1', marker: false },
      { Key: 'users/u/profile/a.png', VersionId: 'v2', marker: false },
      { Key: 'users/u/profile/a.png', VersionId: 'm3', marker: true },
      { Key: 'users/u/resume/b.pdf', VersionId: 'v1', marker: false },
      { Key: 'users/uu/profile/c.png', VersionId: 'v1', marker: false },
    ]);

    expect(await s3ErasePrefix(bucket.client, 'bucket')('users/u/')).toBe(4);

    expect(bucket.versions).toEqual([{ Key: 'users/uu/profile/c.png', VersionId: 'v1', marker: false }]);
    expect(bucket.deleteCalls.flat().every((o) => o.VersionId !== undefined)).toBe(true);
  });

  it('keeps listing until nothing is left, at most 1,000 versions per DeleteObjects', async () => {
    const many = Array.from({ length: 2_501 }, (_, i) => ({
      Key: `users/u/projects/${String(i).padStart(5, '0')}.png`,
      VersionId: `v${i}`,
      marker: i % 7 === 0,
    }));
    const bucket = versionedBucket(many);

    expect(await s3ErasePrefix(bucket.client, 'bucket')('users/u/')).toBe(2_501);

    expect(bucket.versions).toEqual([]);
    expect(bucket.deleteCalls.map((call) => call.length)).toEqual([1000, 1000, 501]);
  });

  it('fails (so the step is retried) when S3 keeps a version, and refuses to erase a whole bucket', async () => {
    const bucket = versionedBucket([{ Key: 'users/u/profile/a.png', VersionId: 'v1', marker: false }], {
      refuse: 'users/u/profile/a.png',
    });
    await expect(s3ErasePrefix(bucket.client, 'bucket')('users/u/')).rejects.toThrow(/AccessDenied/);
    for (const prefix of ['', '/', 'users']) {
      await expect(s3ErasePrefix(bucket.client, 'bucket')(prefix)).rejects.toThrow(/Refusing/);
    }
  });
});
