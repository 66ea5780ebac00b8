// The realtime server's own faults go to the fault sink: a start that breaks gets an InternalFailure
// error frame, a delivery that breaks costs the other subscribers nothing.
import { afterEach, describe, expect, it } from 'vitest';
import type { AppSyncEngine } from '../../../local/appsync/engine/createAppSyncEngine.ts';
import { createSubscriptionHub } from '../../../local/appsync/realtime/subscriptionHub.ts';
import type { InternalFault } from '../../../local/http/internalFaults.ts';
import type { Frame } from './pingRealtime.ts';
import { KEY, openConnection, pingEngine, serveRealtime, until } from './pingRealtime.ts';

let served: Awaited<ReturnType<typeof serveRealtime>> | undefined;
afterEach(async () => {
  await served?.close();
  served = undefined;
});

function startMessage(id: string, n?: number): string {
  return JSON.stringify({
    id,
    type: 'start',
    payload: {
      data: JSON.stringify({ query: 'subscription ($n: Int) { onPing(n: $n) { n } }', variables: { n } }),
      extensions: { authorization: { 'x-api-key': KEY } },
    },
  });
}

async function connected(url: string): Promise<{ send(text: string): void; frames: Frame[]; close(): void }> {
  const { ws, frames } = await openConnection(url);
  await until(() => frames.some((f) => f.type === 'connection_ack'));
  return { send: (text) => ws.send(text), frames, close: () => ws.close() };
}

describe('realtime internal faults', () => {
  it('a start whose resolution throws gets an InternalFailure error frame, and the fault is reported', async () => {
    const faults: InternalFault[] = [];
    const real = pingEngine();
    const engine: AppSyncEngine = {
      schema: real.schema,
      execute: (request, caller) => real.execute(request, caller),
      resolveSubscription: () => Promise.reject(new Error('resolver bug')),
    };
    served = await serveRealtime(engine, { keepAliveMs: 60_000, faults: (fault) => faults.push(fault) });
    const client = await connected(served.url);

    client.send(startMessage('s1'));
    await until(() => client.frames.some((f) => f.type === 'error'));

    expect(client.frames.find((f) => f.type === 'error')).toEqual({
      type: 'error',
      id: 's1',
      payload: { errors: [{ errorType: 'InternalFailure', message: 'Local AppSync emulator error: resolver bug' }] },
    });
    expect(faults).toEqual([
      { component: 'AppSync real-time', activity: 'start s1', error: new Error('resolver bug') },
    ]);
    client.close();
  });

  it('a delivery that throws is reported, and the other subscribers still receive the event', async () => {
    const faults: InternalFault[] = [];
    const hub = createSubscriptionHub();
    served = await serveRealtime(pingEngine(), { keepAliveMs: 60_000, hub, faults: (fault) => faults.push(fault) });
    const broken = await connected(served.url);
    const healthy = await connected(served.url);
    broken.send(startMessage('broken'));
    healthy.send(startMessage('healthy'));
    await until(
      () => broken.frames.some((f) => f.type === 'start_ack') && healthy.frames.some((f) => f.type === 'start_ack'),
    );

    // A value the payload shaper cannot read for the broken subscriber only: its selection is the same,
    // so make the value itself throw on the first read and behave on the next.
    let reads = 0;
    const value = {
      get n() {
        reads++;
        if (reads === 1) throw new Error('shaping bug');
        return 1;
      },
    };
    hub.publish([{ fieldName: 'ping', value }]);
    await until(() => healthy.frames.some((f) => f.type === 'data') && faults.length > 0);

    expect(faults).toEqual([
      {
        component: 'AppSync real-time',
        activity: expect.stringMatching(/^delivering to subscription (broken|healthy)$/),
        error: new Error('shaping bug'),
      },
    ]);
    const delivered = [...broken.frames, ...healthy.frames].filter((f) => f.type === 'data');
    expect(delivered).toHaveLength(1);
    broken.close();
    healthy.close();
  });
});
