import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { GraphqlApi, LambdaDataSource } from 'aws-cdk-lib/aws-appsync';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { AttributeType, BillingMode, StreamViewType, Table } from 'aws-cdk-lib/aws-dynamodb';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction as LambdaTarget } from 'aws-cdk-lib/aws-events-targets';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { UPLOAD_URL_TTL_SECONDS } from '../../functions/presign/createUploadUrl.ts';
import type { BundleLambdaOptions } from '../lambda/bundleLambda.ts';
import { grantErasure, grantExport, grantReconciliation } from './accountJobsGrants.ts';
import { NodeFunction } from './nodeFunction.ts';
import { longestTokenLifetimeSeconds, tokenValiditySettings } from './tokenLifetime.ts';

export interface AccountJobsProps {
  /** The table's name, `${project}-account-jobs`. */
  tableName: string;
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
 * limits, keyed by sub, no personal data), the erasure worker its stream drives, the scheduled
 * reconciler that erases accounts deleted outside the API and finishes stalled erasures, and the
 * export function behind exportAccount.
 */
export class AccountJobs extends Construct {
  readonly table: Table;
  readonly erasureFunction: NodeFunction;
  readonly reconcilerFunction: NodeFunction;
  readonly exportFunction: NodeFunction;
  /** Seconds a tombstone outlives its last change: the app client's longest token lifetime. */
  readonly tombstoneTtlSeconds: number;

  constructor(scope: Construct, id: string, props: AccountJobsProps) {
    super(scope, id);
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
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // An export is a copy of personal data; its link lasts 15 minutes, the object a day at most.
    props.bucket.addLifecycleRule({
      id: 'ExpireAccountExports',
      prefix: 'exports/',
      expiration: Duration.days(1),
      noncurrentVersionExpiration: Duration.days(1),
    });

    this.erasureFunction = this.erasureWorker(props);
    this.reconcilerFunction = this.reconciler(props);
    this.exportFunction = new NodeFunction(this, 'ExportFunction', {
      source: 'account-export',
      description: 'exportAccount: one JSON document of everything stored about the caller, presigned for 15 minutes',
      environment: {
        ...this.tableNames(props),
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
    grantReconciliation(this.reconcilerFunction, resources);
    grantExport(this.exportFunction, resources);
  }

  /** The worker, run by the account-jobs stream. */
  private erasureWorker(props: AccountJobsProps): NodeFunction {
    const worker = new NodeFunction(this, 'ErasureFunction', {
      source: 'account-erasure',
      description: 'Account erasure: the account-jobs stream → profile offline, rows, every S3 version, Cognito user',
      environment: {
        ...this.tableNames(props),
        TOMBSTONE_TTL_SECONDS: String(this.tombstoneTtlSeconds),
        S3_BUCKET: props.bucket.bucketName,
        USER_POOL_ID: props.userPool.userPoolId,
        FINAL_SWEEP_DELAY_SECONDS: String(FINAL_SWEEP_DELAY_SECONDS),
      },
      timeout: Duration.minutes(5),
      bundle: props.bundle,
    });
    worker.addEventSource(
      new DynamoEventSource(this.table, {
        // Nothing written before the mapping existed is skipped; an erasure is never dropped.
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 10,
        bisectBatchOnError: true,
        // After that, the reconciler nudges the job again (its status says it is not done).
        retryAttempts: 10,
        reportBatchItemFailures: true,
      }),
    );
    return worker;
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

  /** exportAccount's Lambda data source on `api`. */
  addExportDataSource(api: GraphqlApi, id: string): LambdaDataSource {
    const dataSource = api.addLambdaDataSource(id, this.exportFunction);
    // CDK lets the data source's role invoke the function ARN and ARN:* (its versions).
    const logicalId = Stack.of(this).getLogicalId(this.exportFunction.node.defaultChild as CfnFunction);
    Validations.of(dataSource).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>:*]`,
      reason: 'AppSync may invoke only the export function (any of its versions).',
    });
    return dataSource;
  }
}
