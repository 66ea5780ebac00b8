import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CfnOutput, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { developmentFederation } from './config/federation.ts';
import type { FederationConfig } from './config/federation.ts';
import { physicalNames, stackNameFor } from './config/naming.ts';
import type { PhysicalNames } from './config/naming.ts';
import { attachStage } from './config/stageOf.ts';
import { stageConfig } from './config/stages.ts';
import type { StageConfig } from './config/stages.ts';
import { ApiKeyRenewal } from './constructs/apiKeyRenewal.ts';
import { CustomDomains } from './constructs/customDomains.ts';
import { ProLynkGraphqlApi } from './constructs/graphqlApi.ts';
import { Observability } from './constructs/observability.ts';
import { ProfileEvents } from './constructs/profileEvents.ts';
import { ProfileStats } from './constructs/profileStats.ts';
import { ProLynkFunctions } from './constructs/prolynkFunctions.ts';
import { RestApi } from './constructs/restApi.ts';
import { Storage } from './constructs/storage.ts';
import { UserDirectory } from './constructs/userDirectory.ts';

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

/**
 * The whole ProLynk backend for one stage, in groups that read top-down: storage, auth, functions,
 * the GraphQL API, the REST shim, real-time events, key renewal, custom domains, observability, outputs. A new
 * group is one more construct here; constructs find the stage with stageOf(this).
 */
export class ProLynkStack extends Stack {
  readonly stage: StageConfig;
  readonly names: PhysicalNames;
  readonly storage: Storage;
  readonly directory: UserDirectory;
  readonly functions: ProLynkFunctions;
  readonly graphql: ProLynkGraphqlApi;
  readonly rest: RestApi;
  readonly profileEvents: ProfileEvents;
  readonly stats: ProfileStats;
  readonly apiKeyRenewal: ApiKeyRenewal;
  readonly observability: Observability;

  constructor(scope: Construct, id: string, props: ProLynkStackProps = {}) {
    const project = props.projectName ?? 'prolynk';
    const stage = props.stage ?? stageConfig('local');
    super(scope, id, { ...props, stackName: props.stackName ?? stackNameFor(stage, project) });
    attachStage(this, stage);
    this.stage = stage;
    this.names = physicalNames(stage, project, this.account);
    const schemaPath = props.schemaPath ?? join(REPO_ROOT, 'schema.graphql');

    this.storage = new Storage(this, 'Storage', { names: this.names });
    const { users, profiles, links, assets, assetsBaseUrl } = this.storage;

    this.directory = new UserDirectory(this, 'Auth', {
      userPoolName: this.names.userPool,
      clientName: this.names.userPoolClient,
      userPasswordAuth: stage.auth.userPasswordAuth,
      removalPolicy: stage.removalPolicy,
      deletionProtection: stage.deletionProtection,
      sesSender: stage.sesSender,
      federation: federationOf(stage, project),
    });
    const userPool = this.directory.userPool;

    // The upload presigner (a Lambda data source) and the Cognito triggers.
    this.functions = new ProLynkFunctions(this, 'Functions', {
      usersTable: users,
      profilesTable: profiles,
      bucket: assets,
      userPool,
      assetsBaseUrl,
    });

    // Profile views and link clicks: their own tables and function (README "Profile stats").
    this.stats = new ProfileStats(this, 'Stats', {
      tableNames: { stats: this.names.statsTable, visitors: this.names.statsVisitorsTable },
      removalPolicy: stage.removalPolicy,
      deletionProtection: stage.deletionProtection,
      profilesTable: profiles,
      linksTable: links,
      shards: stage.statsShards,
    });

    this.graphql = new ProLynkGraphqlApi(this, 'Graphql', {
      name: this.names.graphqlApi,
      schemaPath,
      resolversDir: props.resolversDir ?? join(REPO_ROOT, 'resolvers'),
      userPool,
      tables: { users, profiles, links },
      lambdaDataSources: { PresignLambda: this.functions.presignFunction, StatsLambda: this.stats.function },
      assetsBaseUrl,
      namePrefix: this.names.prefix,
    });
    const api = this.graphql.api;

    // REST shim: the seed's endpoints, each one GraphQL operation on the API (docs/architecture.md §4).
    this.rest = new RestApi(this, 'Rest', {
      apiName: this.names.restApi,
      corsOrigins: stage.corsOrigins,
      throttle: stage.restThrottle,
      userPool,
      userPoolClient: this.directory.client,
      graphqlApi: api,
    });
    this.stats.addHttpRoutes(this.rest.httpApi, this.rest.stage);

    // Real-time: the profiles and links streams publish the public view to subscribers (docs/architecture.md §4).
    this.profileEvents = new ProfileEvents(this, 'ProfileEvents', {
      usersTable: users,
      profilesTable: profiles,
      linksTable: links,
      graphqlApi: api,
    });

    this.apiKeyRenewal = new ApiKeyRenewal(this, 'ApiKeyRenewal', { api });

    new CustomDomains(this, 'CustomDomains', {
      graphqlApi: api,
      httpApi: this.rest.httpApi,
      httpStage: this.rest.stage,
      assetsDistribution: this.storage.cdn?.distribution,
    });

    // Last: it alarms on every function the groups above created.
    this.observability = new Observability(this, 'Observability', {
      graphqlApi: api,
      streamConsumer: this.profileEvents.function,
      deadLetterQueues: [this.profileEvents.failedBatches],
      apiKeyRenewal: this.apiKeyRenewal,
    });

    this.addOutputs();
  }

  // What clients configure themselves with.
  private addOutputs(): void {
    const api = this.graphql.api;
    new CfnOutput(this, 'GraphQLUrl', { value: api.graphqlUrl });
    new CfnOutput(this, 'ApiKey', { value: api.apiKey ?? '' });
    new CfnOutput(this, 'UserPoolId', { value: this.directory.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.directory.client.userPoolClientId });
    new CfnOutput(this, 'BucketName', { value: this.storage.assets.bucketName });
    new CfnOutput(this, 'AssetsBaseUrl', { value: this.storage.assetsBaseUrl });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.observability.topic.topicArn });
    new CfnOutput(this, 'Region', { value: this.region });
    const federation = this.directory.federation;
    if (federation) new CfnOutput(this, 'OAuthDomain', { value: federation.baseUrl() });
  }
}

/** The stage's managed-login settings for `project`, if it has any. */
function federationOf(stage: StageConfig, project: string): FederationConfig | undefined {
  return stage.federation === 'development' ? developmentFederation(project) : stage.federation;
}
