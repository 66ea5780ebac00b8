// Counting the requests a process's HTTP servers are answering, and waiting for them to finish
// within a bound (what `npm start` does on Ctrl-C before it stops the services).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { trackInFlightRequests } from '../../../local/http/inFlightRequests.ts';
import type { InFlightRequests } from '../../../local/http/inFlightRequests.ts';
import { stopServer } from '../../../local/http/serverLifecycle.ts';

let tracker: InFlightRequests | undefined;
let server: http.Server | undefined;
afterEach(async () => {
  vi.useRealTimers();
  tracker?.close();
  if (server) await stopServer(server);
  server = tracker = undefined;
});

/** A server whose requests wait until `release` is called; resolves with its URL. */
async function heldServer(): Promise<{ url: string; release: () => void; arrived: Promise<void> }> {
  let release = () => {};
  let arrive = () => {};
  const arrived = new Promise<void>((resolve) => (arrive = resolve));
  server = http.createServer((_req, res) => {
    release = () => res.end('done');
    arrive();
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, release: () => release(), arrived };
}

describe('trackInFlightRequests', () => {
  it('counts a request until its answer is sent, and settles as soon as it is', async () => {
    tracker = trackInFlightRequests();
    const held = await heldServer();
    const answer = fetch(held.url).then((res) => res.text());
    await held.arrived;

    expect(tracker.count()).toBe(1);
    const settled = tracker.settled(60_000);
    held.release();

    expect(await answer).toBe('done');
    expect(await settled).toBe(true);
    expect(tracker.count()).toBe(0);
  });

  it('gives up waiting after the bound when a request never finishes', async () => {
    tracker = trackInFlightRequests();
    const held = await heldServer();
    const answer = fetch(held.url).catch(() => 'gone');
    await held.arrived;
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });

    const settled = tracker.settled(5_000);
    vi.advanceTimersByTime(5_000);

    expect(await settled).toBe(false);
    vi.useRealTimers();
    held.release();
    await answer;
  });
});
