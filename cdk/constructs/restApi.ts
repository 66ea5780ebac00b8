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
import type { HttpRoute, HttpStage, IHttpRouteAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { GraphqlApi } from 'aws-cdk-lib/aws-appsync';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { PUBLIC_IAM_FIELDS } from '../../functions/rest/operations.ts';
import { REST_ROUTES } from '../../functions/rest/routeTable.ts';
import { stageOf } from '../config/stageOf.ts';
import type { BundleLambdaOptions } from '../lambda/bundleLambda.ts';
import { NodeFunction } from './nodeFunction.ts';
import { throttleRoute } from './routeThrottle.ts';

export interface RestApiProps {
  /** The HTTP API's name (the seed's is `${project_name}-api`). */
  apiName: string;
  /** Browser origins the API answers (stage config). */
  corsOrigins: string[];
  /** Stage-wide throttling, and the tighter one of each public route. */
  throttle: { burstLimit: number; rateLimit: number; publicBurstLimit: number; publicRateLimit: number };
  userPool: IUserPool;
  /** The app client whose tokens the JWT authorizer accepts (access tokens carry it as client_id). */
  userPoolClient: IUserPoolClient;
  /** The GraphQL API every route calls. */
  graphqlApi: GraphqlApi;
  /** Where bundles are written (tests use a temporary folder). */
  bundle?: BundleLambdaOptions;
}

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

    // docs/rest-contract.md "API Gateway Structure": name, CORS.
    this.httpApi = new HttpApi(this, 'HttpApi', {
      apiName: props.apiName,
      description: "ProLynk REST API (the seed's endpoints, served from the GraphQL API)",
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: props.corsOrigins,
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

    this.stage = this.addDefaultStage(props.throttle);

    // docs/rest-contract.md "JWT Authorizer": issuer https://cognito-idp.{region}.amazonaws.com/{pool id}; the
    // audience is the app client, which API Gateway also matches against an access token's client_id.
    const authorizer = new HttpUserPoolAuthorizer('CognitoAuthorizer', props.userPool, {
      userPoolClients: [props.userPoolClient],
      identitySource: ['$request.header.Authorization'],
    });
    const integration = new HttpLambdaIntegration('RestIntegration', this.function, {
      payloadFormatVersion: PayloadFormatVersion.VERSION_2_0,
    });
    const none: IHttpRouteAuthorizer = new HttpNoneAuthorizer();
    // One route per row of the shim's route table (functions/rest/routeTable.ts).
    const publicRoutes: HttpRoute[] = [];
    for (const route of REST_ROUTES) {
      const [created] = this.httpApi.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration,
        authorizer: route.auth === 'jwt' ? authorizer : none,
      });
      if (route.auth === 'public') {
        publicRoutes.push(created);
        Validations.of(created).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason:
            "A public endpoint of the seed (no authentication required); AppSync still authorises the read with the function's IAM role.",
        });
      }
    }

    this.throttlePublicRoutes(props.throttle, publicRoutes);

    new CfnOutput(this, 'RestApiUrl', {
      value: this.httpApi.apiEndpoint,
      description: "The REST shim (the seed's endpoints)",
    });
  }

  // The $default stage: the stage-wide throttle and JSON access logs kept as long as the stage says.
  private addDefaultStage(throttle: RestApiProps['throttle']): HttpStage {
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: stageOf(this).logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    return this.httpApi.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { burstLimit: throttle.burstLimit, rateLimit: throttle.rateLimit },
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs), format: accessLogFormat() },
    });
  }

  // Public routes get a tighter throttle of their own (WAF cannot front an HTTP API). Route
  // settings name their routes, which must exist before the stage that throttles them.
  private throttlePublicRoutes(throttle: RestApiProps['throttle'], routes: HttpRoute[]): void {
    const limits = { burstLimit: throttle.publicBurstLimit, rateLimit: throttle.publicRateLimit };
    for (const route of REST_ROUTES.filter(({ auth }) => auth === 'public'))
      throttleRoute(this.stage, `${route.method} ${route.path}`, limits);
    for (const route of routes) this.stage.node.addDependency(route);
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
