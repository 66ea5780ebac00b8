// Request-level authentication for the local AppSync endpoint: pick the auth mode from the
// credentials the request carries, among the modes the API configures, and verify them.
//
// Precedence (AWS does not document one; docs/appsync-facts.md §6 [?]): a SigV4 Authorization header
// → AWS_IAM; any other Authorization header → AMAZON_COGNITO_USER_POOLS; x-api-key → API_KEY.
// Credentials for a mode the API does not configure are ignored. The first configured mode whose
// credential is present decides alone: a bad JWT is rejected even when a valid x-api-key is also
// sent, so a client never silently runs under a weaker mode than the one it meant.
import { LOCAL_CREDENTIALS } from '../../awsConfig.ts';
import type { ApiKeyDefinition, AuthMode, AuthProvider } from '../engine/definitions.ts';
import { authenticateApiKey } from './apiKey.ts';
import { AUTH_MESSAGES, unauthorized } from './authResult.ts';
import type { AuthResult } from './authResult.ts';
import { authenticateCognitoToken } from './cognitoUserPools.ts';
import { authenticateIamRequest, isSigV4Authorization } from './iam.ts';
import type { IamCredentials } from './iam.ts';
import { headerValue } from './requestHeaders.ts';
import type { RequestHeaders } from './requestHeaders.ts';
import { sourceIpList } from './sourceIp.ts';

export type { AuthFailure, AuthResult, AuthSuccess } from './authResult.ts';

/** The parts of an HTTP request authentication looks at. */
export interface AuthRequest {
  method: string;
  path: string;
  headers: RequestHeaders;
  body: string;
  sourceIp: string;
}

/** The API's auth configuration plus the local services that back it. */
export interface AuthConfig {
  defaultAuth: AuthProvider;
  additionalAuth: AuthProvider[];
  apiKeys: ApiKeyDefinition[];
  /** cognito-local's issuer and JWKS URL (required when a Cognito mode is configured). */
  cognito?: { issuer: string; jwksUri: string };
  /** Defaults to the DynamoDB Local credentials, "local"/"local". */
  iamCredentials?: IamCredentials;
  region: string;
  now?: () => number;
}

// Modes whose credential is a JWT; with one configured, AppSync words a missing credential as a
// missing Authorization header (docs/appsync-facts.md §5).
const JWT_MODES: AuthMode[] = ['AMAZON_COGNITO_USER_POOLS', 'OPENID_CONNECT'];

function providerFor(config: AuthConfig, mode: AuthMode): AuthProvider | undefined {
  return [config.defaultAuth, ...config.additionalAuth].find((provider) => provider.mode === mode);
}

/** Authenticates one request as AppSync would, returning the auth mode and ctx.identity or the rejection. */
export async function authenticateRequest(request: AuthRequest, config: AuthConfig): Promise<AuthResult> {
  const nowMs = (config.now ?? Date.now)();
  const sourceIp = sourceIpList(request.headers, request.sourceIp);
  const authorization = headerValue(request.headers, 'authorization');
  const apiKey = headerValue(request.headers, 'x-api-key');

  if (authorization && isSigV4Authorization(authorization) && providerFor(config, 'AWS_IAM')) {
    return authenticateIamRequest(request, {
      credentials: config.iamCredentials ?? { ...LOCAL_CREDENTIALS },
      region: config.region,
      sourceIp,
      nowMs,
    });
  }

  const cognito = providerFor(config, 'AMAZON_COGNITO_USER_POOLS');
  if (authorization && !isSigV4Authorization(authorization) && cognito) {
    if (!config.cognito)
      throw new Error('AMAZON_COGNITO_USER_POOLS is configured but no Cognito issuer/jwksUri was supplied');
    return authenticateCognitoToken(authorization, {
      pool: config.cognito,
      appIdClientRegex: cognito.userPool?.appIdClientRegex,
      defaultAction: cognito.userPool?.defaultAction,
      sourceIp,
      nowMs,
    });
  }

  if (apiKey && providerFor(config, 'API_KEY')) return authenticateApiKey(apiKey, config.apiKeys, nowMs);

  const jwtModeConfigured = JWT_MODES.some((mode) => providerFor(config, mode));
  return unauthorized(jwtModeConfigured ? AUTH_MESSAGES.noValidHeader : AUTH_MESSAGES.notAuthorized);
}
