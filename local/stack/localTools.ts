// The local-only tools next to the API (never deployed): the console, EvaluateCode and the API key
// operations on the API's port (local/console/), and the user pool's managed-login domain with the
// stand-in identity providers (local/oauth/), which run when the template gives the pool a domain.
import type { AppSyncEngine } from '../appsync/engine/createAppSyncEngine.ts';
import type { ApiDefinition } from '../appsync/engine/definitions.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../awsConfig.ts';
import { createLocalConsole } from '../console/createLocalConsole.ts';
import type { LocalConsole } from '../console/createLocalConsole.ts';
import type { LambdaRunner } from '../lambda/index.ts';
import { serveManagedLogin } from '../oauth/serveManagedLogin.ts';
import type { ManagedLoginOutputs } from '../oauth/serveManagedLogin.ts';
import type { StackTemplate } from './stackTemplate.ts';
import type { LocalServices } from './startServices.ts';
import type { StopList } from './stopList.ts';

/** The app client's ID as cognito-local assigned it. */
function clientIdOf(stack: StackTemplate, services: LocalServices): string {
  const client = services.userPool.clients.find((c) => c.name === stack.pool.clients[0].name);
  return client?.clientId as string;
}

/** The console over the running stack; its streams are stopped with the stack. */
export function stackConsole(
  stack: StackTemplate,
  services: LocalServices,
  api: ApiDefinition,
  engine: AppSyncEngine,
  stops: StopList,
): LocalConsole {
  const tools = createLocalConsole({
    api,
    schema: engine.schema,
    region: LOCAL_REGION,
    iamCredentials: { ...LOCAL_CREDENTIALS },
    dynamoDbClient: services.dynamoDbClient,
    s3Endpoint: services.s3.endpoint,
    bucket: stack.buckets[0]?.name ?? '',
    cognito: {
      endpoint: services.cognito.endpoint,
      userPoolId: services.userPool.userPoolId,
      clientId: clientIdOf(stack, services),
    },
  });
  stops.add(tools.close);
  return tools;
}

/** Serves managed login when the template has a pool domain; its outputs, or none. */
export async function serveStackManagedLogin(
  stack: StackTemplate,
  backends: { services: LocalServices; runner: LambdaRunner },
  listen: { host: string; ports: { domain?: number; identityProviders?: number } },
  stops: StopList,
): Promise<ManagedLoginOutputs | undefined> {
  if (!stack.federation) return undefined;
  const { services } = backends;
  const managedLogin = await serveManagedLogin({
    federation: stack.federation,
    pool: stack.pool,
    ensuredPool: services.userPool,
    clientId: clientIdOf(stack, services),
    cognito: services.cognito,
    runner: backends.runner,
    host: listen.host,
    ports: { domain: listen.ports.domain ?? 0, identityProviders: listen.ports.identityProviders ?? 0 },
    tls: { key: services.certificate.key, cert: services.certificate.cert },
  });
  stops.add(managedLogin.close);
  return managedLogin.outputs;
}
