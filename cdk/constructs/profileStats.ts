import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import type { HttpApi, HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { AttributeType, BillingMode, Table } from 'aws-cdk-lib/aws-dynamodb';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { routeKey, STATS_HTTP_ROUTES } from '../../functions/stats/httpRoutes.ts';
import { DEFAULT_SHARDS, MAX_SHARDS } from '../../functions/stats/statsKeys.ts';
import type { BundleLambdaOptions } from '../lambda/bundleLambda.ts';
import { NodeFunction } from './nodeFunction.ts';
import { throttleRoute } from './routeThrottle.ts';
import type { RouteThrottle } from './routeThrottle.ts';

export interface ProfileStatsProps {
  /** The tables' physical names; absent, CloudFormation generates them (cdk/config/naming.ts). */
  tableNames: { stats?: string; visitors?: string };
  /** What happens to both tables when the stack (or the table) goes; default RETAIN. */
  removalPolicy?: RemovalPolicy;
  /** DynamoDB deletion protection on both tables. */
  deletionProtection?: boolean;
  profilesTable: ITable;
  linksTable: ITable;
  /**
   * Shards each day's counter is spread over (1–32, default 10): a profile takes up to 1,000 × N
   * counted views and clicks per second before one partition key is throttled. May be changed at
   * any time: reads and erasure cover every shard up to 32.
   */
  shards?: number;
  /** Per-route throttling of the two public counting routes (default 2,000 req/s, burst 2,000). */
  publicRouteThrottle?: RouteThrottle;
  /** Where bundles are written (tests use a temporary folder). */
  bundle?: BundleLambdaOptions;
}

/**
 * Profile views and link clicks (README "Profile stats"): the `{project}-stats` counters (sharded
 * per day, TTL after 400 days), the `{project}-stats-visitors` table (30-minute "seen" markers and
 * the day's hash key, TTL), and the stats function serving recordProfileView and myStats (as an
 * AppSync Lambda data source) and the HTTP API's public counting routes.
 */
export class ProfileStats extends Construct {
  readonly table: Table;
  readonly visitorsTable: Table;
  readonly function: NodeFunction;
  private readonly publicRouteThrottle: RouteThrottle;

  constructor(scope: Construct, id: string, props: ProfileStatsProps) {
    super(scope, id);
    const shards = props.shards ?? DEFAULT_SHARDS;
    if (!Number.isInteger(shards) || shards < 1 || shards > MAX_SHARDS) {
      throw new Error(`ProfileStats: shards must be an integer from 1 to ${MAX_SHARDS}, not ${shards}.`);
    }

    this.table = new Table(this, 'Table', {
      tableName: props.tableNames.stats,
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      sortKey: { name: 'sk', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: 'expires_at',
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
      deletionProtection: props.deletionProtection,
    });
    // Nothing here outlives 30 minutes (markers) or two days (hash keys): no backups, so no copy
    // of a day's key and its markers survives the TTL that makes the markers unlinkable.
    this.visitorsTable = new Table(this, 'VisitorsTable', {
      tableName: props.tableNames.visitors,
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: 'expires_at',
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
      deletionProtection: props.deletionProtection,
    });
    Validations.of(this.visitorsTable).acknowledge({
      id: 'AwsSolutions-DDB3',
      reason:
        'Short-lived visitor markers and daily hash keys only; a backup would keep them past the TTL that makes them unlinkable to anyone.',
    });

    this.function = new NodeFunction(this, 'StatsFunction', {
      source: 'stats',
      description: "Profile views and link clicks: counting (AppSync, HTTP API) and the owner's stats",
      environment: {
        STATS_TABLE: this.table.tableName,
        VISITORS_TABLE: this.visitorsTable.tableName,
        PROFILES_TABLE: props.profilesTable.tableName,
        LINKS_TABLE: props.linksTable.tableName,
        STATS_SHARDS: String(shards),
      },
      bundle: props.bundle,
    });
    const allow = (actions: string[], tables: ITable[]) =>
      this.function.addToRolePolicy(new PolicyStatement({ actions, resources: tables.map((t) => t.tableArn) }));
    allow(['dynamodb:UpdateItem', 'dynamodb:Query'], [this.table]);
    allow(['dynamodb:GetItem', 'dynamodb:PutItem'], [this.visitorsTable]);
    allow(['dynamodb:GetItem'], [props.profilesTable]);
    allow(['dynamodb:GetItem', 'dynamodb:Query'], [props.linksTable]);
    this.publicRouteThrottle = props.publicRouteThrottle ?? { rateLimit: 2000, burstLimit: 2000 };
  }

  /** Adds the public counting routes to the HTTP API, each with its own throttling on `stage`. */
  addHttpRoutes(httpApi: HttpApi, stage: HttpStage): void {
    const integration = new HttpLambdaIntegration('StatsIntegration', this.function);
    for (const route of Object.values(STATS_HTTP_ROUTES)) {
      const [created] = httpApi.addRoutes({ path: route.path, methods: [HttpMethod[route.method]], integration });
      Validations.of(created).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason: 'A public counting endpoint (anyone viewing a profile or following a link); it exposes no counts.',
      });
      // A viral profile's visitors, not the seed's 50 req/s stage default, set the pace here.
      throttleRoute(stage, routeKey(route), this.publicRouteThrottle);
    }
  }

  /** Lets the account-deletion job erase one account's counters (functions/stats/eraseStats.ts). */
  grantErase(grantee: IGrantable): void {
    this.table.grant(grantee, 'dynamodb:Query', 'dynamodb:BatchWriteItem');
  }

  /** Lets the account export read one account's counters (functions/stats/accountStats.ts). */
  grantExport(grantee: IGrantable): void {
    this.table.grant(grantee, 'dynamodb:Query');
  }
}
