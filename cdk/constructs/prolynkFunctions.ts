import { CfnElement, Duration, Stack, Validations } from 'aws-cdk-lib';
import type { UserPool } from 'aws-cdk-lib/aws-cognito';
import { UserPoolOperation } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { BundleLambdaOptions } from '../lambda/bundleLambda.ts';
import { NodeFunction } from './nodeFunction.ts';

export interface ProLynkFunctionsProps {
  usersTable: ITable;
  profilesTable: ITable;
  bucket: IBucket;
  userPool: UserPool;
  /** Public base URL of the bucket (no trailing slash), e.g. https://<bucket>.s3.amazonaws.com. */
  assetsBaseUrl: string;
  /** Where bundles are written (tests use a temporary folder). */
  bundle?: BundleLambdaOptions;
}

/**
 * The upload presigner (an AppSync Lambda data source) and the Cognito PreSignUp and
 * PostConfirmation triggers, each with the least privilege the seed gives its functions
 * (docs/rest-contract.md "Security & IAM") — narrowed further: no Scan, no DeleteObject, no
 * PutObjectAcl (ACLs are blocked on the bucket).
 */
export class ProLynkFunctions extends Construct {
  readonly presignFunction: NodeFunction;
  readonly preSignUpFunction: NodeFunction;
  readonly postConfirmationFunction: NodeFunction;

  constructor(scope: Construct, id: string, props: ProLynkFunctionsProps) {
    super(scope, id);
    const { usersTable, profilesTable, bucket, userPool } = props;

    this.presignFunction = new NodeFunction(this, 'PresignFunction', {
      source: 'presign',
      description: 'createUploadUrl: presigned S3 PUTs under users/{sub}/',
      environment: { S3_BUCKET: bucket.bucketName, ASSETS_BASE_URL: props.assetsBaseUrl },
      bundle: props.bundle,
    });
    this.presignFunction.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:PutObject', 's3:GetObject'],
        resources: [bucket.arnForObjects('users/*')],
      }),
    );
    this.presignFunction.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [bucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': ['users/*'] } },
      }),
    );
    const bucketResource = bucket.node.defaultChild;
    if (bucketResource instanceof CfnElement) {
      Validations.of(this.presignFunction).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(bucketResource)}.Arn>/users/*]`,
        reason:
          'Presigned uploads go to per-user keys users/{sub}/…, created at run time; the wildcard is limited to the users/ prefix.',
      });
    }

    // Cognito waits at most 5 seconds for a trigger.
    this.preSignUpFunction = new NodeFunction(this, 'PreSignUpFunction', {
      source: 'pre-signup',
      description: 'Cognito PreSignUp: username rules and availability; links federated sign-ups to native accounts',
      environment: { PROFILES_TABLE: profilesTable.tableName },
      timeout: Duration.seconds(5),
      bundle: props.bundle,
    });
    this.preSignUpFunction.addToRolePolicy(
      new PolicyStatement({
        actions: ['dynamodb:GetItem'],
        resources: [profilesTable.tableArn],
      }),
    );
    // The pool references the trigger (LambdaConfig) and the trigger's role would reference the
    // pool: a cycle CloudFormation refuses. The role names every pool of this account and region
    // instead; the function only acts on the pool in its event (event.userPoolId).
    const anyPoolHere = Stack.of(this).formatArn({ service: 'cognito-idp', resource: 'userpool', resourceName: '*' });
    this.preSignUpFunction.addToRolePolicy(
      new PolicyStatement({
        actions: ['cognito-idp:ListUsers', 'cognito-idp:AdminLinkProviderForUser'],
        resources: [anyPoolHere],
      }),
    );
    Validations.of(this.preSignUpFunction).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:cognito-idp:<AWS::Region>:<AWS::AccountId>:userpool/*]',
      reason:
        'Naming the pool itself would create a pool ↔ trigger dependency cycle; the wildcard stays within this account and region.',
    });

    this.postConfirmationFunction = new NodeFunction(this, 'PostConfirmationFunction', {
      source: 'post-confirmation',
      description: 'Cognito PostConfirmation: creates the users row and claims the username in one transaction',
      environment: { USERS_TABLE: usersTable.tableName, PROFILES_TABLE: profilesTable.tableName },
      timeout: Duration.seconds(5),
      bundle: props.bundle,
    });
    // TransactWriteItems is authorised per item: Put → PutItem, ConditionCheck → ConditionCheckItem.
    this.postConfirmationFunction.addToRolePolicy(
      new PolicyStatement({
        actions: ['dynamodb:PutItem', 'dynamodb:ConditionCheckItem', 'dynamodb:GetItem'],
        resources: [usersTable.tableArn, profilesTable.tableArn],
      }),
    );

    userPool.addTrigger(UserPoolOperation.PRE_SIGN_UP, this.preSignUpFunction);
    userPool.addTrigger(UserPoolOperation.POST_CONFIRMATION, this.postConfirmationFunction);
  }
}
