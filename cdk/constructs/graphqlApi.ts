import { Fn, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { AuthorizationType, Definition, GraphqlApi } from 'aws-cdk-lib/aws-appsync';
import type { CfnGraphQLApi, LambdaDataSource } from 'aws-cdk-lib/aws-appsync';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { CfnFunction, IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { stageOf } from '../config/stageOf.ts';
import type { StageConfig } from '../config/stages.ts';
import { ApiRateLimit } from './apiRateLimit.ts';
import { AppSyncResolvers } from './appSyncResolvers.ts';
import { KeyAccessDataSource } from './keyAccessDataSource.ts';

export interface ProLynkGraphqlApiProps {
  name: string;
  schemaPath: string;
  resolversDir: string;
  userPool: IUserPool;
  tables: { users: ITable; profiles: ITable; links: ITable };
  /** The Lambda data sources by name: createUploadUrl's `PresignLambda`, the profile stats' `StatsLambda`. */
  lambdaDataSources: Record<string, IFunction>;
  /** ASSETS_BASE_URL of the resolvers (no trailing slash). */
  assetsBaseUrl: string;
  /** Prefix of names unique per stage (the WAF web ACL's). */
  namePrefix: string;
}

/**
 * The GraphQL API (docs/architecture.md §2): Cognito by default, API key and IAM for public reads,
 * every resolver from resolvers/, field errors logged at ERROR into a log group the stack owns,
 * X-Ray and the per-request guards from the stage, and the optional WAF rate rule.
 */
export class ProLynkGraphqlApi extends Construct {
  readonly api: GraphqlApi;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: ProLynkGraphqlApiProps) {
    super(scope, id);
    const stage = stageOf(this);
    const { users, profiles, links } = props.tables;
    const domain = stage.customDomains.graphql;
    this.api = new GraphqlApi(this, 'Api', {
      name: props.name,
      definition: Definition.fromFile(props.schemaPath),
      authorizationConfig: {
        defaultAuthorization: {
          authorizationType: AuthorizationType.USER_POOL,
          userPoolConfig: { userPool: props.userPool },
        },
        additionalAuthorizationModes: [
          // No expiry at synth (a build-time date is a time bomb): AppSync's default applies until
          // ApiKeyRenewal pushes it forward, at deploy and then daily (README "API key renewal").
          {
            authorizationType: AuthorizationType.API_KEY,
            apiKeyConfig: { description: 'Public reads; renewed daily' },
          },
          { authorizationType: AuthorizationType.IAM },
        ],
      },
      xrayEnabled: stage.observability.tracing,
      queryDepthLimit: stage.apiLimits.queryDepth,
      resolverCountLimit: stage.apiLimits.resolverCount,
      ...(domain
        ? {
            domainName: {
              domainName: domain.domainName,
              certificate: Certificate.fromCertificateArn(this, 'Certificate', domain.certificateArn),
            },
          }
        : {}),
      // Resolvers read table names from ctx.env, so the same bundles run under any naming.
      environmentVariables: {
        USERS_TABLE: users.tableName,
        PROFILES_TABLE: profiles.tableName,
        LINKS_TABLE: links.tableName,
        ASSETS_BASE_URL: props.assetsBaseUrl,
      },
    });
    this.logGroup = this.logToOwnGroup(stage);
    this.addResolvers(props);
    if (stage.waf.enabled) {
      new ApiRateLimit(this, 'RateLimit', {
        name: `${props.namePrefix}-graphql`,
        resourceArn: this.api.arn,
        requestsPerFiveMinutes: stage.waf.requestsPerFiveMinutes,
      });
    }
  }

  // CDK's logConfig would add its LogRetention helper Lambda and a managed policy; a log group
  // under AppSync's own name, with the stage's retention, and a role that may write only there do the same.
  private logToOwnGroup(stage: StageConfig): LogGroup {
    const logGroup = new LogGroup(this, 'Logs', {
      logGroupName: Fn.join('', ['/aws/appsync/apis/', this.api.apiId]),
      retention: stage.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const role = new Role(this, 'LogsRole', { assumedBy: new ServicePrincipal('appsync.amazonaws.com') });
    role.addToPolicy(
      new PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      }),
    );
    const cfnApi = this.api.node.defaultChild as CfnGraphQLApi;
    // ERROR: failed fields only; no request and response bodies, which carry personal data.
    cfnApi.logConfig = { cloudWatchLogsRoleArn: role.roleArn, fieldLogLevel: 'ERROR', excludeVerboseContent: true };
    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-ASC3',
      reason:
        'Request logging is on (field errors at ERROR); verbose content is excluded because request and response bodies carry personal data (emails, phone numbers, dates of birth).',
    });
    return logGroup;
  }

  private addLambdaDataSources(functions: Record<string, IFunction>): Record<string, LambdaDataSource> {
    const dataSources: Record<string, LambdaDataSource> = {};
    for (const [name, fn] of Object.entries(functions)) {
      dataSources[name] = this.api.addLambdaDataSource(name, fn);
      // CDK lets the data source's role invoke the function ARN and ARN:* (its versions).
      const logicalId = Stack.of(this).getLogicalId(fn.node.defaultChild as CfnFunction);
      Validations.of(dataSources[name]).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>:*]`,
        reason: `AppSync may invoke only the ${name} data source's function (any of its versions).`,
      });
    }
    return dataSources;
  }

  private addResolvers(props: ProLynkGraphqlApiProps): void {
    const api = this.api;
    const { users, profiles, links } = props.tables;
    // A TransactWriteItems goes through one data source but touches several tables.
    const tables = [users, profiles, links];
    const dataSources = {
      UsersTable: new KeyAccessDataSource(api, 'UsersTable', { api, table: users, reachableTables: tables }),
      ProfilesTable: new KeyAccessDataSource(api, 'ProfilesTable', { api, table: profiles, reachableTables: tables }),
      LinksTable: new KeyAccessDataSource(api, 'LinksTable', { api, table: links, reachableTables: tables }),
      NONE: api.addNoneDataSource('NONE'),
      ...this.addLambdaDataSources(props.lambdaDataSources),
    };
    new AppSyncResolvers(this, 'Resolvers', {
      api,
      dataSources,
      resolversDir: props.resolversDir,
      schemaPath: props.schemaPath,
    });
  }
}
