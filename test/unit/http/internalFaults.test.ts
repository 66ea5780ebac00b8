// The emulator's own faults, from every local server, reach one sink while the client gets that
// service's generic 500 (or error frame): nothing is swallowed, nothing looks like an API answer.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppSyncEngine } from '../../../local/appsync/engine/createAppSyncEngine.ts';
import { createGraphqlHttpHandler } from '../../../local/appsync/server/createGraphqlHttpHandler.ts';
import { writeFaults } from '../../../local/http/internalFaults.ts';
import type { InternalFault } from '../../../local/http/internalFaults.ts';
import { silentRequestLog } from '../../../local/http/requestLog.ts';
import { stopServer } from '../../../local/http/serverLifecycle.ts';
import type { LambdaRunner } from '../../../local/lambda/createLambdaRunner.ts';
import { createLambdaInvokeHandler } from '../../../local/lambda/invoke.ts';
import { StopList } from '../../../local/stack/stopList.ts';
import { fixtureFunction } from '../lambda/functionDefinition.ts';

let server: http.Server | undefined;
afterEach(async () => {
  if (server) await stopServer(server);
  server = undefined;
});

async function serve(listener: http.RequestListener): Promise<string> {
  server = http.createServer(listener);
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A runner that knows one function and refuses to run anything (like a closed runner). */
function refusingRunner(): LambdaRunner {
  const fn = fixtureFunction('Trigger', 'echo');
  return {
    functions: [fn],
    find: (name) => (name === fn.logicalId ? fn : undefined),
    invoke: () => Promise.reject(new Error('The Lambda runner is closed.')),
    environments: () => 0,
    close: async () => undefined,
  };
}

describe('writeFaults', () => {
  it('writes one line per fault: component, activity and the stack', () => {
    const lines: string[] = [];
    const error = new Error('boom');
    writeFaults((text) => lines.push(text))({ component: 'HTTP API', activity: 'GET /x', error });
    expect(lines).toEqual([`local HTTP API: internal error while GET /x: ${error.stack}\n`]);
  });

  it('writes a thrown non-error as text', () => {
    const lines: string[] = [];
    writeFaults((text) => lines.push(text))({ component: 'AppSync', activity: 'POST /graphql', error: 42 });
    expect(lines).toEqual(['local AppSync: internal error while POST /graphql: 42\n']);
  });
});

describe('internal faults of the local servers', () => {
  it("AppSync over HTTP: an engine that throws gives AppSync's 500 InternalFailure and one reported fault", async () => {
    const faults: InternalFault[] = [];
    const engine = { execute: () => Promise.reject(new Error('engine bug')) } as unknown as AppSyncEngine;
    const url = await serve(
      createGraphqlHttpHandler({
        engine,
        auth: {
          defaultAuth: { mode: 'API_KEY' },
          additionalAuth: [],
          apiKeys: [{ value: 'k', expires: 4_102_444_800 }],
          region: 'us-east-1',
        },
        log: silentRequestLog,
        faults: (fault) => faults.push(fault),
      }),
    );

    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'k' },
      body: JSON.stringify({ query: '{ x }' }),
    });

    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({
      errors: [{ errorType: 'InternalFailure', message: 'Local AppSync emulator error: engine bug' }],
    });
    expect(faults).toEqual([{ component: 'AppSync', activity: 'POST /graphql', error: new Error('engine bug') }]);
  });

  it('Lambda Invoke: a runner that refuses a RequestResponse invocation gives 500 ServiceException and a reported fault', async () => {
    const faults: InternalFault[] = [];
    const url = await serve(createLambdaInvokeHandler(refusingRunner(), (fault) => faults.push(fault)));

    const response = await fetch(`${url}/2015-03-31/functions/Trigger/invocations`, { method: 'POST', body: '{}' });

    expect(response.status).toBe(500);
    expect(response.headers.get('x-amzn-errortype')).toBe('ServiceException');
    expect(faults).toEqual([
      {
        component: 'Lambda Invoke',
        activity: 'POST /2015-03-31/functions/Trigger/invocations',
        error: new Error('The Lambda runner is closed.'),
      },
    ]);
  });

  it('Lambda Invoke: an Event invocation the runner refuses is accepted (202) and reported, never an unhandled rejection', async () => {
    const faults: InternalFault[] = [];
    const url = await serve(createLambdaInvokeHandler(refusingRunner(), (fault) => faults.push(fault)));

    const response = await fetch(`${url}/2015-03-31/functions/Trigger/invocations`, {
      method: 'POST',
      headers: { 'x-amz-invocation-type': 'Event' },
      body: '{}',
    });

    expect(response.status).toBe(202);
    await expect
      .poll(() => faults)
      .toEqual([
        {
          component: 'Lambda Invoke',
          activity: 'the Event invocation of Trigger',
          error: new Error('The Lambda runner is closed.'),
        },
      ]);
  });

  it('the local stack: a service that fails to stop is reported, and the others still stop', async () => {
    const faults: InternalFault[] = [];
    const stops = new StopList((fault) => faults.push(fault));
    let stopped = 0;
    stops.add(async () => {
      stopped++;
    });
    stops.add(() => Promise.reject(new Error('EPERM')));

    await stops.stopAll();

    expect(stopped).toBe(1);
    expect(faults).toEqual([{ component: 'local stack', activity: 'stopping a service', error: new Error('EPERM') }]);
  });
});
