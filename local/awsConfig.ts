// The one AWS configuration of the local stack: every local service runs in one region and account,
// and accepts one fixed key pair (DynamoDB Local with -sharedDb ignores credentials but the SDK
// needs some; s3rver and the AppSync IAM mode check them). SDK clients, Lambda environments and ARNs
// all take their values from here, so changing the region is a one-line edit.

/** The region every local service runs in (and the one local ARNs and tokens name). */
export const LOCAL_REGION = 'us-east-1';

/** The account ID local ARNs carry (DynamoDB Local and cognito-local use the same). */
export const LOCAL_ACCOUNT_ID = '000000000000';

/** The access key pair every local service accepts. */
export interface LocalCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/** The fixed local key pair: `local` / `local`. Frozen: hand SDK clients a copy (they annotate the object they get). */
export const LOCAL_CREDENTIALS: LocalCredentials = Object.freeze({ accessKeyId: 'local', secretAccessKey: 'local' });

/** Settings an AWS SDK v3 client needs to talk to a local service. */
export interface LocalClientConfig {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** S3 only: bucket in the path (s3rver serves no virtual-hosted buckets). */
  forcePathStyle?: boolean;
  /** 1 turns the SDK's retries off (for start-up probes that poll on their own). */
  maxAttempts?: number;
}

/** SDK client settings for the local service at `endpoint` (local region and credentials). */
export function localClientConfig(
  endpoint: string,
  options: Pick<LocalClientConfig, 'forcePathStyle' | 'maxAttempts'> = {},
): LocalClientConfig {
  return { endpoint, region: LOCAL_REGION, credentials: { ...LOCAL_CREDENTIALS }, ...options };
}

/** SDK client settings for s3rver at `endpoint`: path-style addressing. */
export function localS3ClientConfig(endpoint: string): LocalClientConfig {
  return localClientConfig(endpoint, { forcePathStyle: true });
}

/** The region and credential variables a process (a Lambda function) needs to reach the local services. */
export function localAwsEnvironment(): Record<'AWS_REGION' | 'AWS_ACCESS_KEY_ID' | 'AWS_SECRET_ACCESS_KEY', string> {
  return {
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
  };
}
