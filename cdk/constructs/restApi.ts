import { CfnOutput, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  LogGroupLogDestination,
  PayloadFormatVersion,
} from 'aws-cdk-lib/aws-apigatewayv2';
import type { HttpStage, IHttpRouteAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { GraphqlApi } from 'aws-cdk-lib/aws-appsync';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { PUBLIC_IAM_FIELDS } from '../../functions/rest/operations.ts';
import type { BundleLambdaOptions } from '../lambda/bundleLambda.ts';
import { NodeFunction } from './nodeFunction.ts';

export interface RestApiProps {
  /** Prefix of resource names (the seed's `project_name`): the API is `${projectName}-api`. */
  projectName: string;
  userPool: IUserPool;
  /** The app client whose tokens the JWT authorizer accepts (access tokens carry it as client_id). */
  userPoolClient: IUserPoolClient;
  /** The GraphQL API every route calls. */
  graphqlApi: GraphqlApi;
  /** Where bundles are written (tests use a temporary folder). */
  bundle?: BundleLambdaOptions;
}

/** One seed endpoint: its method, path and whether the JWT authorizer guards it. */
export interface RestRoute {
  method: HttpMethod;
  path: string;
  protected: boolean;
}

/** The seed's seven endpoints (seed "API Endpoints"), public ones marked. */
export const REST_ROUTES: readonly RestRoute[] = [
  { method: HttpMethod.GET, path: '/users/me', protected: true },
  { method: HttpMethod.POST, path: '/profiles', protected: true },
  { method: HttpMethod.GET, path: '/profiles/{username}', protected: false },
  { method: HttpMethod.GET, path: '/username/check', protected: false },
  { method: HttpMethod.POST, path: '/links', protected: true },
  { method: HttpMethod.DELETE, path: '/links/{id}', protected: true },
  { method: HttpMethod.POST, path: '/upload-url', protected: true },
  // Leaving ProLynk (README "Leaving ProLynk").
  { method: HttpMethod.DELETE, path: '/users/me', protected: true },
  { method: HttpMethod.GET, path: '/users/me/export', protected: true },
];

/**
 * The REST shim (docs/architecture.md §4): the seed's API Gateway HTTP API v2 — CORS, JWT authorizer on the
 * protected routes, $default stage with throttling and access logs — in front of one Lambda that
 * answers each route with one GraphQL operation. The function may call, with its own IAM role,
 * only the public fields its public routes select.
 */
export class RestApi extends Construct {
  readonly function: NodeFunction;
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;

  constructor(scope: Construct, id: string, props: RestApiProps) {
    super(scope, id);
    const { graphqlApi } = props;

    this.function = new NodeFunction(this, 'RestFunction', {
      source: 'rest',
      description: "REST shim: the seed's REST endpoints as GraphQL operations on the AppSync API",
      environment: { GRAPHQL_URL: graphqlApi.graphqlUrl },
      // API Gateway gives up on an integration after 30 seconds.
      timeout: Duration.seconds(29),
      bundle: props.bundle,
    });
    // Least privilege: the IAM-signed public reads, field by field, never a wildcard.
    this.function.addToRolePolicy(
      new PolicyStatement({
        actions: ['appsync:GraphQL'],
        resources: Object.entries(PUBLIC_IAM_FIELDS).flatMap(([type, fields]) =>
          fields.map((field) => `${graphqlApi.arn}/types/${type}/fields/${field}`),
        ),
      }),
    );

    // Seed "API Gateway Structure": name, CORS.
    this.httpApi = new HttpApi(this, 'HttpApi', {
      apiName: `${props.projectName}-api`,
      description: "ProLynk REST API (the seed's endpoints, served from the GraphQL API)",
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: ['http://localhost:3000', 'http://localhost:8080'],
        allowMethods: [
          CorsHttpMethod.GET,
          CorsHttpMethod.POST,
          CorsHttpMethod.PUT,
          CorsHttpMethod.DELETE,
          CorsHttpMethod.OPTIONS,
        ],
        allowHeaders: ['content-type', 'authorization'],
        allowCredentials: true,
        maxAge: Duration.seconds(300),
      },
    });

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.ONE_WEEK,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stage = this.httpApi.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { burstLimit: 100, rateLimit: 50 },
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs), format: accessLogFormat() },
    });

    // Seed "JWT Authorizer": issuer https://cognito-idp.{region}.amazonaws.com/{pool id}; the
    // audience is the app client, which API Gateway also matches against an access token's client_id.
    const authorizer = new HttpUserPoolAuthorizer('CognitoAuthorizer', props.userPool, {
      userPoolClients: [props.userPoolClient],
      identitySource: ['$request.header.Authorization'],
    });
    const integration = new HttpLambdaIntegration('RestIntegration', this.function, {
      payloadFormatVersion: PayloadFormatVersion.VERSION_2_0,
    });
    const none: IHttpRouteAuthorizer = new HttpNoneAuthorizer();
    for (const route of REST_ROUTES) {
      const [created] = this.httpApi.addRoutes({
        path: route.path,
        methods: [route.method],
        integration,
        authorizer: route.protected ? authorizer : none,
      });
      if (!route.protected) {
        Validations.of(created).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason:
            "A public endpoint of the seed (no authentication required); AppSync still authorises the read with the function's IAM role.",
        });
      }
    }

    new CfnOutput(this, 'RestApiUrl', {
      value: this.httpApi.apiEndpoint,
      description: "The REST shim (the seed's endpoints)",
    });
  }
}

// One JSON object per request: what a 4xx/5xx investigation needs, including the authorizer's verdict.
function accessLogFormat(): AccessLogFormat {
  return AccessLogFormat.custom(
    JSON.stringify({
      requestId: '$context.requestId',
      requestTime: '$context.requestTime',
      sourceIp: '$context.identity.sourceIp',
      routeKey: '$context.routeKey',
      status: '$context.status',
      responseLatency: '$context.responseLatency',
      integrationStatus: '$context.integrationStatus',
      integrationError: '$context.integrationErrorMessage',
      authorizerError: '$context.authorizer.error',
    }),
  );
}
