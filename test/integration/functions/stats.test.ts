// The stats use cases (functions/stats) in-process against the run's DynamoDB Local, on the tables
// the template defines, with an injected clock: the 30-minute window, bots, the owner's own views,
// deleted links, exact sums under 500 concurrent views, erasure, and a scan of both stats tables
// proving nothing identifying a visitor is stored.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { GetItemCommand, PutItemCommand, QueryCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { countClick, countView } from '../../../functions/stats/countVisits.ts';
import type { CountingDependencies } from '../../../functions/stats/countVisits.ts';
import { utcDay } from '../../../functions/stats/days.ts';
import { eraseAccountStats } from '../../../functions/stats/eraseStats.ts';
import { readStats } from '../../../functions/stats/readStats.ts';
import { allCounterPartitionKeys, dailyKeyKey, seenKey } from '../../../functions/stats/statsKeys.ts';
import { dynamoDbStatsStore } from '../../../functions/stats/statsStore.ts';
import { createDailyKeys, visitorHash } from '../../../functions/stats/visitorHash.ts';
import { localDynamoDbClient } from '../../../local/index.ts';

// The template's table names (project "prolynk"), created by the global setup's local stack.
const TABLES = {
  stats: 'prolynk-stats',
  visitors: 'prolynk-stats-visitors',
  profiles: 'prolynk-profiles',
  links: 'prolynk-links',
};
const client = localDynamoDbClient(process.env.PROLYNK_TEST_DYNAMODB_ENDPOINT as string);
const store = dynamoDbStatsStore(client, TABLES);

const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0';
const CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';
const GOOGLEBOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';
const MINUTE = 60_000;
/** Every address and User-Agent this file sends, for the privacy scan at the end. */
const sent = { addresses: new Set<string>(), agents: new Set<string>([FIREFOX, CHROME, GOOGLEBOT]) };

function address(): string {
  const ip = `198.51.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}`;
  sent.addresses.add(ip);
  return ip;
}

/** Dependencies with a clock the test moves. */
function counting(startMs: number, shards = 10) {
  const clock = { nowMs: startMs };
  const deps: CountingDependencies = {
    store,
    keys: createDailyKeys(store, () => randomBytes(32)),
    shards,
    now: () => clock.nowMs,
    random: Math.random,
  };
  return { deps, clock };
}

/** A profile with one live and one soft-deleted link, written as the API stores them. */
async function seedProfile() {
  const userId = randomUUID();
  const username = `st${randomUUID().slice(0, 8)}`;
  const live = randomUUID();
  const deleted = randomUUID();
  const put = (table: string, item: Record<string, unknown>) =>
    client.send(new PutItemCommand({ TableName: table, Item: marshall(item) }));
  await put(TABLES.profiles, { username, user_id: userId, full_name: 'Stats Test' });
  await put(TABLES.links, {
    user_id: userId,
    link_id: live,
    title: 'Site',
    url: 'https://site.example/a?b=c',
    is_deleted: false,
  });
  await put(TABLES.links, {
    user_id: userId,
    link_id: deleted,
    title: 'Old',
    url: 'https://old.example',
    is_deleted: true,
  });
  return { userId, username, live, deleted };
}

/** Every counter item of an account, across all shards. */
async function counterItems(userId: string) {
  const pages = await Promise.all(
    allCounterPartitionKeys(userId).map((pk) =>
      client.send(
        new QueryCommand({
          TableName: TABLES.stats,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': { S: pk } },
        }),
      ),
    ),
  );
  return pages.flatMap((page) => (page.Items ?? []).map((item) => unmarshall(item)));
}

