// The last phase of the local stack: what it tells clients (local/stack/localOutputs.ts writes and
// prints it). 127.0.0.1 (and a wildcard address, --host 0.0.0.0) is shown as localhost, the name
// browsers and the certificate use.
import type { ApiDefinition } from '../appsync/engine/definitions.ts';
import { LOCAL_REGION } from '../awsConfig.ts';
import { urlHost } from '../http/serverLifecycle.ts';
import type { LocalOutputs } from './localOutputs.ts';
import type { LocalServices } from './startServices.ts';
import type { StackTemplate } from './stackTemplate.ts';

/** Where the stack listens, as `createLocalStack` bound it. */
export interface StackListeners {
  host: string;
  apiPort: number;
  /** The REST shim's port, when the template has an HTTP API. */
  restPort?: number;
}

/** The outputs of a started stack. */
export function stackOutputs(
  stack: Pick<StackTemplate, 'buckets' | 'pool'>,
  services: Pick<LocalServices, 'userPool' | 'cognito' | 's3' | 'dynamoDb' | 'certificate' | 'lambda'>,
  api: Pick<ApiDefinition, 'apiKeys' | 'apiId'>,
  listeners: StackListeners,
  dataDir: string,
): LocalOutputs {
  const bound = urlHost(listeners.host);
  const host = bound === '127.0.0.1' ? 'localhost' : bound;
  const client = services.userPool.clients.find((c) => c.name === stack.pool.clients[0].name);
  return {
    graphqlUrl: `http://${host}:${listeners.apiPort}/graphql`,
    consoleUrl: `http://${host}:${listeners.apiPort}/`,
    realtimeUrl: `wss://${host}:${listeners.apiPort}/graphql/realtime`,
    apiKey: api.apiKeys[0]?.value ?? '',
    apiId: api.apiId,
    region: LOCAL_REGION,
    userPoolId: services.userPool.userPoolId,
    userPoolClientId: client?.clientId as string,
    cognitoEndpoint: services.cognito.endpoint,
    cognitoIssuer: services.userPool.issuer,
    s3Endpoint: services.s3.endpoint,
    bucket: stack.buckets[0]?.name ?? '',
    dynamoDbEndpoint: services.dynamoDb.endpoint,
    lambdaEndpoint: services.lambda.endpoint,
    tlsCertificate: services.certificate.certPath,
    dataDir,
    ...(listeners.restPort === undefined ? {} : { restUrl: `http://${host}:${listeners.restPort}` }),
  };
}
