// The stage's checks in API Gateway's order, called directly (no sockets): the stage path before
// throttling, throttling before the route's 404, the body limit before the authorizer, and an
// integration the runner refuses as a 500 reported as an internal fault.
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { InternalFault } from '../../../local/http/internalFaults.ts';
import { HttpApiStage } from '../../../local/httpApi/httpApiStage.ts';
import type { HttpApiHandlerOptions, StageRequest } from '../../../local/httpApi/httpApiStage.ts';
import { apiDefinition, jwtRoute, route } from './support.ts';

function stageRequest(method: string, url: string, body = Buffer.alloc(0)): StageRequest {
  const request = {
    method,
    url,
    rawHeaders: [],
    httpVersion: '1.1',
    socket: { remoteAddress: '127.0.0.1' },
  } as unknown as IncomingMessage;
  return { request, headers: {}, body, requestId: 'req-1', nowMs: 0 };
}

function stage(overrides: Partial<HttpApiHandlerOptions> = {}): {
  stage: HttpApiStage;
  invoked: string[];
  faults: InternalFault[];
} {
  const invoked: string[] = [];
  const faults: InternalFault[] = [];
  const api = apiDefinition({
    routes: [route('GET /profiles/{username}'), jwtRoute('PUT /profiles/me', ['client'])],
    stage: { logicalId: 'Stage', name: 'prod', throttling: { burstLimit: 1, rateLimit: 0.001 }, routeThrottling: {} },
  });
  const options: HttpApiHandlerOptions = {
    api,
    invoke: async (functionLogicalId) => {
      invoked.push(functionLogicalId);
      return { payload: { statusCode: 200, body: 'ok' } };
    },
    jwt: {
      issuerMap: { [api.routes[1].authorizer!.issuer]: { issuer: 'http://local', jwksUri: 'http://local/jwks' } },
    },
    faults: (fault) => faults.push(fault),
    ...overrides,
  };
  return { stage: new HttpApiStage(options), invoked, faults };
}

describe('an HTTP API stage', () => {
  it('answers 404 outside its stage path without spending a throttling token', async () => {
    const { stage: prod } = stage();
    expect((await prod.respond(stageRequest('GET', '/other/profiles/ada'))).statusCode).toBe(404);
    expect((await prod.respond(stageRequest('GET', '/prod/profiles/ada'))).statusCode).toBe(200);
  });

  it('throttles before it looks for a route (the burst of 1 is spent by the unknown path)', async () => {
    const { stage: prod, invoked } = stage();
    expect((await prod.respond(stageRequest('GET', '/prod/nowhere'))).statusCode).toBe(404);
    expect((await prod.respond(stageRequest('GET', '/prod/profiles/ada'))).statusCode).toBe(429);
    expect(invoked).toEqual([]);
  });

  it('refuses a body over 10 MB with 413 before the authorizer runs', async () => {
    const { stage: prod, invoked } = stage();
    const response = await prod.respond(stageRequest('PUT', '/prod/profiles/me', Buffer.alloc(10 * 1024 * 1024 + 1)));
    expect(response.statusCode).toBe(413);
    expect(invoked).toEqual([]);
  });

  it('answers 500 and reports an internal fault when the runner refuses the integration', async () => {
    const { stage: prod, faults } = stage({
      invoke: () => Promise.reject(new Error('Function not found: RestFunction')),
    });

    const response = await prod.respond(stageRequest('GET', '/prod/profiles/ada'));

    expect(response.statusCode).toBe(500);
    expect(JSON.parse(response.body.toString())).toEqual({ message: 'Internal Server Error' });
    expect(faults).toEqual([
      {
        component: 'HTTP API',
        activity: 'invoking RestFunction for GET /profiles/{username}',
        error: new Error('Function not found: RestFunction'),
      },
    ]);
  });

  it('refuses to start for a route whose issuer has no local stand-in', () => {
    expect(() => stage({ jwt: { issuerMap: {} } })).toThrow('which has no local issuer');
  });
});
