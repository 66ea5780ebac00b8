// A local stack of our own (the run's shared stack must keep its throttling tokens and its
// DynamoDB Local), looked at from outside and put under stress: the sockets it listens on, and a
// burst of REST calls on a route backed by a function, with a GraphQL request alongside.
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalStack } from '../../../local/index.ts';
import type { LocalStack } from '../../../local/index.ts';
import { graphqlClient } from '../../support/graphqlClient.ts';
import { canListSockets, isLoopback, listeningSocketsOf } from '../../support/listeningSockets.ts';
import { signUpUser } from '../../support/tokens.ts';
import { testTempDir } from '../../support/tempDirs.ts';

const CDK_OUT = resolve(import.meta.dirname, '..', '..', '..', 'cdk.out');
const BURST = 250;
// The route's own burst (template: RouteSettings["GET /profiles/{username}"].ThrottlingBurstLimit).
const ROUTE_BURST = 50;
const username = `burst-${randomUUID().slice(0, 8)}`;

let dataDir: string;
let stack: LocalStack;

beforeAll(async () => {
  dataDir = testTempDir('prolynk-stress-');
  stack = await createLocalStack({ cdkOutDir: CDK_OUT, dataDir, ports: {} });
  const user = await signUpUser(stack.outputs);
  const saved = await graphqlClient(stack.outputs.graphqlUrl).post(
    'mutation S($i: ProfileInput!) { saveProfile(input: $i) { username } }',
    { i: { username, bio: 'read in a burst' } },
    { authorization: user.accessToken },
  );
  expect(saved.body.errors).toBeUndefined();
});

afterAll(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the stack’s sockets', () => {
  it.runIf(canListSockets)('are all on the loopback address, DynamoDB Local’s JVM included', () => {
    const sockets = listeningSocketsOf(process.pid);
    const ports = [stack.outputs.graphqlUrl, stack.outputs.dynamoDbEndpoint, stack.outputs.cognitoEndpoint]
      .concat(stack.outputs.s3Endpoint, stack.outputs.restUrl ?? [])
      .map((url) => Number(new URL(url).port));

    expect(sockets.map((socket) => socket.port)).toEqual(expect.arrayContaining(ports));
    expect(sockets.filter((socket) => !isLoopback(socket.address))).toEqual([]);
  });
});

describe('a burst of REST calls on a function route', () => {
  it('answers every call with 200 or the route throttle’s 429, on a bounded number of threads, while GraphQL stays responsive', async () => {
    const threads = sampleThreads();
    let burstOver = false;
    const burst = Promise.all(
      Array.from({ length: BURST }, () =>
        fetch(`${stack.outputs.restUrl}/profiles/${username}`).then(async (res) => {
          await res.arrayBuffer();
          return res.status;
        }),
      ),
    ).finally(() => {
      burstOver = true;
    });
    const typename = await graphqlClient(stack.outputs.graphqlUrl).post(
      '{ __typename }',
      {},
      {
        'x-api-key': stack.outputs.apiKey,
      },
    );
    const typenameBeforeBurstEnded = !burstOver;
    const statuses = await burst;
    const peak = threads.stop();

    expect(typename.body).toEqual({ data: { __typename: 'Query' } });
    expect(typenameBeforeBurstEnded).toBe(true);
    expect(statuses.filter((status) => status !== 200 && status !== 429)).toEqual([]);
    // The route's token bucket holds 50: more than that cannot all pass at once.
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(ROUTE_BURST);
    // One environment per concurrent invocation would be ~100 more threads; the local limit is 4.
    if (peak !== undefined) expect(peak.added).toBeLessThanOrEqual(12);
  }, 120_000);
});

// This process's thread count, sampled every 20 ms: the peak above the count when sampling began.
function sampleThreads(): { stop(): { added: number } | undefined } {
  const file = '/proc/self/status';
  if (!existsSync(file)) return { stop: () => undefined };
  const read = () => Number(/^Threads:\s+(\d+)/m.exec(readFileSync(file, 'utf8'))?.[1]);
  const baseline = read();
  let peak = baseline;
  const timer = setInterval(() => {
    peak = Math.max(peak, read());
  }, 20);
  return {
    stop() {
      clearInterval(timer);
      return { added: Math.max(peak, read()) - baseline };
    },
  };
}
