// The S3 client the account functions use: AWS's endpoint in Lambda, or the local stack's s3rver
// (S3_ENDPOINT), which serves buckets by path, not by virtual host.
import { S3Client } from '@aws-sdk/client-s3';
import { optionalEnvironment } from './environment.ts';

/** An S3 client for this function's environment. */
export function createS3Client(): S3Client {
  const endpoint = optionalEnvironment('S3_ENDPOINT');
  return new S3Client({
    endpoint,
    forcePathStyle: endpoint !== undefined,
    // Checksums only where S3 requires one (DeleteObjects): a presigned URL cannot know its body's.
    requestChecksumCalculation: 'WHEN_REQUIRED',
  });
}
