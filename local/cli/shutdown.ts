// How `npm start` stops (docs/architecture.md §5 "Signals"): on SIGINT (Ctrl-C), SIGTERM, SIGHUP or
// the end of a process that launched it (launcherChain.ts), it lets the requests in flight finish,
// for at most `drainMs`, then stops every service; a second signal stops at once. (A terminal's
// Ctrl-C reaches npm, tsx and the stack together, and tsx passes its copy on: a repeat within
// REPEAT_MS is that same Ctrl-C.) A stop asked for while the stack is still starting waits for the
// start, then stops without draining.

/** What stopping needs; the CLI passes the real ones, tests their own. */
export interface ShutdownDeps {
  /** Requests in flight: how many, and waiting until none (false when maxMs passed first). */
  inFlight: { count(): number; settled(maxMs: number): Promise<boolean> };
  drainMs: number;
  say(line: string): void;
  exit(code: number): void;
  /** The clock that tells a second Ctrl-C from a relayed copy of the first (default Date.now). */
  now?: () => number;
}

const REPEAT_MS = 500;

/** The stack's stop, once it has started. */
export interface Stoppable {
  stop(): Promise<void>;
}

/** Stops the stack once, however many times it is asked. */
export interface Shutdown {
  /** Asks for a stop, saying why; a second request while stopping exits at once. */
  request(reason: string): Promise<void>;
  /** The stack has started: a stop asked for meanwhile happens now. */
  started(stack: Stoppable): Promise<void>;
}

/** The CLI's shutdown sequence. */
export function createShutdown(deps: ShutdownDeps): Shutdown {
  let stack: Stoppable | undefined;
  let requestedAt: number | undefined;
  let stopping = false;
  const now = deps.now ?? Date.now;

  const stop = async (drain: boolean) => {
    if (!stack) return;
    stopping = true;
    const inFlight = deps.inFlight.count();
    if (drain && inFlight > 0) {
      deps.say(`waiting up to ${deps.drainMs / 1000} s for ${inFlight} request(s) in flight…`);
      if (!(await deps.inFlight.settled(deps.drainMs))) deps.say('requests still in flight; stopping anyway');
    }
    await stack.stop();
    deps.exit(0);
  };

  return {
    async request(reason) {
      if (requestedAt !== undefined) {
        if (stopping && now() - requestedAt >= REPEAT_MS) {
          deps.say('stopping now');
          deps.exit(1);
        }
        return;
      }
      requestedAt = now();
      deps.say(`\nstopping (${reason})…`);
      await stop(true);
    },
    async started(running) {
      stack = running;
      if (requestedAt !== undefined && !stopping) await stop(false);
    },
  };
}
