// Pushes every API key of the API `validityDays` ahead. Knows nothing of Lambda or the SDK: the
// handler passes the AppSync key operations (appsyncKeys.ts) and the clock.
import { daysLeft, renewedExpiry } from './expiry.ts';

/** One API key as AppSync lists it: its id and expiry (epoch seconds). */
export interface ApiKeyState {
  id: string;
  expires: number;
}

/** The AppSync operations the renewal needs. */
export interface ApiKeyOperations {
  list(apiId: string): Promise<ApiKeyState[]>;
  /** Sets the key's expiry; resolves to the expiry AppSync stored. */
  update(apiId: string, id: string, expires: number): Promise<number>;
}

/** What a renewal did. */
export interface RenewalOutcome {
  keys: (ApiKeyState & { renewed: boolean; error?: string })[];
  /** The soonest expiry after the renewal (epoch seconds); undefined when the API has no key. */
  earliestExpiry?: number;
  /** Days until earliestExpiry: the ApiKeyDaysLeft metric. */
  daysLeft?: number;
}

/** Renews each key of `apiId`; a key that fails keeps its old expiry and is reported, the others are still renewed. */
export async function renewApiKeys(
  operations: ApiKeyOperations,
  apiId: string,
  now: Date,
  validityDays: number,
): Promise<RenewalOutcome> {
  const target = renewedExpiry(now, validityDays);
  const keys: RenewalOutcome['keys'] = [];
  for (const key of await operations.list(apiId)) {
    try {
      keys.push({ id: key.id, expires: await operations.update(apiId, key.id, target), renewed: true });
    } catch (error) {
      keys.push({ ...key, renewed: false, error: error instanceof Error ? error.message : String(error) });
    }
  }
  if (keys.length === 0) return { keys };
  const earliestExpiry = Math.min(...keys.map((key) => key.expires));
  return { keys, earliestExpiry, daysLeft: daysLeft(earliestExpiry, now) };
}
