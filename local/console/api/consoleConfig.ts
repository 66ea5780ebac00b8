// What the page needs to know about the running stack: the API's auth modes and key, the region
// and local credentials IAM signatures use, the bucket, and where the API's endpoints live.
import { Hono } from 'hono';
import type { ApiDefinition, AuthMode } from '../../appsync/engine/definitions.ts';
import type { IamCredentials } from '../../appsync/auth/iam.ts';
import { EVALUATE_CODE_PATH } from '../../appsync/evaluateCode/createEvaluateCodeHandler.ts';
import { REALTIME_PATH } from '../../appsync/realtime/createRealtimeServer.ts';

// The modes the console can call with; OIDC and Lambda authorizers are not emulated locally.
const CONSOLE_MODES: AuthMode[] = ['API_KEY', 'AMAZON_COGNITO_USER_POOLS', 'AWS_IAM'];

/** The console's configuration, computed once. */
export function consoleConfig(api: ApiDefinition, options: { region: string; bucket: string; iam: IamCredentials }) {
  const modes = [api.defaultAuth, ...api.additionalAuth].map((p) => p.mode).filter((m) => CONSOLE_MODES.includes(m));
  return {
    apiName: api.name,
    apiKey: api.apiKeys[0]?.value ?? null,
    region: options.region,
    authModes: modes,
    defaultAuthMode: CONSOLE_MODES.includes(api.defaultAuth.mode) ? api.defaultAuth.mode : (modes[0] ?? 'API_KEY'),
    // The local stack's own credentials (DynamoDB Local's "local"/"local"), not a secret.
    iamCredentials: options.iam,
    bucket: options.bucket,
    graphqlPath: '/graphql',
    realtimePath: REALTIME_PATH,
    evaluateCodePath: EVALUATE_CODE_PATH,
  };
}

/** The /config route. */
export function configRoutes(config: ReturnType<typeof consoleConfig>): Hono {
  const app = new Hono();
  app.get('/config', (c) => c.json(config));
  return app;
}
