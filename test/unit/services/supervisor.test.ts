import { afterEach, describe, expect, it, vi } from 'vitest';
import { RESTART_DELAYS_MS, supervise } from '../../../local/services/supervisor.ts';
import type { ServiceInstance } from '../../../local/services/supervisor.ts';

/** An instance the test ends by hand, as a killed process or a closed server would end. */
class FakeInstance implements ServiceInstance {
  stopped = false;
  private end!: (how: string) => void;
  ended = new Promise<string>((resolve) => {
    this.end = resolve;
  });
  constructor(readonly id: number) {}
  die(how: string): void {
    this.end(how);
  }
  async stop(): Promise<void> {
    this.stopped = true;
    this.end('stopped');
  }
}

/** A start function that fails `failures` times, then hands out numbered instances. */
function starter(failures = 0) {
  const started: FakeInstance[] = [];
  let calls = 0;
  const start = vi.fn(async () => {
    calls += 1;
    if (calls <= failures) throw new Error(`Address already in use (attempt ${calls})\nstack trace`);
    const instance = new FakeInstance(calls);
    started.push(instance);
    return instance;
  });
  return { start, started };
}

afterEach(() => {
  vi.useRealTimers();
});

function setUp(failures = 0) {
  vi.useFakeTimers();
  const lines: string[] = [];
  const first = new FakeInstance(0);
  const { start, started } = starter(failures);
  const supervised = supervise(first, {
    name: 'DynamoDB Local',
    port: 8000,
    where: 'data in /data/dynamodb',
    start,
    notify: (line) => lines.push(line),
    wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    now: () => Date.now(),
  });
  return { first, start, started, supervised, lines };
}

describe('supervise', () => {
  it('starts a new instance on the same port when the current one ends unasked, and says so in one line', async () => {
    const { first, start, supervised, lines } = setUp();

    first.die('killed by SIGKILL');
    await vi.advanceTimersByTimeAsync(0);

    expect(start).toHaveBeenCalledTimes(1);
    expect((supervised.current() as FakeInstance).id).toBe(1);
    expect(lines).toEqual([
      'DynamoDB Local (port 8000) exited unexpectedly (killed by SIGKILL) and was restarted on the same port in 0.0 s (data in /data/dynamodb); requests in between failed with 503, which clients retry.',
    ]);
  });

  it('keeps watching the new instance: a second death restarts it again', async () => {
    const { first, started, supervised, lines } = setUp();
    first.die('killed by SIGKILL');
    await vi.advanceTimersByTimeAsync(0);

    started[0].die('exit code 137');
    await vi.advanceTimersByTimeAsync(0);

    expect((supervised.current() as FakeInstance).id).toBe(2);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('(exit code 137)');
  });

  it('backs off between failed attempts (0, 0.5, 1, 2 s) and reports the time the restart took', async () => {
    const { first, start, lines } = setUp(3);
    first.die('killed by SIGKILL');

    await vi.advanceTimersByTimeAsync(0);
    expect(start).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(499);
    expect(start).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(start).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(start).toHaveBeenCalledTimes(3);
    expect(lines).toEqual([]);
    await vi.advanceTimersByTimeAsync(2_000);

    expect(start).toHaveBeenCalledTimes(4);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('restarted on the same port in 3.5 s');
  });

  it('gives up after the last attempt with one line saying what to do', async () => {
    const { first, start, lines } = setUp(Number.POSITIVE_INFINITY);
    first.die('killed by SIGKILL');

    await vi.advanceTimersByTimeAsync(RESTART_DELAYS_MS.reduce((sum, ms) => sum + ms, 0));

    expect(start).toHaveBeenCalledTimes(RESTART_DELAYS_MS.length);
    expect(lines).toEqual([
      `DynamoDB Local (port 8000) exited unexpectedly (killed by SIGKILL) and could not be restarted after ${RESTART_DELAYS_MS.length} attempts (Address already in use (attempt 5)). Stop the stack (Ctrl-C) and run npm start again.`,
    ]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(start).toHaveBeenCalledTimes(RESTART_DELAYS_MS.length);
  });

  it('does not restart what it was asked to stop', async () => {
    const { first, start, supervised, lines } = setUp();

    await supervised.stop();
    await vi.advanceTimersByTimeAsync(10_000);

    expect(first.stopped).toBe(true);
    expect(start).not.toHaveBeenCalled();
    expect(lines).toEqual([]);
  });

  it('a stop during the back-off ends supervision: no further attempt, nothing left running', async () => {
    const { first, start, supervised, lines } = setUp(1);
    first.die('killed by SIGKILL');
    await vi.advanceTimersByTimeAsync(0);
    expect(start).toHaveBeenCalledTimes(1);

    const stopping = supervised.stop();
    await vi.advanceTimersByTimeAsync(500);
    await stopping;

    expect(start).toHaveBeenCalledTimes(1);
    expect(lines).toEqual([]);
  });

  it('an instance that comes up while stopping is stopped at once', async () => {
    vi.useFakeTimers();
    let release!: (instance: FakeInstance) => void;
    const late = new FakeInstance(1);
    const first = new FakeInstance(0);
    const supervised = supervise(first, {
      name: 's3rver',
      port: 4569,
      where: 'data in /data/s3',
      start: () => new Promise<FakeInstance>((resolve) => (release = resolve)),
      notify: () => undefined,
      wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    });
    first.die('its listening server closed');
    await vi.advanceTimersByTimeAsync(0);

    const stopping = supervised.stop();
    release(late);
    await stopping;

    expect(late.stopped).toBe(true);
  });
});
