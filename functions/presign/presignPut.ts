// The S3 side of createUploadUrl: a SigV4 query-string presigned PutObject with Content-Type and
// Content-Length in SignedHeaders, so S3 refuses a body of another type or size.
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { PresignPut } from './createUploadUrl.ts';

// The presigner treats content-type as unsignable and content-length as never signed unless
// they are named here; neither is an x-amz-* header, so neither is hoisted into the query string.
const SIGNED_HEADERS = new Set(['content-type', 'content-length']);

/** A PresignPut for `bucket` using `client`'s credentials and region. */
export function s3PresignPut(client: S3Client, bucket: string): PresignPut {
  return (plan, { signedAt, expiresIn }) =>
    getSignedUrl(
      client,
      new PutObjectCommand({
        Bucket: bucket,
        Key: plan.key,
        ContentType: plan.contentType,
        ContentLength: plan.contentLength,
      }),
      { expiresIn, signingDate: signedAt, signableHeaders: SIGNED_HEADERS },
    );
}
