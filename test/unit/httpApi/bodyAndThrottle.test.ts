// What the HTTP API does before and while it reads a body, over real sockets: throttling counts a
// request when it arrives (not when its body ends), a body over API Gateway's 10 MB is refused while
// it is still arriving (before any authorizer), and Lambda refusing the invocation (throttled, event
// over 6 MB) is API Gateway's integration-failure 500, not an emulator fault.
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { RequestTooLargeError, TooManyRequestsError } from '../../../local/lambda/lambdaErrors.ts';
import { uploadUntilAnswered } from '../../support/uploadUntilAnswered.ts';
import { apiDefinition, jwtRoute, route, serveApi, TEMPLATE_ISSUER } from './support.ts';
import type { ServedApi } from './support.ts';

let served: ServedApi | undefined;
afterEach(async () => {
  await served?.close();
  served = undefined;
});

const MB = 1024 * 1024;
const issuerMap = { [TEMPLATE_ISSUER]: { issuer: 'http://local', jwksUri: 'http://127.0.0.1:9/jwks' } };

describe('the HTTP API before and while it reads a body', () => {
  it('takes the throttling token when a request arrives: a later request that finishes first is the one refused', async () => {
    let clockReads = 0;
    served = await serveApi(
      apiDefinition({
        routes: [route('POST /links')],
        stage: {
          logicalId: 'Stage',
          name: '$default',
          throttling: { burstLimit: 1, rateLimit: 0.001 },
          routeThrottling: {},
        },
      }),
      { now: () => (clockReads += 1) && 0 },
    );
    const slow = request(`${served.url}/links`, { method: 'POST', headers: { 'content-type': 'application/json' } });
    const slowAnswer = new Promise<number>((resolve) => slow.on('response', (res) => resolve(res.statusCode ?? 0)));
    slow.write('{"title":');
    await until(() => clockReads >= 1);

    const quick = await fetch(`${served.url}/links`, { method: 'POST', body: '{}' });
    slow.end('"x"}');

    expect(quick.status).toBe(429);
    expect(await slowAnswer).toBe(200);
  });

  it('refuses a chunked body over 10 MB with 413 while it is still being sent', async () => {
    served = await serveApi(apiDefinition({ routes: [route('POST /links')] }));
    const outcome = await uploadUntilAnswered(`${served.url}/links`, 30 * MB);

    expect(outcome.status).toBe(413);
    expect(JSON.parse(outcome.body)).toEqual({ message: 'Request Entity Too Large' });
    expect(outcome.bytesSent).toBeLessThan(30 * MB);
    expect(served.invoked).toEqual([]);
  });

  it('refuses an unauthenticated 30 MB body on a JWT route from its Content-Length, before reading it', async () => {
    served = await serveApi(apiDefinition({ routes: [jwtRoute('POST /links', ['client'])] }), { issuerMap });
    const outcome = await uploadUntilAnswered(`${served.url}/links`, 30 * MB, { declareLength: true });

    expect(outcome.status).toBe(413);
    expect(outcome.bytesSent).toBeLessThan(30 * MB);
    expect(served.invoked).toEqual([]);
  });

  it('answers a throttled or oversized invocation with 500 {"message":"Internal Server Error"}, reporting no fault', async () => {
    const refusals = [new TooManyRequestsError('ConcurrentInvocationLimitExceeded'), new RequestTooLargeError()];
    served = await serveApi(apiDefinition({ routes: [route('POST /links')] }), {
      invoke: async () => {
        throw refusals.shift();
      },
    });
    for (let i = 0; i < 2; i += 1) {
      const res = await fetch(`${served.url}/links`, { method: 'POST', body: '{}' });
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({ message: 'Internal Server Error' });
    }
    expect(served.faults).toEqual([]);
  });
});

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}
