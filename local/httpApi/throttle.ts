// Stage throttling as API Gateway applies it: a token bucket per stage (and per route with
// RouteSettings) holding `burstLimit` tokens, refilled at `rateLimit` tokens per second.
import type { HttpApiThrottling } from './definitions.ts';

/** One token bucket. */
export interface TokenBucket {
  /** Takes a token at `nowMs`; false means the request is over the limit (429). */
  take(nowMs: number): boolean;
}

/** A bucket that starts full with `burstLimit` tokens and refills at `rateLimit` per second. */
export function createTokenBucket(limits: HttpApiThrottling): TokenBucket {
  let tokens = limits.burstLimit;
  let last: number | undefined;
  return {
    take(nowMs) {
      if (last !== undefined && nowMs > last)
        tokens = Math.min(limits.burstLimit, tokens + ((nowMs - last) / 1000) * limits.rateLimit);
      if (last === undefined || nowMs > last) last = nowMs;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}