/** Whether the "seen" marker a visit would write exists (it must not, for anything not counted). */
async function markerExists(nowMs: number, visitor: { address: string; userAgent: string }, scope: string) {
  const day = utcDay(nowMs);
  const key = await client.send(
    new GetItemCommand({ TableName: TABLES.visitors, Key: { pk: { S: dailyKeyKey(day) } }, ConsistentRead: true }),
  );
  const secret = key.Item?.secret?.B;
  if (!secret) return false;
  const pk = seenKey(visitorHash(secret, day, visitor, scope));
  const out = await client.send(
    new GetItemCommand({ TableName: TABLES.visitors, Key: { pk: { S: pk } }, ConsistentRead: true }),
  );
  return out.Item !== undefined;
}

const refusalOf = async (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: Error) => ({ errorType: error.name, message: error.message }),
  );

describe('counting views', () => {
  it('counts a visitor once per 30 minutes: not at 29:59, again at 30:00 (injected clock)', async () => {
    const profile = await seedProfile();
    const start = Date.UTC(2030, 0, 15, 10, 0, 0);
    const { deps, clock } = counting(start);
    const visitor = { username: profile.username, address: address(), userAgent: FIREFOX, callerSub: null };

    expect(await countView(visitor, deps)).toEqual({ skipped: null });
    clock.nowMs = start + 29 * MINUTE + 59_000;
    expect(await countView(visitor, deps)).toEqual({ skipped: 'repeat' });
    clock.nowMs = start + 30 * MINUTE;
    expect(await countView(visitor, deps)).toEqual({ skipped: null });
    clock.nowMs = start + 31 * MINUTE;
    expect(await countView(visitor, deps)).toEqual({ skipped: 'repeat' });
    // Another browser on the same address, and the same browser elsewhere, are other visitors.
    expect(await countView({ ...visitor, userAgent: CHROME }, deps)).toEqual({ skipped: null });
    expect(await countView({ ...visitor, address: address() }, deps)).toEqual({ skipped: null });

    const stats = await readStats(store, profile.userId, '2030-01-15', '2030-01-15');
    expect(stats.totalViews).toBe(4);
    expect(stats.days).toEqual([{ date: '2030-01-15', views: 4, clicks: [] }]);
  });

  it('counts neither bots nor the owner, and writes nothing for them', async () => {
    const profile = await seedProfile();
    const now = Date.UTC(2030, 0, 16, 12, 0, 0);
    const { deps } = counting(now);
    // Makes sure the day's key exists, so the markers checked below could have been written.
    await deps.keys.keyFor(utcDay(now));
    const ip = address();
    const scope = `view:${profile.userId}`;

    for (const userAgent of [GOOGLEBOT, '', 'curl/8.5.0', undefined]) {
      expect(await countView({ username: profile.username, address: ip, userAgent, callerSub: null }, deps)).toEqual({
        skipped: 'bot',
      });
    }
    expect(await markerExists(now, { address: ip, userAgent: GOOGLEBOT }, scope)).toBe(false);

    const owner = { username: profile.username, address: ip, userAgent: FIREFOX, callerSub: profile.userId };
    expect(await countView(owner, deps)).toEqual({ skipped: 'owner' });
    expect(await markerExists(now, { address: ip, userAgent: FIREFOX }, scope)).toBe(false);
    // A signed-in visitor who is not the owner counts.
    expect(await countView({ ...owner, callerSub: randomUUID() }, deps)).toEqual({ skipped: null });

    expect((await readStats(store, profile.userId, '2030-01-16', '2030-01-16')).totalViews).toBe(1);
    expect(await counterItems(profile.userId)).toHaveLength(1);
  });

  it('refuses an unknown profile (NotFound) and a malformed name (BadRequest), writing nothing', async () => {
    const { deps } = counting(Date.UTC(2030, 0, 17, 8, 0, 0));
    const visitor = { address: address(), userAgent: FIREFOX, callerSub: null };
    expect(await refusalOf(countView({ ...visitor, username: `none${randomUUID().slice(0, 8)}` }, deps))).toMatchObject(
      {
        errorType: 'NotFound',
      },
    );
    expect(await refusalOf(countView({ ...visitor, username: 'no spaces!' }, deps))).toMatchObject({
      errorType: 'BadRequest',
      message: expect.stringMatching(/^username: /),
    });
    expect(await refusalOf(countView({ ...visitor, username: 'admin' }, deps))).toMatchObject({
      errorType: 'NotFound',
    });
  });

  it('sums 500 concurrent views exactly, spread over the shards', { timeout: 180_000 }, async () => {
    const profile = await seedProfile();
    const { deps } = counting(Date.UTC(2030, 1, 1, 18, 0, 0), 10);
    const results = await Promise.all(
      Array.from({ length: 500 }, (_, i) =>
        countView(
          { username: profile.username, address: `203.0.${i >> 8}.${i & 255}`, userAgent: FIREFOX, callerSub: null },
          deps,
        ),
      ),
    );
    for (let i = 0; i < 500; i += 1) sent.addresses.add(`203.0.${i >> 8}.${i & 255}`);
    expect(results.filter((r) => r.skipped === null)).toHaveLength(500);

    const stats = await readStats(store, profile.userId, '2030-02-01', '2030-02-01');
    expect(stats.totalViews).toBe(500);
    const items = await counterItems(profile.userId);
    expect(items.reduce((sum, item) => sum + Number(item.count), 0)).toBe(500);
    // Random shard choice over 10 shards: all ten are practically certain to be hit by 500 writes.
    expect(new Set(items.map((item) => item.pk)).size).toBeGreaterThanOrEqual(8);
  });
});

