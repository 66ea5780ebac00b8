// Stands in for @aws-sdk/credential-provider-node in the Lambda bundles (cdk/lambda/bundleLambda.ts
// aliases it). On Lambda the execution role's credentials are always in the environment
// (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), and the local stack sets them the
// same way; the rest of the SDK's default chain (SSO, INI files, web identity, IMDS, the nested
// STS/SSO clients) never runs there and weighs about 100 KB minified per function.

/** What the SDK's credential providers resolve to. */
export interface AwsCredentialIdentity {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** The SDK clients' default credential provider, reduced to the environment variables Lambda sets. */
export function defaultProvider(): () => Promise<AwsCredentialIdentity> {
  return async () => {
    const accessKeyId = process.env.AWS_ACCESS_KEY_ID;
    const secretAccessKey = process.env.AWS_SECRET_ACCESS_KEY;
    if (!accessKeyId || !secretAccessKey) {
      throw new Error(
        'No AWS credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set (Lambda sets them).',
      );
    }
    return { accessKeyId, secretAccessKey, sessionToken: process.env.AWS_SESSION_TOKEN || undefined };
  };
}
