// Keeps a local service running (docs/architecture.md §5 "Supervision"): when an instance ends
// without being asked to (DynamoDB Local's JVM killed or out of memory, cognito-local's or s3rver's
// listening socket closed), a new one is started on the same port over the same data folder, so
// every endpoint handed out stays valid and the data is still there. The user gets exactly one line
// per such exit: that it happened and how long the restart took, or, when the service will not come
// back, what to do. Requests in the gap fail as a service's transient errors do (503, retryable).
import { setTimeout as sleep } from 'node:timers/promises';

/** One running instance of a service, as the supervisor sees it. */
export interface ServiceInstance {
  /** Resolves, with how it ended ("killed by SIGKILL", "its socket closed"), when it ends. */
  ended: Promise<string>;
  /** Stops it and resolves once it is gone. */
  stop(): Promise<void>;
}

/** What to supervise and how. */
export interface SupervisorOptions<T extends ServiceInstance> {
  /** As the user knows it: "DynamoDB Local", "s3rver". */
  name: string;
  port: number;
  /** Where its data lives, for the log line ("data in /…"). */
  where: string;
  /** Starts a new instance on the same port and data folder. */
  start: () => Promise<T>;
  notify: (line: string) => void;
  /** The pause before each attempt; given up after the last (default RESTART_DELAYS_MS). */
  delaysMs?: readonly number[];
  /** Injected for tests: waits `ms` (default: a timer). */
  wait?: (ms: number) => Promise<unknown>;
  /** Injected for tests: a monotonic clock in ms (default: performance.now). */
  now?: () => number;
}

/** A supervised service: the instance now serving, and a stop that ends supervision too. */
export interface Supervised<T extends ServiceInstance> {
  current(): T;
  /** Stops it for good (a restart under way is waited for, then stopped). */
  stop(): Promise<void>;
}

/** Restart attempts: at once, then backing off; a service that will not stay up is given up on. */
export const RESTART_DELAYS_MS: readonly number[] = [0, 500, 1_000, 2_000, 4_000];

/** Watches `first` and starts a new instance on its port whenever the current one ends unasked. */
export function supervise<T extends ServiceInstance>(first: T, options: SupervisorOptions<T>): Supervised<T> {
  const { name, port, where, notify } = options;
  const delays = options.delaysMs ?? RESTART_DELAYS_MS;
  const wait = options.wait ?? sleep;
  const now = options.now ?? (() => performance.now());
  let current = first;
  let stopping = false;
  let restarting: Promise<void> | undefined;

  const restart = async (how: string): Promise<void> => {
    const began = now();
    let failure: unknown;
    for (const delay of delays) {
      await wait(delay);
      if (stopping) return;
      try {
        const next = await options.start();
        if (stopping) return void (await next.stop());
        current = next;
        watch(next);
        const seconds = ((now() - began) / 1000).toFixed(1);
        notify(
          `${name} (port ${port}) exited unexpectedly (${how}) and was restarted on the same port in ${seconds} s (${where}); requests in between failed with 503, which clients retry.`,
        );
        return;
      } catch (error) {
        failure = error;
      }
    }
    const reason = failure instanceof Error ? failure.message.split('\n')[0] : String(failure);
    notify(
      `${name} (port ${port}) exited unexpectedly (${how}) and could not be restarted after ${delays.length} attempts (${reason}). Stop the stack (Ctrl-C) and run npm start again.`,
    );
  };

  const watch = (instance: T): void => {
    void instance.ended.then((how) => {
      if (stopping || instance !== current) return;
      restarting = restart(how);
    });
  };
  watch(first);

  return {
    current: () => current,
    async stop() {
      stopping = true;
      await restarting;
      await current.stop();
    },
  };
}
