// How `npm start` stops: requests in flight first (within the bound), then the services; a copy of
// the same Ctrl-C relayed by tsx is not a second Ctrl-C; a real second one stops at once; a stop
// asked for during start-up happens once the stack is up, without draining.
import { describe, expect, it } from 'vitest';
import { createShutdown } from '../../../local/cli/shutdown.ts';
import type { ShutdownDeps } from '../../../local/cli/shutdown.ts';

function harness(inFlight = 0) {
  const events: string[] = [];
  let release: (settled: boolean) => void = () => {};
  let clock = 0;
  const deps: ShutdownDeps = {
    inFlight: {
      count: () => inFlight,
      settled: (maxMs) => {
        events.push(`drain ${maxMs}`);
        return new Promise((resolve) => (release = resolve));
      },
    },
    drainMs: 5_000,
    say: () => {},
    exit: (code) => events.push(`exit ${code}`),
    now: () => clock,
  };
  const stack = {
    stop: async () => {
      events.push('stop');
    },
  };
  return {
    shutdown: createShutdown(deps),
    stack,
    events,
    settle: (settled = true) => release(settled),
    advance: (ms: number) => (clock += ms),
  };
}

describe('the CLI’s shutdown', () => {
  it('lets the requests in flight finish before it stops the services, then exits 0', async () => {
    const { shutdown, stack, events, settle } = harness(2);
    await shutdown.started(stack);

    const stopping = shutdown.request('SIGINT');
    await Promise.resolve();
    expect(events).toEqual(['drain 5000']);
    settle();
    await stopping;

    expect(events).toEqual(['drain 5000', 'stop', 'exit 0']);
  });

  it('stops at once when nothing is in flight', async () => {
    const { shutdown, stack, events } = harness(0);
    await shutdown.started(stack);

    await shutdown.request('SIGTERM');

    expect(events).toEqual(['stop', 'exit 0']);
  });

  it('takes a repeat within half a second for the same Ctrl-C, and a later one as "stop now"', async () => {
    const { shutdown, stack, events, advance } = harness(1);
    await shutdown.started(stack);

    void shutdown.request('SIGINT');
    advance(10);
    await shutdown.request('SIGINT');
    expect(events).toEqual(['drain 5000']);

    advance(1_000);
    await shutdown.request('SIGINT');
    expect(events).toEqual(['drain 5000', 'exit 1']);
  });

  it('stops without draining once a stack asked to stop during start-up is up', async () => {
    const { shutdown, stack, events } = harness(3);

    await shutdown.request('SIGTERM');
    expect(events).toEqual([]);
    await shutdown.started(stack);

    expect(events).toEqual(['stop', 'exit 0']);
  });
});