describe('counting clicks', () => {
  it('redirects to the live link and counts the click once per visitor per 30 minutes', async () => {
    const profile = await seedProfile();
    const start = Date.UTC(2030, 0, 20, 9, 0, 0);
    const { deps, clock } = counting(start);
    const click = {
      username: profile.username.toUpperCase(),
      linkId: profile.live,
      address: address(),
      userAgent: FIREFOX,
    };
    expect(await countClick(click, deps)).toEqual({ url: 'https://site.example/a?b=c', skipped: null });
    expect(await countClick(click, deps)).toEqual({ url: 'https://site.example/a?b=c', skipped: 'repeat' });
    expect(await countClick({ ...click, userAgent: GOOGLEBOT }, deps)).toEqual({
      url: 'https://site.example/a?b=c',
      skipped: 'bot',
    });
    clock.nowMs = start + 30 * MINUTE;
    expect(await countClick(click, deps)).toEqual({ url: 'https://site.example/a?b=c', skipped: null });

    const stats = await readStats(store, profile.userId, '2030-01-20', '2030-01-20');
    expect(stats).toMatchObject({ totalViews: 0, totalClicks: 2 });
    expect(stats.days[0].clicks).toEqual([{ linkId: profile.live, title: 'Site', clicks: 2 }]);
  });

  it('answers NotFound for a deleted or unknown link, or an unknown profile, and counts nothing', async () => {
    const profile = await seedProfile();
    const now = Date.UTC(2030, 0, 21, 9, 0, 0);
    const { deps } = counting(now);
    await deps.keys.keyFor(utcDay(now));
    const visitor = { address: address(), userAgent: FIREFOX };
    for (const [username, linkId] of [
      [profile.username, profile.deleted],
      [profile.username, randomUUID()],
      [profile.username, ''],
      [`none${randomUUID().slice(0, 8)}`, profile.live],
      ['bad name', profile.live],
    ]) {
      expect(await refusalOf(countClick({ username, linkId, ...visitor }, deps))).toMatchObject({
        errorType: 'NotFound',
      });
    }
    expect(await markerExists(now, visitor, `click:${profile.userId}:${profile.deleted}`)).toBe(false);
    expect(await counterItems(profile.userId)).toEqual([]);
  });
});

