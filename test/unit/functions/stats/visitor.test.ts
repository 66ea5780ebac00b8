import { describe, expect, it } from 'vitest';
import { unverifiedSub } from '../../../../functions/stats/unverifiedSub.ts';
import { visitorAddress } from '../../../../functions/stats/visitorAddress.ts';
import { isCountableAgent } from '../../../../functions/stats/visitorAgent.ts';
import { createDailyKeys, visitorHash } from '../../../../functions/stats/visitorHash.ts';

const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0';
const SAFARI_IOS =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';

describe('who is counted', () => {
  it('counts browsers and not crawlers, tools, headless browsers or requests without a User-Agent', () => {
    expect(isCountableAgent(FIREFOX)).toBe(true);
    expect(isCountableAgent(SAFARI_IOS)).toBe(true);
    for (const bot of [
      'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
      'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0 Safari/537.36',
      'curl/8.5.0',
      'python-requests/2.31.0',
      '',
      '   ',
      null,
      undefined,
    ]) {
      expect(isCountableAgent(bot)).toBe(false);
    }
  });
});

describe('visitor address from AppSync', () => {
  it('takes the TCP peer (last sourceIp entry), which a client cannot write', () => {
    expect(visitorAddress({ sourceIp: ['6.6.6.6', '203.0.113.9'], forwardedFor: '6.6.6.6' })).toBe('203.0.113.9');
  });

  it('without an identity (API key), takes the last x-forwarded-for entry, in one header or repeated', () => {
    expect(visitorAddress({ sourceIp: null, forwardedFor: 'spoofed, 198.51.100.7' })).toBe('198.51.100.7');
    expect(visitorAddress({ forwardedFor: ['1.1.1.1', '2.2.2.2, 198.51.100.8'] })).toBe('198.51.100.8');
  });

  it('is null when AppSync gave none', () => {
    expect(visitorAddress({})).toBeNull();
    expect(visitorAddress({ sourceIp: [], forwardedFor: ' , ' })).toBeNull();
  });
});

describe('the keyed visitor hash', () => {
  const key = new Uint8Array(32).fill(7);
  const visitor = { address: '203.0.113.9', userAgent: FIREFOX };

  it('is stable for one visitor, profile and day, and differs when any of them changes', () => {
    const base = visitorHash(key, '2026-03-01', visitor, 'view:u1');
    expect(visitorHash(key, '2026-03-01', { ...visitor }, 'view:u1')).toBe(base);
    expect(base).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const variants = [
      visitorHash(key, '2026-03-02', visitor, 'view:u1'),
      visitorHash(key, '2026-03-01', { ...visitor, address: '203.0.113.10' }, 'view:u1'),
      visitorHash(key, '2026-03-01', { ...visitor, userAgent: SAFARI_IOS }, 'view:u1'),
      visitorHash(key, '2026-03-01', visitor, 'view:u2'),
      visitorHash(new Uint8Array(32).fill(8), '2026-03-01', visitor, 'view:u1'),
    ];
    expect(new Set([base, ...variants]).size).toBe(6);
  });

  it('does not contain the address or the User-Agent', () => {
    const hash = visitorHash(key, '2026-03-01', visitor, 'view:u1');
    expect(hash).not.toContain('203');
    expect(hash).not.toContain('Firefox');
  });
});

describe('daily keys', () => {
  function memoryStore() {
    const keys = new Map<string, Uint8Array>();
    const calls = { reads: 0, creates: 0 };
    return {
      keys,
      calls,
      async readKey(day: string) {
        calls.reads += 1;
        return keys.get(day) ?? null;
      },
      async createKey(day: string, secret: Uint8Array) {
        calls.creates += 1;
        if (keys.has(day)) return false;
        keys.set(day, secret);
        return true;
      },
    };
  }

  it('creates one random key per day, shares it between instances and caches it', async () => {
    const store = memoryStore();
    let n = 0;
    const newSecret = () => new Uint8Array(32).fill((n += 1));
    const first = createDailyKeys(store, newSecret);
    const second = createDailyKeys(store, newSecret);
    const key = await first.keyFor('2026-03-01');
    expect(await second.keyFor('2026-03-01')).toEqual(key);
    const reads = store.calls.reads;
    expect(await first.keyFor('2026-03-01')).toBe(key);
    expect(store.calls.reads).toBe(reads);
    expect(await first.keyFor('2026-03-02')).not.toEqual(key);
  });

  it('uses the winner’s key when two instances create the day’s key at once', async () => {
    const store = memoryStore();
    const winner = new Uint8Array(32).fill(1);
    // Another instance creates the key between our read and our create.
    const racing = {
      ...store,
      async readKey(day: string) {
        const found = await store.readKey(day);
        if (found === null && !store.keys.has(day)) store.keys.set(day, winner);
        return found;
      },
    };
    const keys = createDailyKeys(racing, () => new Uint8Array(32).fill(2));
    expect(await keys.keyFor('2026-03-01')).toEqual(winner);
  });
});

describe('the owner check on the public REST route', () => {
  it('reads the sub of a bearer token without verifying it, and nothing from junk', () => {
    const token = (claims: object) => `h.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.s`;
    expect(unverifiedSub(`Bearer ${token({ sub: 'owner-1' })}`)).toBe('owner-1');
    expect(unverifiedSub(token({ sub: 'owner-2' }))).toBe('owner-2');
    expect(unverifiedSub(token({ sub: '' }))).toBeNull();
    expect(unverifiedSub('Bearer not-a-jwt')).toBeNull();
    expect(unverifiedSub('Bearer a.%%%.c')).toBeNull();
    expect(unverifiedSub(undefined)).toBeNull();
  });
});
