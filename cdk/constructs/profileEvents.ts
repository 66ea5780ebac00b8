import { Duration, Validations } from 'aws-cdk-lib';
import type { GraphqlApi } from 'aws-cdk-lib/aws-appsync';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { BundleLambdaOptions } from '../lambda/bundleLambda.ts';
import { NodeFunction } from './nodeFunction.ts';

export interface ProfileEventsProps {
  usersTable: ITable;
  /** Stream-enabled (NEW_AND_OLD_IMAGES). */
  profilesTable: ITable;
  /** Stream-enabled (NEW_AND_OLD_IMAGES). */
  linksTable: ITable;
  /** The API whose publishProfileEvent feeds onProfileEvent. */
  graphqlApi: GraphqlApi;
  /** Where bundles are written (tests use a temporary folder). */
  bundle?: BundleLambdaOptions;
}

/** The fields the publisher's mutation selects: IAM authorises each returned field too, as for the REST shim's reads. */
export const PUBLISH_IAM_FIELDS: Readonly<Record<string, readonly string[]>> = {
  Mutation: ['publishProfileEvent'],
  ProfileEvent: ['username', 'kind', 'renamedTo', 'profile', 'occurredAt'],
};

/**
 * Real-time updates (docs/architecture.md §4 "Privacy of real-time updates"): the profiles and links streams
 * drive functions/publish, which reads the public view by key and calls publishProfileEvent with
 * its own IAM role — allowed that one mutation and nothing else of the API.
 */
export class ProfileEvents extends Construct {
  readonly function: NodeFunction;
  /** Where a batch goes once its retries are spent: its shard, sequence numbers and the reason (not the records). */
  readonly failedBatches: Queue;

  constructor(scope: Construct, id: string, props: ProfileEventsProps) {
    super(scope, id);
    const { usersTable, profilesTable, linksTable, graphqlApi } = props;

    this.function = new NodeFunction(this, 'PublishFunction', {
      source: 'publish',
      description: 'DynamoDB Streams (profiles, links) → publishProfileEvent with the public profile view',
      environment: {
        GRAPHQL_URL: graphqlApi.graphqlUrl,
        USERS_TABLE: usersTable.tableName,
        PROFILES_TABLE: profilesTable.tableName,
        LINKS_TABLE: linksTable.tableName,
      },
      // Up to 100 records → reads and sequential publishes; ordering matters more than speed.
      timeout: Duration.seconds(30),
      bundle: props.bundle,
    });

    this.function.addToRolePolicy(
      new PolicyStatement({
        actions: ['dynamodb:GetItem'],
        resources: [usersTable.tableArn, profilesTable.tableArn],
      }),
    );
    this.function.addToRolePolicy(
      new PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: [linksTable.tableArn],
      }),
    );
    this.function.addToRolePolicy(
      new PolicyStatement({
        actions: ['appsync:GraphQL'],
        resources: Object.entries(PUBLISH_IAM_FIELDS).flatMap(([type, fields]) =>
          fields.map((field) => `${graphqlApi.arn}/types/${type}/fields/${field}`),
        ),
      }),
    );

    this.failedBatches = new Queue(this, 'FailedBatches', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // The stream keeps records 24 hours; two weeks to read what failed and replay it.
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.failedBatches).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the on-failure destination of the stream mappings; nothing consumes it automatically.',
    });

    for (const table of [profilesTable, linksTable]) {
      // Lambda reads the stream for the function (grantStreamRead on the role) and retries a
      // failed batch from the lowest sequence number in batchItemFailures.
      this.function.addEventSource(
        new DynamoEventSource(table, {
          startingPosition: StartingPosition.LATEST,
          batchSize: 100,
          maxBatchingWindow: Duration.seconds(1),
          bisectBatchOnError: true,
          retryAttempts: 3,
          reportBatchItemFailures: true,
          onFailure: new SqsDlq(this.failedBatches),
        }),
      );
    }
    // DynamoDB's ListStreams takes no resource: grantStreamRead asks for "*".
    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'dynamodb:ListStreams supports no resource-level permission; the stream reads themselves name the two stream ARNs.',
    });
  }
}