describe('reading and erasing', () => {
  it("keeps each account's stats to itself and erases one account's counters completely", async () => {
    const [mine, theirs] = [await seedProfile(), await seedProfile()];
    const { deps } = counting(Date.UTC(2030, 2, 3, 12, 0, 0), 3);
    for (let i = 0; i < 6; i += 1) {
      const visitor = { address: address(), userAgent: FIREFOX };
      await countView({ username: mine.username, ...visitor, callerSub: null }, deps);
      await countClick({ username: mine.username, linkId: mine.live, ...visitor }, deps);
      if (i < 2) await countView({ username: theirs.username, ...visitor, callerSub: null }, deps);
    }
    expect(await readStats(store, mine.userId, '2030-03-01', '2030-03-31')).toMatchObject({
      totalViews: 6,
      totalClicks: 6,
    });
    expect(await readStats(store, theirs.userId, '2030-03-01', '2030-03-31')).toMatchObject({
      totalViews: 2,
      totalClicks: 0,
    });

    const before = (await counterItems(mine.userId)).length;
    // Views and clicks over 3 shards: at least one item per kind.
    expect(before).toBeGreaterThanOrEqual(2);
    expect(await eraseAccountStats(client, mine.userId, { table: TABLES.stats })).toBe(before);
    expect(await counterItems(mine.userId)).toEqual([]);
    expect(await readStats(store, mine.userId, '2030-03-01', '2030-03-31')).toMatchObject({
      totalViews: 0,
      totalClicks: 0,
    });
    expect(await readStats(store, theirs.userId, '2030-03-01', '2030-03-31')).toMatchObject({ totalViews: 2 });
  });

  it('refuses to erase with something that is not a user id', async () => {
    await expect(eraseAccountStats(client, '', { table: TABLES.stats })).rejects.toThrow(/Not a user id/);
    await expect(eraseAccountStats(client, 'a#0', { table: TABLES.stats })).rejects.toThrow(/Not a user id/);
  });
});

describe('privacy', () => {
  /** Every way an address or User-Agent could be kept: raw, or hashed without a key. */
  function fingerprints(): string[] {
    const raw = [...sent.addresses, ...sent.agents].filter((value) => value !== '');
    const combos = [...sent.addresses].flatMap((ip) =>
      [...sent.agents].flatMap((ua) => [ip + ua, `${ip}|${ua}`, `${ip}\n${ua}`]),
    );
    const hashes = [...raw, ...combos].flatMap((value) =>
      ['md5', 'sha1', 'sha256'].flatMap((algorithm) => {
        const digest = createHash(algorithm).update(value).digest();
        return [digest.toString('hex'), digest.toString('base64'), digest.toString('base64url')];
      }),
    );
    return [...raw, ...hashes];
  }

  async function scanAll(table: string) {
    const items: Record<string, AttributeValue>[] = [];
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await client.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start }));
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    return items;
  }

  it('stores no address, User-Agent or unkeyed hash of them in either stats table, only counters and keyed markers', async () => {
    const stats = await scanAll(TABLES.stats);
    const visitors = await scanAll(TABLES.visitors);
    expect(stats.length).toBeGreaterThan(500 / 32);
    expect(visitors.length).toBeGreaterThan(500);
    for (const item of stats) expect(Object.keys(item).sort()).toEqual(['count', 'expires_at', 'pk', 'sk']);
    for (const item of visitors) {
      const keys = Object.keys(item).sort();
      expect([
        ['expires_at', 'pk'],
        ['expires_at', 'pk', 'secret'],
      ]).toContainEqual(keys);
      expect(item.pk.S).toMatch(keys.length === 2 ? /^seen#[A-Za-z0-9_-]{43}$/ : /^key#\d{4}-\d{2}-\d{2}$/);
    }

    const stored = JSON.stringify(
      [...stats, ...visitors].map((item) => unmarshall(item)),
      (_key, value) => (value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value),
    );
    const found = fingerprints().filter((fingerprint) => stored.includes(fingerprint));
    expect(sent.addresses.size).toBeGreaterThan(500);
    expect(found).toEqual([]);
  });
});
