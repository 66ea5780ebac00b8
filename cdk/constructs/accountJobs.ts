import { Duration, Validations } from 'aws-cdk-lib';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { AttributeType, BillingMode, StreamViewType, Table } from 'aws-cdk-lib/aws-dynamodb';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction as LambdaTarget } from 'aws-cdk-lib/aws-events-targets';
import { StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { UPLOAD_URL_TTL_SECONDS } from '../../functions/presign/createUploadUrl.ts';
import { stageOf } from '../config/stageOf.ts';
import type { BundleLambdaOptions } from '../lambda/bundleLambda.ts';
import { grantErasure, grantExport, grantReconciliation, grantUserRemoval } from './accountJobsGrants.ts';
import { NodeFunction } from './nodeFunction.ts';
import type { ProfileStats } from './profileStats.ts';
import { longestTokenLifetimeSeconds, tokenValiditySettings } from './tokenLifetime.ts';

export interface AccountJobsProps {
  /** The table's name (`${project}-account-jobs` under seed naming); absent, CloudFormation generates it (cdk/config/naming.ts). */
  tableName?: string;
  usersTable: ITable;
  /** With the `user_id-index` GSI (a profile row by its owner). */
  profilesTable: ITable;
  linksTable: ITable;
  /** The uploads bucket; exports go under its private `exports/` prefix. */
  bucket: Bucket;
  /** Public base URL of the bucket (no trailing slash). */
  assetsBaseUrl: string;
  userPool: IUserPool;
  /** The app client whose tokens a tombstone must outlive. */
  userPoolClient: IUserPoolClient;
  /** The profile stats, whose counters an erasure removes (functions/stats/eraseStats.ts) and an export holds. */
  stats: Pick<ProfileStats, 'table' | 'grantErase' | 'grantExport'>;
  /** Where bundles are written (tests use a temporary folder). */
  bundle?: BundleLambdaOptions;
}

/** How long the export Lambda may run; the final sweep waits longer than this. */
const EXPORT_TIMEOUT = Duration.seconds(30);
/**
 * When the last sweep of a deleted account's S3 prefixes runs, after the deletion was requested:
 * later than any presigned upload handed out before it could still write (UPLOAD_URL_TTL_SECONDS)
 * and than an export started before it could still be writing, with a margin for slow uploads.
 */
export const FINAL_SWEEP_DELAY_SECONDS = Math.max(UPLOAD_URL_TTL_SECONDS, EXPORT_TIMEOUT.toSeconds()) + 300;
/** How often the reconciler runs (finishing stalled erasures, then comparing users rows with the pool). */
export const RECONCILE_EVERY = Duration.minutes(5);

/**
 * Leaving ProLynk (README "Leaving ProLynk"): the account-jobs table (tombstones and export rate
 * limits, keyed by sub, no personal data), the two erasure workers its stream drives (data, then
 * the Cognito user; functions/account-erasure/erasureSteps.ts), the scheduled reconciler that erases accounts deleted outside the API and finishes stalled erasures, and the
 * export function behind exportAccount.
 */
export class AccountJobs extends Construct {
  readonly table: Table;
  readonly erasureFunction: NodeFunction;
  readonly userRemovalFunction: NodeFunction;
  readonly reconcilerFunction: NodeFunction;
  readonly exportFunction: NodeFunction;
  /** Where an erasure batch goes once its retries are spent (the reconciler nudges the job again). */
  readonly failedBatches: Queue;
  /** Seconds a tombstone outlives its last change: the app client's longest token lifetime. */
  readonly tombstoneTtlSeconds: number;

  constructor(scope: Construct, id: string, props: AccountJobsProps) {
    super(scope, id);
    const stage = stageOf(this);
    this.tombstoneTtlSeconds = longestTokenLifetimeSeconds(tokenValiditySettings(props.userPoolClient));
    this.table = new Table(this, 'Table', {
      tableName: props.tableName,
      partitionKey: { name: 'user_id', type: AttributeType.STRING },
      sortKey: { name: 'job', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: 'expires_at',
      // The worker reads the job's current state by key: the record only says which job changed.
      stream: StreamViewType.KEYS_ONLY,
      removalPolicy: stage.removalPolicy,
      deletionProtection: stage.deletionProtection,
    });
    // An export is a copy of personal data; its link lasts 15 minutes, the object a day at most.
    props.bucket.addLifecycleRule({
      id: 'ExpireAccountExports',
      prefix: 'exports/',
      expiration: Duration.days(1),
      noncurrentVersionExpiration: Duration.days(1),
    });

    this.failedBatches = this.failedBatchesQueue();
    this.erasureFunction = this.streamWorker(props, 'ErasureFunction', {
      source: 'account-erasure',
      description: 'Account erasure: the account-jobs stream → profile offline, rows, stats, every S3 version',
      environment: {
        ...this.tableNames(props),
        S3_BUCKET: props.bucket.bucketName,
        STATS_TABLE: props.stats.table.tableName,
      },
    });
    this.userRemovalFunction = this.streamWorker(props, 'UserRemovalFunction', {
      source: 'account-user-removal',
      description: "Account erasure's last step: the account-jobs stream → the Cognito user removed",
      environment: { ACCOUNT_JOBS_TABLE: this.table.tableName, USER_POOL_ID: props.userPool.userPoolId },
    });
    this.reconcilerFunction = this.reconciler(props);
    this.exportFunction = new NodeFunction(this, 'ExportFunction', {
      source: 'account-export',
      description: 'exportAccount: one JSON document of everything stored about the caller, presigned for 15 minutes',
      environment: {
        ...this.tableNames(props),
        STATS_TABLE: props.stats.table.tableName,
        S3_BUCKET: props.bucket.bucketName,
        ASSETS_BASE_URL: props.assetsBaseUrl,
      },
      timeout: EXPORT_TIMEOUT,
      bundle: props.bundle,
    });

    const resources = {
      users: props.usersTable,
      profiles: props.profilesTable,
      links: props.linksTable,
      jobs: this.table,
      bucket: props.bucket,
      userPool: props.userPool,
    };
    grantErasure(this.erasureFunction, resources);
    props.stats.grantErase(this.erasureFunction);
    grantUserRemoval(this.userRemovalFunction, resources);
    grantReconciliation(this.reconcilerFunction, resources);
    grantExport(this.exportFunction, resources);
    props.stats.grantExport(this.exportFunction);
  }

  /** An erasure worker (functions/account-erasure/erasureSteps.ts), run by the account-jobs stream. */
  private streamWorker(
    props: AccountJobsProps,
    id: string,
    worker: { source: string; description: string; environment: Record<string, string> },
  ): NodeFunction {
    const fn = new NodeFunction(this, id, {
      ...worker,
      environment: {
        ...worker.environment,
        TOMBSTONE_TTL_SECONDS: String(this.tombstoneTtlSeconds),
        FINAL_SWEEP_DELAY_SECONDS: String(FINAL_SWEEP_DELAY_SECONDS),
      },
      timeout: Duration.minutes(5),
      bundle: props.bundle,
    });
    fn.addEventSource(
      new DynamoEventSource(this.table, {
        // Nothing written before the mapping existed is skipped; an erasure is never dropped.
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 10,
        bisectBatchOnError: true,
        // After that, the reconciler nudges the job again (its status says it is not done).
        retryAttempts: 10,
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(this.failedBatches),
      }),
    );
    // DynamoDB's ListStreams takes no resource: the event source's grantStreamRead asks for "*".
    Validations.of(fn).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'dynamodb:ListStreams supports no resource-level permission; the stream reads themselves name the account-jobs stream ARN.',
    });
    return fn;
  }

  // Holds the shard, sequence numbers and reason of a batch given up on (not the records); the
  // job itself stays unfinished on its tombstone, so the reconciler starts it again.
  private failedBatchesQueue(): Queue {
    const queue = new Queue(this, 'FailedBatches', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // The stream keeps records 24 hours; two weeks to read what failed.
      retentionPeriod: Duration.days(14),
    });
    Validations.of(queue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: "This queue is itself the on-failure destination of the erasure workers' stream mappings.",
    });
    return queue;
  }

  /** The reconciler and its schedule. */
  private reconciler(props: AccountJobsProps): NodeFunction {
    const reconciler = new NodeFunction(this, 'ReconcilerFunction', {
      source: 'account-reconciler',
      description: 'Scheduled: nudges stalled erasures; erases accounts whose Cognito user is gone',
      environment: {
        ...this.tableNames(props),
        TOMBSTONE_TTL_SECONDS: String(this.tombstoneTtlSeconds),
        USER_POOL_ID: props.userPool.userPoolId,
      },
      timeout: Duration.minutes(4),
      bundle: props.bundle,
    });
    new Rule(this, 'ReconcileSchedule', {
      description: 'Runs the account reconciler',
      schedule: Schedule.rate(RECONCILE_EVERY),
      targets: [new LambdaTarget(reconciler, { retryAttempts: 2 })],
    });
    return reconciler;
  }

  private tableNames(props: AccountJobsProps): Record<string, string> {
    return {
      USERS_TABLE: props.usersTable.tableName,
      PROFILES_TABLE: props.profilesTable.tableName,
      LINKS_TABLE: props.linksTable.tableName,
      ACCOUNT_JOBS_TABLE: this.table.tableName,
    };
  }

  /** What resolvers read from ctx.env: the table's name and how long a tombstone lives. */
  get apiEnvironment(): Record<string, string> {
    return { ACCOUNT_JOBS_TABLE: this.table.tableName, TOMBSTONE_TTL_SECONDS: String(this.tombstoneTtlSeconds) };
  }
}
