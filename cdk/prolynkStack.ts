import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CfnOutput, Duration, Expiration, Stack, Validations } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import { AuthorizationType, Definition, FieldLogLevel, GraphqlApi } from 'aws-cdk-lib/aws-appsync';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { AppSyncResolvers } from './constructs/appSyncResolvers.ts';
import { AssetsBucket } from './constructs/assetsBucket.ts';
import { DataTable } from './constructs/dataTable.ts';
import { KeyAccessDataSource } from './constructs/keyAccessDataSource.ts';
import { ProfileEvents } from './constructs/profileEvents.ts';
import { ProLynkFunctions } from './constructs/prolynkFunctions.ts';
import { RestApi } from './constructs/restApi.ts';
import { UserDirectory } from './constructs/userDirectory.ts';
import { physicalNames, stackNameFor } from './config/naming.ts';
import { stageConfig } from './config/stages.ts';
import type { StageConfig } from './config/stages.ts';
import { acknowledgeApiNagFindings } from './nagAcknowledgments.ts';

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface ProLynkStackProps extends StackProps {
  /** Prefix of every resource name (the seed's `project_name`). */
  projectName?: string;
  /** The stage's settings (cdk/config/stages.ts); default `local`. */
  stage?: StageConfig;
  /** Where the resolver sources live; tests point this at fixtures. */
  resolversDir?: string;
  schemaPath?: string;
}

/** The whole ProLynk backend: storage, auth, the GraphQL API and its resolvers, outputs. */
export class ProLynkStack extends Stack {
  constructor(scope: Construct, id: string, props: ProLynkStackProps = {}) {
    const project = props.projectName ?? 'prolynk';
    const stage = props.stage ?? stageConfig('local');
    super(scope, id, { ...props, stackName: props.stackName ?? stackNameFor(stage, project) });
    const names = physicalNames(stage, project, this.account);
    const schemaPath = props.schemaPath ?? join(REPO_ROOT, 'schema.graphql');

    // Storage: the seed's tables, keys and indexes, so existing data keeps working (docs/architecture.md §3).
    const users = new DataTable(this, 'Users', {
      tableName: names.usersTable,
      partitionKey: 'user_id',
      indexes: { 'email-index': 'email' },
      removalPolicy: stage.removalPolicy,
      deletionProtection: stage.deletionProtection,
    }).table;
    const profiles = new DataTable(this, 'Profiles', {
      tableName: names.profilesTable,
      partitionKey: 'username',
      indexes: { 'user_id-index': 'user_id' },
      stream: true,
      removalPolicy: stage.removalPolicy,
      deletionProtection: stage.deletionProtection,
    }).table;
    const links = new DataTable(this, 'Links', {
      tableName: names.linksTable,
      partitionKey: 'user_id',
      sortKey: 'link_id',
      stream: true,
      removalPolicy: stage.removalPolicy,
      deletionProtection: stage.deletionProtection,
    }).table;
    const assets = new AssetsBucket(this, 'Assets', {
      bucketName: names.assetsBucket,
      corsOrigins: stage.uploadCorsOrigins,
      removalPolicy: stage.removalPolicy,
      publicReadPatterns: ['users/*/profile/*', 'users/*/projects/*', 'users/*/resume/*'],
    }).bucket;

    // Auth.
    const directory = new UserDirectory(this, 'Auth', {
      userPoolName: names.userPool,
      clientName: names.userPoolClient,
      userPasswordAuth: stage.auth.userPasswordAuth,
      removalPolicy: stage.removalPolicy,
      deletionProtection: stage.deletionProtection,
    });

    // Functions: the upload presigner (a Lambda data source) and the Cognito triggers.
    const assetsBaseUrl = `https://${assets.bucketName}.s3.amazonaws.com`;
    const functions = new ProLynkFunctions(this, 'Functions', {
      usersTable: users,
      profilesTable: profiles,
      bucket: assets,
      userPool: directory.userPool,
      assetsBaseUrl,
    });

    // API.
    const api = new GraphqlApi(this, 'Api', {
      name: names.graphqlApi,
      definition: Definition.fromFile(schemaPath),
      authorizationConfig: {
        defaultAuthorization: {
          authorizationType: AuthorizationType.USER_POOL,
          userPoolConfig: { userPool: directory.userPool },
        },
        additionalAuthorizationModes: [
          {
            authorizationType: AuthorizationType.API_KEY,
            apiKeyConfig: { expires: Expiration.after(Duration.days(365)) },
          },
          { authorizationType: AuthorizationType.IAM },
        ],
      },
      // CDK always adds a LogRetention custom resource with logConfig; a month bounds the cost.
      logConfig: { fieldLogLevel: FieldLogLevel.ERROR, retention: RetentionDays.ONE_MONTH },
      // Resolvers read table names from ctx.env, so the same bundles run under any project name.
      environmentVariables: {
        USERS_TABLE: users.tableName,
        PROFILES_TABLE: profiles.tableName,
        LINKS_TABLE: links.tableName,
        ASSETS_BASE_URL: assetsBaseUrl,
      },
    });

    // A TransactWriteItems goes through one data source but touches several tables.
    const tables = [users, profiles, links];
    const dataSources = {
      UsersTable: new KeyAccessDataSource(api, 'UsersTable', { api, table: users, reachableTables: tables }),
      ProfilesTable: new KeyAccessDataSource(api, 'ProfilesTable', { api, table: profiles, reachableTables: tables }),
      LinksTable: new KeyAccessDataSource(api, 'LinksTable', { api, table: links, reachableTables: tables }),
      NONE: api.addNoneDataSource('NONE'),
      PresignLambda: api.addLambdaDataSource('PresignLambda', functions.presignFunction),
    };
    // CDK lets the data source's role invoke the function ARN and ARN:* (its versions).
    const presignLogicalId = this.getLogicalId(functions.presignFunction.node.defaultChild as CfnFunction);
    Validations.of(dataSources.PresignLambda).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${presignLogicalId}.Arn>:*]`,
      reason: 'AppSync may invoke only the presign function (any of its versions).',
    });
    new AppSyncResolvers(this, 'Resolvers', {
      api,
      dataSources,
      resolversDir: props.resolversDir ?? join(REPO_ROOT, 'resolvers'),
      schemaPath,
    });

    acknowledgeApiNagFindings(api);

    // REST shim: the seed's endpoints, each one GraphQL operation on the API above (docs/architecture.md §4).
    new RestApi(this, 'Rest', {
      apiName: names.restApi,
      corsOrigins: stage.corsOrigins,
      throttle: stage.restThrottle,
      userPool: directory.userPool,
      userPoolClient: directory.client,
      graphqlApi: api,
    });

    // Real-time: the profiles and links streams publish the public view to subscribers (docs/architecture.md §4).
    new ProfileEvents(this, 'ProfileEvents', {
      usersTable: users,
      profilesTable: profiles,
      linksTable: links,
      graphqlApi: api,
    });

    // Outputs: what clients configure themselves with.
    new CfnOutput(this, 'GraphQLUrl', { value: api.graphqlUrl });
    new CfnOutput(this, 'ApiKey', { value: api.apiKey ?? '' });
    new CfnOutput(this, 'UserPoolId', { value: directory.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: directory.client.userPoolClientId });
    new CfnOutput(this, 'BucketName', { value: assets.bucketName });
    new CfnOutput(this, 'Region', { value: this.region });
  }
}
