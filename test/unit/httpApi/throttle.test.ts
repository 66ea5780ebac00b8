import { afterEach, describe, expect, it } from 'vitest';
import { createTokenBucket } from '../../../local/httpApi/throttle.ts';
import { apiDefinition, route, serveApi } from './support.ts';
import type { ServedApi } from './support.ts';

let served: ServedApi | undefined;
afterEach(async () => served?.close());

describe('createTokenBucket', () => {
  it('allows a burst, then refuses, then refills at the rate per second', () => {
    const bucket = createTokenBucket({ burstLimit: 3, rateLimit: 2 });
    expect([bucket.take(0), bucket.take(0), bucket.take(0), bucket.take(0)]).toEqual([true, true, true, false]);
    expect(bucket.take(499)).toBe(false);
    expect(bucket.take(500)).toBe(true);
    expect(bucket.take(500)).toBe(false);
    // A long pause refills to the burst limit, not beyond it.
    expect([bucket.take(60_000), bucket.take(60_000), bucket.take(60_000), bucket.take(60_000)]).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });
});

describe('stage throttling', () => {
  it('answers 429 Too Many Requests past the burst, without invoking the function, until tokens refill', async () => {
    let clock = 1_000_000;
    const api = apiDefinition({
      stage: { logicalId: 'Stage', name: '$default', throttling: { burstLimit: 2, rateLimit: 1 }, routeThrottling: {} },
    });
    served = await serveApi(api, { now: () => clock });

    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await fetch(`${served.url}/profiles/ada`)).status);
    const refused = await fetch(`${served.url}/profiles/ada`);
    clock += 1000;
    const afterRefill = await fetch(`${served.url}/profiles/ada`);

    expect(statuses).toEqual([200, 200, 429]);
    expect(refused.status).toBe(429);
    expect(await refused.json()).toEqual({ message: 'Too Many Requests' });
    expect(afterRefill.status).toBe(200);
    expect(served.events).toHaveLength(3);
  });

  it("uses a route's own RouteSettings limits instead of the stage default", async () => {
    const api = apiDefinition({
      routes: [route('GET /profiles/{username}'), route('GET /health')],
      stage: {
        logicalId: 'Stage',
        name: '$default',
        throttling: { burstLimit: 100, rateLimit: 50 },
        routeThrottling: { 'GET /health': { burstLimit: 1, rateLimit: 0 } },
      },
    });
    served = await serveApi(api, { now: () => 0 });

    const health = [(await fetch(`${served.url}/health`)).status, (await fetch(`${served.url}/health`)).status];
    const profile = (await fetch(`${served.url}/profiles/ada`)).status;

    expect(health).toEqual([200, 429]);
    expect(profile).toBe(200);
  });
});
