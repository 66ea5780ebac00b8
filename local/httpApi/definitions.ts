// What the local HTTP API emulation serves, read from the template's AWS::ApiGatewayV2::* resources.

/** The API's CorsConfiguration (API Gateway answers preflights itself when it is set). */
export interface HttpApiCors {
  allowOrigins: string[];
  allowMethods: string[];
  allowHeaders: string[];
  exposeHeaders: string[];
  allowCredentials: boolean;
  maxAge?: number;
}

/** A JWT authorizer as the route uses it. */
export interface HttpApiJwtAuthorizer {
  logicalId: string;
  /** The issuer the template names (on AWS: https://cognito-idp.<region>.amazonaws.com/<poolId>). */
  issuer: string;
  audience: string[];
  /** The header the token is read from, lowercased (from `$request.header.Authorization`). */
  identitySource: string;
}

/** The Lambda proxy integration behind a route. */
export interface HttpApiIntegration {
  logicalId: string;
  type: 'AWS_PROXY';
  functionLogicalId: string;
  payloadFormatVersion: '2.0';
}

/** One route: `GET /profiles/{username}`, `ANY /{proxy+}` or `$default`. */
export interface HttpApiRoute {
  logicalId: string;
  routeKey: string;
  /** Upper-case method, `ANY`, or undefined for `$default`. */
  method?: string;
  /** The path part of the route key; undefined for `$default`. */
  pathPattern?: string;
  authorizationType: 'NONE' | 'JWT';
  authorizer?: HttpApiJwtAuthorizer;
  /** Route AuthorizationScopes: the token's `scope` must hold at least one of them. */
  authorizationScopes: string[];
  integration: HttpApiIntegration;
}

/** Steady-state requests per second and burst size of a token bucket. */
export interface HttpApiThrottling {
  burstLimit: number;
  rateLimit: number;
}

/** The stage the API is served on. */
export interface HttpApiStage {
  logicalId: string;
  name: string;
  throttling: HttpApiThrottling;
  /** RouteSettings overrides, by route key. */
  routeThrottling: Record<string, HttpApiThrottling>;
}

/** An HTTP API (API Gateway v2, protocol HTTP) from the template. */
export interface HttpApiDefinition {
  logicalId: string;
  /** A stable local API ID shaped like API Gateway's (10 lowercase letters and digits). */
  apiId: string;
  name: string;
  cors?: HttpApiCors;
  routes: HttpApiRoute[];
  stage: HttpApiStage;
}
