// Least privilege for the account-job functions (cdk/constructs/accountJobs.ts): each gets
// the item operations, S3 prefixes and Cognito calls its code makes, and nothing else.
import { Stack, Validations } from 'aws-cdk-lib';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import { PROFILES_BY_OWNER_INDEX } from '../../functions/lib/accountTables.ts';

/** What the functions touch. */
export interface AccountJobResources {
  users: ITable;
  profiles: ITable;
  links: ITable;
  jobs: ITable;
  bucket: Bucket;
  userPool: IUserPool;
}

// Per-user keys are created at run time: the wildcards stay within these two prefixes.
const ACCOUNT_PREFIXES = ['users/*', 'exports/*'];

/** The erasure worker: read and delete everything of one account in DynamoDB, all its S3 versions. */
export function grantErasure(fn: LambdaFunction, r: AccountJobResources): void {
  allow(fn, ['dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'], [r.jobs.tableArn]);
  allow(fn, ['dynamodb:GetItem', 'dynamodb:DeleteItem'], [r.users.tableArn, r.profiles.tableArn]);
  allow(fn, ['dynamodb:Query'], [`${r.profiles.tableArn}/index/${PROFILES_BY_OWNER_INDEX}`, r.links.tableArn]);
  allow(fn, ['dynamodb:BatchWriteItem'], [r.links.tableArn]);
  allowListing(fn, r.bucket, ['s3:ListBucket', 's3:ListBucketVersions'], ACCOUNT_PREFIXES);
  allow(
    fn,
    ['s3:DeleteObject', 's3:DeleteObjectVersion'],
    ACCOUNT_PREFIXES.map((prefix) => r.bucket.arnForObjects(prefix)),
  );
  acknowledgeObjectWildcards(fn, r.bucket, ACCOUNT_PREFIXES);
}

/** The user removal: read and move the job, find the Cognito user by sub and delete it. */
export function grantUserRemoval(fn: LambdaFunction, r: AccountJobResources): void {
  allow(fn, ['dynamodb:GetItem', 'dynamodb:UpdateItem'], [r.jobs.tableArn]);
  allow(fn, ['cognito-idp:ListUsers', 'cognito-idp:AdminDeleteUser'], [r.userPool.userPoolArn]);
}

/** The reconciler: page through users rows and jobs (a scheduled job, never a request path), ask Cognito, write tombstones (taking the profile offline). */
export function grantReconciliation(fn: LambdaFunction, r: AccountJobResources): void {
  // The users walk, and the walk of profiles no users row covers (each profile's owner looked up by key).
  allow(fn, ['dynamodb:Scan', 'dynamodb:GetItem'], [r.users.tableArn]);
  allow(fn, ['dynamodb:Scan'], [r.profiles.tableArn]);
  allow(
    fn,
    ['dynamodb:Scan', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
    [r.jobs.tableArn],
  );
  // The tombstone and the profile's removal are one transaction (Put → PutItem, Delete → DeleteItem).
  allow(fn, ['dynamodb:DeleteItem'], [r.profiles.tableArn]);
  allow(fn, ['cognito-idp:ListUsers'], [r.userPool.userPoolArn]);
}

/** The export: read the caller's rows and uploads, write the export under exports/ and presign its GET. */
export function grantExport(fn: LambdaFunction, r: AccountJobResources): void {
  allow(fn, ['dynamodb:GetItem'], [r.users.tableArn, r.profiles.tableArn]);
  allow(fn, ['dynamodb:Query'], [`${r.profiles.tableArn}/index/${PROFILES_BY_OWNER_INDEX}`, r.links.tableArn]);
  // TransactWriteItems is authorised per item: Put → PutItem, ConditionCheck → ConditionCheckItem.
  allow(fn, ['dynamodb:PutItem', 'dynamodb:ConditionCheckItem'], [r.jobs.tableArn]);
  allowListing(fn, r.bucket, ['s3:ListBucket'], ['users/*']);
  // HeadObject (an upload's content type) is authorised as GetObject.
  allow(fn, ['s3:GetObject'], [r.bucket.arnForObjects('users/*')]);
  allow(fn, ['s3:PutObject', 's3:GetObject'], [r.bucket.arnForObjects('exports/*')]);
  acknowledgeObjectWildcards(fn, r.bucket, ACCOUNT_PREFIXES);
}

function allow(fn: LambdaFunction, actions: string[], resources: string[]): void {
  fn.addToRolePolicy(new PolicyStatement({ actions, resources }));
}

function allowListing(fn: LambdaFunction, bucket: Bucket, actions: string[], prefixes: string[]): void {
  fn.addToRolePolicy(
    new PolicyStatement({
      actions,
      resources: [bucket.bucketArn],
      conditions: { StringLike: { 's3:prefix': prefixes } },
    }),
  );
}

function acknowledgeObjectWildcards(fn: LambdaFunction, bucket: Bucket, prefixes: string[]): void {
  const bucketId = Stack.of(bucket).getLogicalId(bucket.node.defaultChild as never);
  for (const prefix of prefixes) {
    Validations.of(fn).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${prefix}]`,
      reason: `Per-user keys (${prefix.replace('*', '{sub}/…')}) are created at run time; the wildcard is limited to that prefix.`,
    });
  }
}
