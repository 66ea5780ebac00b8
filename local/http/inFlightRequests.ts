// How many HTTP requests this process's servers are answering right now, across every local
// service (the API endpoint, the HTTP API, cognito-local, s3rver, the Lambda Invoke endpoint),
// counted through Node's `http.server.request.start` diagnostics channel so no server has to opt
// in. `npm start` waits on it before stopping the services: Ctrl-C lets requests in flight finish.
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ServerResponse } from 'node:http';

/** The requests in flight, and a way to wait until there are none. */
export interface InFlightRequests {
  count(): number;
  /** Resolves true once no request is in flight, or false when `maxMs` passes first. */
  settled(maxMs: number): Promise<boolean>;
  /** Stops counting. */
  close(): void;
}

const CHANNEL = 'http.server.request.start';

/** Starts counting; requests already being answered are not counted. */
export function trackInFlightRequests(): InFlightRequests {
  let inFlight = 0;
  let waiters: (() => void)[] = [];
  const onStart = (message: unknown) => {
    inFlight += 1;
    // 'close' comes for every response: finished, or its connection gone.
    (message as { response: ServerResponse }).response.once('close', () => {
      inFlight -= 1;
      if (inFlight === 0) for (const wake of waiters.splice(0)) wake();
    });
  };
  subscribe(CHANNEL, onStart);
  return {
    count: () => inFlight,
    settled(maxMs) {
      if (inFlight === 0) return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          waiters = waiters.filter((wake) => wake !== done);
          resolve(false);
        }, maxMs);
        const done = () => {
          clearTimeout(timer);
          resolve(true);
        };
        waiters.push(done);
      });
    },
    close: () => unsubscribe(CHANNEL, onStart),
  };
}
