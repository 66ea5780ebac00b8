// Recognising a returning visitor without keeping who they are (README "Profile stats", privacy):
// HMAC-SHA256 over (day, address, User-Agent, what was viewed) with a random key that exists for
// one UTC day only. The key is created by the first count of the day and stored with a TTL of
// about a day; once it is gone, nobody — not even us — can tell which address a marker came from.
// A long-lived secret (Secrets Manager, SSM) would let anyone holding it test guessed addresses
// against markers forever; a key derived from such a secret would too.
import { createHmac } from 'node:crypto';
import { epochSecondsAfter } from './days.ts';

/** The visitor's identifying inputs; held in memory for one request, never stored or logged. */
export interface Visitor {
  /** The client address, or null when none is known. */
  address: string | null;
  userAgent: string;
}

/** The keyed hash (base64url) recognising `visitor` for `scope` (a profile or a link) on `day`. */
export function visitorHash(key: Uint8Array, day: string, visitor: Visitor, scope: string): string {
  // JSON keeps the parts apart: no address/agent pair can collide with another by concatenation.
  const message = JSON.stringify([day, visitor.address ?? '', visitor.userAgent, scope]);
  return createHmac('sha256', key).update(message).digest('base64url');
}

/** Where the day's key lives (the visitors table), as the store implements it. */
export interface DailyKeyStore {
  /** The stored key of `day`, or null. */
  readKey(day: string): Promise<Uint8Array | null>;
  /** Stores `secret` as the key of `day` unless one exists; false when another writer won. */
  createKey(day: string, secret: Uint8Array, expiresAt: number): Promise<boolean>;
}

/** One key per UTC day, shared by every function instance through the store and cached in memory. */
export interface DailyKeys {
  keyFor(day: string): Promise<Uint8Array>;
}

/** DailyKeys over `store`; `newSecret` makes 32 random bytes (injected for tests). */
export function createDailyKeys(store: DailyKeyStore, newSecret: () => Uint8Array): DailyKeys {
  // The promise is cached, so concurrent first requests of a day share one read (and one create).
  let cached: { day: string; key: Promise<Uint8Array> } | undefined;
  const load = async (day: string): Promise<Uint8Array> => {
    const stored = await store.readKey(day);
    if (stored !== null) return stored;
    const secret = newSecret();
    // Kept one day past its own, for instances whose clocks lag; useless after that.
    if (await store.createKey(day, secret, epochSecondsAfter(day, 2))) return secret;
    const winner = await store.readKey(day);
    if (winner === null) throw new Error(`The hash key of ${day} vanished right after it was created.`);
    return winner;
  };
  return {
    keyFor(day) {
      if (cached?.day !== day) {
        const entry = { day, key: load(day) };
        // A failed load is not kept: the next request tries again.
        entry.key.catch(() => {
          if (cached === entry) cached = undefined;
        });
        cached = entry;
      }
      return cached.key;
    },
  };
}
