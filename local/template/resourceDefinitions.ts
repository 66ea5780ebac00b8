import type { CORSRule } from '@aws-sdk/client-s3';
import type {
  CreateUserPoolClientCommandInput,
  CreateUserPoolCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';

/** An S3 bucket from the template, as the local S3 service needs it. */
export interface BucketDefinition {
  logicalId: string;
  name: string;
  versioned: boolean;
  /** The bucket's CORS rules in the S3 API's shape (PutBucketCors). */
  corsRules: CORSRule[];
  /** Key patterns the bucket policy lets anyone GET, e.g. `users/*\/profile/*`. */
  publicReadKeyPatterns: string[];
  /** True when the policy denies requests without aws:SecureTransport. */
  httpsOnly: boolean;
}

/** An app client of a user pool. */
export interface UserPoolClientDefinition {
  logicalId: string;
  name: string;
  explicitAuthFlows: string[];
  generateSecret: boolean;
  /** The CreateUserPoolClient request, minus the pool ID only known once the pool exists. */
  createInput: Omit<CreateUserPoolClientCommandInput, 'UserPoolId'>;
}

/** A Cognito user pool from the template, with its clients and Lambda triggers. */
export interface UserPoolDefinition {
  logicalId: string;
  name: string;
  /** The CreateUserPool request (without LambdaConfig: triggers are wired by logical ID below). */
  createInput: CreateUserPoolCommandInput;
  /** Trigger name (PreSignUp, PostConfirmation, …) → the Lambda function's logical ID. */
  lambdaTriggers: Record<string, string>;
  clients: UserPoolClientDefinition[];
}
