import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CfnOutput, Duration, Expiration, Stack, Validations } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import { AuthorizationType, Definition, FieldLogLevel, GraphqlApi } from 'aws-cdk-lib/aws-appsync';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { AccountJobs } from './constructs/accountJobs.ts';
import { AppSyncResolvers } from './constructs/appSyncResolvers.ts';
import { AssetsBucket } from './constructs/assetsBucket.ts';
import { DataTable } from './constructs/dataTable.ts';
import { KeyAccessDataSource } from './constructs/keyAccessDataSource.ts';
import { ProfileEvents } from './constructs/profileEvents.ts';
import { ProLynkFunctions } from './constructs/prolynkFunctions.ts';
import { RestApi } from './constructs/restApi.ts';
import { UserDirectory } from './constructs/userDirectory.ts';
import { acknowledgeApiNagFindings } from './nagAcknowledgments.ts';

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface ProLynkStackProps extends StackProps {
  /** Prefix of every resource name (the seed's `project_name`). */
  projectName?: string;
  /** Where the resolver sources live; tests point this at fixtures. */
  resolversDir?: string;
  schemaPath?: string;
}

/** The whole ProLynk backend: storage, auth, the GraphQL API and its resolvers, outputs. */
export class ProLynkStack extends Stack {
  constructor(scope: Construct, id: string, props: ProLynkStackProps = {}) {
    super(scope, id, props);
    const project = props.projectName ?? 'prolynk';
    const schemaPath = props.schemaPath ?? join(REPO_ROOT, 'schema.graphql');

    // Storage: the seed's tables, keys and indexes, so existing data keeps working (docs/architecture.md §3).
    const users = new DataTable(this, 'Users', {
      tableName: `${project}-users`,
      partitionKey: 'user_id',
      indexes: { 'email-index': 'email' },
    }).table;
    const profiles = new DataTable(this, 'Profiles', {
      tableName: `${project}-profiles`,
      partitionKey: 'username',
      indexes: { 'user_id-index': 'user_id' },
      stream: true,
    }).table;
    const links = new DataTable(this, 'Links', {
      tableName: `${project}-links`,
      partitionKey: 'user_id',
      sortKey: 'link_id',
      stream: true,
    }).table;
    const assets = new AssetsBucket(this, 'Assets', {
      bucketName: `${project}-assets-${this.account}`,
      publicReadPatterns: ['users/*/profile/*', 'users/*/projects/*', 'users/*/resume/*'],
    }).bucket;

    // Auth.
    const directory = new UserDirectory(this, 'Auth', {
      userPoolName: `${project}-user-pool`,
      clientName: `${project}-web`,
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

    // Leaving ProLynk: tombstones, erasure, reconciliation with the pool, exports (README "Leaving ProLynk").
    const accountJobs = new AccountJobs(this, 'AccountJobs', {
      tableName: `${project}-account-jobs`,
      usersTable: users,
      profilesTable: profiles,
      linksTable: links,
      bucket: assets,
      assetsBaseUrl,
      userPool: directory.userPool,
      userPoolClient: directory.client,
    });

    // API.
    const api = new GraphqlApi(this, 'Api', {
      name: `${project}-api`,
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
        ...accountJobs.apiEnvironment,
      },
    });

    // A TransactWriteItems goes through one data source but touches several tables.
    const tables = [users, profiles, links, accountJobs.table];
    const dataSources = {
      UsersTable: new KeyAccessDataSource(api, 'UsersTable', { api, table: users, reachableTables: tables }),
      ProfilesTable: new KeyAccessDataSource(api, 'ProfilesTable', { api, table: profiles, reachableTables: tables }),
      LinksTable: new KeyAccessDataSource(api, 'LinksTable', { api, table: links, reachableTables: tables }),
      AccountJobsTable: new KeyAccessDataSource(api, 'AccountJobsTable', {
        api,
        table: accountJobs.table,
        reachableTables: tables,
      }),
      ExportLambda: accountJobs.addExportDataSource(api, 'ExportLambda'),
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
      projectName: project,
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
