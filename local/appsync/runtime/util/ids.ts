// util.autoId / autoUlid / autoKsuid (docs/appsync-facts.md §1.1).
import { randomBytes } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
// KSUID timestamps count seconds from 2014-05-13T16:53:20Z, per the KSUID specification.
const KSUID_EPOCH_SECONDS = 1_400_000_000;

export interface IdSources {
  now: () => number;
  /** Returns n random bytes. */
  bytes: (n: number) => Uint8Array;
}

/** Random bytes from node:crypto, or from a supplied [0,1) generator so tests can be deterministic. */
export function byteSource(random?: () => number): (n: number) => Uint8Array {
  if (!random) return (n) => randomBytes(n);
  return (n) => Uint8Array.from({ length: n }, () => Math.floor(random() * 256) & 0xff);
}

/** A random (version 4) UUID string. */
function uuidV4(bytes: (n: number) => Uint8Array): string {
  const b = bytes(16);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A ULID: 10 Crockford base32 chars of millisecond time then 16 of randomness, so it sorts by time. */
function ulid(nowMs: number, bytes: (n: number) => Uint8Array): string {
  let time = '';
  let t = Math.floor(nowMs);
  for (let i = 0; i < 10; i += 1) {
    time = CROCKFORD[t % 32] + time;
    t = Math.floor(t / 32);
  }
  let value = 0n;
  for (const byte of bytes(10)) value = (value << 8n) | BigInt(byte);
  let rand = '';
  for (let i = 0; i < 16; i += 1) {
    rand = CROCKFORD[Number(value & 31n)] + rand;
    value >>= 5n;
  }
  return time + rand;
}

/** A KSUID: 4 bytes of seconds since the KSUID epoch and 16 random bytes, base62, always 27 chars. */
function ksuid(nowMs: number, bytes: (n: number) => Uint8Array): string {
  let value = BigInt(Math.max(0, Math.floor(nowMs / 1000) - KSUID_EPOCH_SECONDS) >>> 0);
  for (const byte of bytes(16)) value = (value << 8n) | BigInt(byte);
  let out = '';
  while (value > 0n) {
    out = BASE62[Number(value % 62n)] + out;
    value /= 62n;
  }
  return out.padStart(27, '0');
}

/** Creates util.autoId, util.autoUlid and util.autoKsuid. */
export function createIdHelpers(sources: IdSources) {
  return {
    autoId: (): string => uuidV4(sources.bytes),
    autoUlid: (): string => ulid(sources.now(), sources.bytes),
    autoKsuid: (): string => ksuid(sources.now(), sources.bytes),
  };
}
