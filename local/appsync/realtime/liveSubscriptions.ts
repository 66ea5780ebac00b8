// The realtime server's registry: live subscriptions by subscription field, for fan-out.
import type { LiveSubscription, SubscriptionRegistry } from './realtimeConnection.ts';

/** Live subscriptions, grouped by the subscription field they listen on. */
export class LiveSubscriptions implements SubscriptionRegistry {
  private readonly byField = new Map<string, Set<LiveSubscription>>();

  add(live: LiveSubscription): void {
    const set = this.byField.get(live.subscription.fieldName) ?? new Set<LiveSubscription>();
    set.add(live);
    this.byField.set(live.subscription.fieldName, set);
  }

  remove(live: LiveSubscription): void {
    this.byField.get(live.subscription.fieldName)?.delete(live);
  }

  /** The subscriptions on `fieldName` now (a copy: delivering may end some). */
  on(fieldName: string): LiveSubscription[] {
    return [...(this.byField.get(fieldName) ?? [])];
  }
}
