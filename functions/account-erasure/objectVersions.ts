// The S3 side of an erasure. The bucket is versioned, so a plain DeleteObject would only add a
// delete marker and keep every byte: erasure lists EVERY version and delete marker under a prefix
// (ListObjectVersions) and deletes each by VersionId (DeleteObjects, up to 1,000 at a time).
import { DeleteObjectsCommand, ListObjectVersionsCommand } from '@aws-sdk/client-s3';
import type { ObjectIdentifier, S3Client } from '@aws-sdk/client-s3';

/** Erases every version of every object under a prefix. */
export type ErasePrefix = (prefix: string) => Promise<number>;

/** An ErasePrefix for `bucket`; it lists again until nothing is left, so versions written meanwhile go too. */
export function s3ErasePrefix(s3: S3Client, bucket: string): ErasePrefix {
  return async (prefix) => {
    if (!prefix.endsWith('/') || prefix.length < 2) throw new Error(`Refusing to erase the prefix "${prefix}".`);
    let erased = 0;
    let previous = '';
    for (;;) {
      const page = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: prefix, MaxKeys: 1000 }));
      const targets: ObjectIdentifier[] = [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])].map((version) => ({
        Key: version.Key as string,
        VersionId: version.VersionId,
      }));
      if (targets.length === 0) return erased;
      // The same versions listed again after S3 said it deleted them: stop rather than spin.
      const listed = JSON.stringify(targets);
      if (listed === previous) throw new Error(`S3 still lists the versions it deleted under ${prefix}.`);
      previous = listed;
      const out = await s3.send(
        new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: targets, Quiet: true } }),
      );
      if ((out.Errors ?? []).length > 0) {
        const [first] = out.Errors ?? [];
        throw new Error(`S3 kept ${out.Errors?.length} version(s) under ${prefix}: ${first.Code} ${first.Message}`);
      }
      erased += targets.length;
    }
  };
}
