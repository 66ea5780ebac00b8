// Where successful mutations meet subscriptions: the HTTP handler publishes each mutation's root
// results, the realtime server listens. In-process only; one hub per local stack.
import type { MutationResult } from '../engine/createAppSyncEngine.ts';

/** A publish/subscribe channel for mutation results. */
export interface SubscriptionHub {
  publish(results: readonly MutationResult[]): void;
  /** Registers a listener; returns the function that removes it. */
  subscribe(listener: (result: MutationResult) => void): () => void;
}

/** Creates an empty hub. */
export function createSubscriptionHub(): SubscriptionHub {
  const listeners = new Set<(result: MutationResult) => void>();
  return {
    publish(results) {
      // A mutation field that returned null published nothing (docs/appsync-facts.md §8.3: only results fan out).
      for (const result of results) {
        if (result.value === null || result.value === undefined) continue;
        for (const listener of listeners) listener(result);
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
