// Single-use, expiring values keyed by a random handle: authorization codes (Cognito's live five
// minutes) and the state of a sign-in waiting for its external identity provider. The clock is
// injected so expiry is testable without waiting.
import { randomBytes } from 'node:crypto';

/** Issues handles for values and takes each back at most once, before it expires. */
export interface OneTimeStore<T> {
  issue(value: T): string;
  /** The value, removed; undefined when unknown, already taken or expired. */
  take(handle: string): T | undefined;
}

/** A store whose entries expire `ttlMs` after being issued. */
export function oneTimeStore<T>(ttlMs: number, now: () => number = Date.now): OneTimeStore<T> {
  const entries = new Map<string, { value: T; expiresAt: number }>();
  return {
    issue(value) {
      const at = now();
      for (const [handle, entry] of entries) if (entry.expiresAt <= at) entries.delete(handle);
      const handle = randomBytes(24).toString('base64url');
      entries.set(handle, { value, expiresAt: at + ttlMs });
      return handle;
    },
    take(handle) {
      const entry = entries.get(handle);
      entries.delete(handle);
      return entry !== undefined && entry.expiresAt > now() ? entry.value : undefined;
    },
  };
}
