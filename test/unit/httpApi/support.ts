// Test factories for the HTTP API emulation: a definition built like the template's, a handler
// served on 127.0.0.1:0 with a fake invoke that records events, and small request helpers.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpApiHandler } from '../../../local/httpApi/createHttpApiHandler.ts';
import type { HttpApiHandlerOptions } from '../../../local/httpApi/createHttpApiHandler.ts';
import type { HttpApiDefinition, HttpApiRoute } from '../../../local/httpApi/definitions.ts';
import type { HttpApiEvent } from '../../../local/httpApi/event.ts';
import type { InternalFault } from '../../../local/http/internalFaults.ts';

export const TEMPLATE_ISSUER = 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_pool';

export function route(routeKey: string, overrides: Partial<HttpApiRoute> = {}): HttpApiRoute {
  const [method, pathPattern] = routeKey === '$default' ? [undefined, undefined] : routeKey.split(' ');
  return {
    logicalId: `Route${routeKey.replace(/\W/g, '')}`,
    routeKey,
    method,
    pathPattern,
    authorizationType: 'NONE',
    authorizationScopes: [],
    integration: {
      logicalId: 'Integration',
      type: 'AWS_PROXY',
      functionLogicalId: 'RestFunction',
      payloadFormatVersion: '2.0',
    },
    ...overrides,
  };
}

export function jwtRoute(routeKey: string, audience: string[]): HttpApiRoute {
  return route(routeKey, {
    authorizationType: 'JWT',
    authorizer: { logicalId: 'Jwt', issuer: TEMPLATE_ISSUER, audience, identitySource: 'authorization' },
  });
}

export function apiDefinition(overrides: Partial<HttpApiDefinition> = {}): HttpApiDefinition {
  return {
    logicalId: 'Api',
    apiId: 'abc123defg',
    name: 'prolynk-api',
    routes: [route('GET /profiles/{username}')],
    stage: {
      logicalId: 'Stage',
      name: '$default',
      throttling: { burstLimit: 100, rateLimit: 50 },
      routeThrottling: {},
    },
    ...overrides,
  };
}

export interface ServedApi {
  url: string;
  events: HttpApiEvent[];
  invoked: string[];
  /** The internal faults the handler reported. */
  faults: InternalFault[];
  close(): Promise<void>;
}

type Invoke = HttpApiHandlerOptions['invoke'];

/** Serves the API with a fake invoke (default: echoes 200 {"ok":true}) and records the events it got. */
export async function serveApi(
  api: HttpApiDefinition,
  options: { invoke?: Invoke; now?: () => number; issuerMap?: HttpApiHandlerOptions['jwt']['issuerMap'] } = {},
): Promise<ServedApi> {
  const events: HttpApiEvent[] = [];
  const invoked: string[] = [];
  const invoke: Invoke = async (functionLogicalId, event) => {
    events.push(event);
    invoked.push(functionLogicalId);
    return options.invoke
      ? options.invoke(functionLogicalId, event)
      : { payload: { statusCode: 200, body: '{"ok":true}' } };
  };
  const faults: InternalFault[] = [];
  const handler = createHttpApiHandler({
    api,
    invoke,
    now: options.now,
    jwt: { issuerMap: options.issuerMap ?? {} },
    faults: (fault) => faults.push(fault),
  });
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    events,
    invoked,
    faults,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
