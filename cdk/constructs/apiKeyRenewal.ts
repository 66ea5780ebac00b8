import { CfnOutput, CustomResource, Duration } from 'aws-cdk-lib';
import type { CfnApiKey, GraphqlApi } from 'aws-cdk-lib/aws-appsync';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { stageOf } from '../config/stageOf.ts';
import type { BundleLambdaOptions } from '../lambda/bundleLambda.ts';
import { NodeFunction } from './nodeFunction.ts';

export interface ApiKeyRenewalProps {
  api: GraphqlApi;
  /** Where bundles are written (tests use a temporary folder). */
  bundle?: BundleLambdaOptions;
}

/**
 * No silent expiry of the public-read API key (README "API key renewal"): functions/renew-api-key
 * pushes every key of the API the stage's validity ahead — once during the deploy that creates the
 * key (a custom resource, whose answer is the ApiKeyExpires output) and then every day. The
 * observability construct alarms on its ApiKeyDaysLeft metric.
 */
export class ApiKeyRenewal extends Construct {
  readonly function: NodeFunction;
  /** Days of validity each renewal sets. */
  readonly validityDays: number;

  constructor(scope: Construct, id: string, props: ApiKeyRenewalProps) {
    super(scope, id);
    const { api } = props;
    this.validityDays = stageOf(this).apiKey.validityDays;
    this.function = new NodeFunction(this, 'RenewFunction', {
      source: 'renew-api-key',
      description: "Pushes the GraphQL API's API key expiry forward (daily, and at deploy)",
      environment: { GRAPHQL_API_ID: api.apiId, API_KEY_VALIDITY_DAYS: String(this.validityDays) },
      timeout: Duration.seconds(30),
      bundle: props.bundle,
    });
    this.function.addToRolePolicy(
      new PolicyStatement({ actions: ['appsync:ListApiKeys', 'appsync:UpdateApiKey'], resources: [api.arn] }),
    );

    new Rule(this, 'Daily', {
      description: 'Renews the GraphQL API key every day',
      schedule: Schedule.rate(Duration.days(1)),
      targets: [new LambdaFunction(this.function, { retryAttempts: 2 })],
    });

    // Runs when the key (or the validity) changes: right after the key is created, before AppSync's
    // 7-day default could run out. The function answers CloudFormation itself.
    const apiKey = api.node.findAll().find((child) => child.node.id === 'DefaultApiKey') as CfnApiKey | undefined;
    const atDeploy = new CustomResource(this, 'AtDeploy', {
      serviceToken: this.function.functionArn,
      resourceType: 'Custom::ApiKeyRenewal',
      properties: { ApiId: api.apiId, ApiKeyId: apiKey?.attrApiKeyId ?? '', ValidityDays: this.validityDays },
    });
    new CfnOutput(this, 'ApiKeyExpires', {
      key: 'ApiKeyExpires',
      value: atDeploy.getAttString('Expires'),
      description:
        'The API key expiry set at the last deploy that renewed it; renewed daily since (metric ApiKeyDaysLeft)',
    });
  }
}
