// Bench rows for profile stats (README "Profile stats"): how fast views are counted, through
// GraphQL (recordProfileView) and the HTTP API (POST /profiles/{username}/views), with every view
// from a new visitor so each one is written; and what the click redirect adds over a plain public
// REST read, measured alternately one request at a time and paced under the REST stage's 50 req/s
// throttle. Afterwards the owner's myStats must hold exactly the views and clicks sent.
import {
  ConditionalCheckFailedException,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DEFAULT_LOCAL_PASSWORD, getLocalTokens, localDynamoDbClient } from '../local/index.ts';
import type { LocalOutputs } from '../local/index.ts';
import { measureAtConcurrency, summarize } from './measure.ts';
import type { LoadOptions } from './measure.ts';
import type { SeededProfile } from './seed.ts';
import { formatBenchTable } from './table.ts';

// A real browser's User-Agent with a per-visitor version, so isbot counts it and each is new.
const browser = (n: number) => `Mozilla/5.0 (X11; Linux x86_64; rv:${n}.0) Gecko/20100101 Firefox/${n}.0`;
// The REST stage allows 50 req/s with a burst of 100: one public read every 25 ms stays under it.
const PACE_MS = 25;

async function graphql(outputs: LocalOutputs, headers: Record<string, string>, query: string, variables = {}) {
  const res = await fetch(outputs.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: Record<string, unknown>; errors?: unknown };
  if (res.status !== 200 || body.errors)
    throw new Error(`unexpected answer: HTTP ${res.status} ${JSON.stringify(body)}`);
  return body.data ?? {};
}

/** Sequential, paced, taking turns: `count` measured pairs after `warmup`; latencies in ms. */
async function alternate(tasks: (() => Promise<void>)[], count: number, warmup: number) {
  const samples = tasks.map((): number[] => []);
  const started = performance.now();
  for (let i = 0; i < warmup + count; i += 1) {
    for (const [index, task] of tasks.entries()) {
      const at = performance.now();
      await task();
      const took = performance.now() - at;
      if (i >= warmup) samples[index].push(took);
      if (took < PACE_MS) await new Promise((resolve) => setTimeout(resolve, PACE_MS - took));
    }
  }
  const elapsedMs = performance.now() - started;
  return samples.map((latencies) => summarize(latencies, elapsedMs));
}

/** The requests the stats rows send, counting what was sent; every view and click comes from a new visitor. */
function statsRequests(outputs: LocalOutputs, seeded: SeededProfile, linkId: string, restUrl: string) {
  const sent = { views: 0, clicks: 0 };
  let visitor = 0;
  const nextVisitor = () => (visitor += 1);

  const countViewGraphql = async () => {
    visitor += 1;
    const n = visitor;
    const headers = {
      'x-api-key': outputs.apiKey,
      'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
      'user-agent': browser(100),
    };
    const data = await graphql(outputs, headers, 'mutation V($u: String!) { recordProfileView(username: $u) }', {
      u: seeded.username,
    });
    if (data.recordProfileView !== true) throw new Error(`view ${n} was not counted`);
    sent.views += 1;
  };
  const countViewRest = async () => {
    visitor += 1;
    const res = await fetch(`${restUrl}/profiles/${seeded.username}/views`, {
      method: 'POST',
      headers: { 'user-agent': browser(visitor) },
    });
    if (res.status !== 204) throw new Error(`POST views answered ${res.status}: ${await res.text()}`);
    sent.views += 1;
  };
  const redirect = async () => {
    visitor += 1;
    const res = await fetch(`${restUrl}/l/${seeded.username}/${linkId}`, {
      redirect: 'manual',
      headers: { 'user-agent': browser(visitor) },
    });
    await res.arrayBuffer();
    if (res.status !== 302) throw new Error(`the redirect answered ${res.status}`);
    sent.clicks += 1;
  };
  const publicRead = async () => {
    const res = await fetch(`${restUrl}/profiles/${seeded.username}`);
    const body = (await res.json()) as { links?: unknown[] };
    if (res.status !== 200 || body.links?.length !== seeded.linkCount)
      throw new Error(`public read answered ${res.status}`);
  };

  return { sent, nextVisitor, countViewGraphql, countViewRest, redirect, publicRead };
}

/** Runs the stats rows against the running stack and returns the printed tables. */
export async function benchProfileStats(
  outputs: LocalOutputs,
  seeded: SeededProfile,
  load: LoadOptions,
): Promise<string> {
  const restUrl = outputs.restUrl;
  if (!restUrl) return 'profile stats: the stack serves no REST API, rows skipped';
  const tokens = await getLocalTokens({
    cognitoEndpoint: outputs.cognitoEndpoint,
    userPoolId: outputs.userPoolId,
    clientId: outputs.userPoolClientId,
    region: outputs.region,
    email: `${seeded.username}@example.com`,
    password: DEFAULT_LOCAL_PASSWORD,
  });
  const owner = { authorization: tokens.accessToken };
  const profile = await graphql(outputs, owner, '{ myProfile { links { linkId } } }');
  const linkId = (profile.myProfile as { links: { linkId: string }[] }).links[0].linkId;
  const { sent, nextVisitor, countViewGraphql, countViewRest, redirect, publicRead } = statsRequests(
    outputs,
    seeded,
    linkId,
    restUrl,
  );

  const counting = { ...load, count: Math.min(load.count, 1000), warmup: Math.min(load.warmup, 100) };
  const viaGraphql = await measureAtConcurrency(countViewGraphql, counting);
  const viaRest = await measureAtConcurrency(countViewRest, counting);
  const pairs = Math.min(300, load.count);
  const dynamo = localDynamoDbClient(outputs.dynamoDbEndpoint);
  const [redirects, reads, direct] = await alternate(
    [redirect, publicRead, redirectCallsDirect(dynamo, seeded, linkId, nextVisitor)],
    pairs,
    20,
  );
  dynamo.destroy();

  const today = new Date().toISOString().slice(0, 10);
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const answer = await graphql(
    outputs,
    owner,
    'query S($f: AWSDate!, $t: AWSDate!) { myStats(from: $f, to: $t) { totalViews totalClicks } }',
    { f: yesterday, t: today },
  );
  const myStats = answer.myStats as { totalViews: number; totalClicks: number };
  const exact = myStats.totalViews === sent.views && myStats.totalClicks === sent.clicks;

  return [
    `Counting views, every one from a new visitor (${counting.concurrency} in flight):`,
    formatBenchTable(
      { label: '(c) recordProfileView over GraphQL (API key)', result: viaGraphql },
      { label: '(d) POST /profiles/{username}/views (HTTP API)', result: viaRest },
    ),
    `myStats afterwards: ${myStats.totalViews} views, ${myStats.totalClicks} clicks; sent ${sent.views} and ${sent.clicks}: ${exact ? 'exact' : 'MISMATCH'}`,
    '',
    `The click redirect against a public REST read, alternating, one at a time, ${pairs} each (target: p50 ratio ≤ 1.5):`,
    formatBenchTable(
      { label: '(e) GET /l/{username}/{link_id} → 302, click counted', result: redirects },
      { label: '(f) GET /profiles/{username} (REST shim → AppSync)', result: reads },
    ),
    formatBenchTable(
      { label: '(e) the redirect, as above', result: redirects },
      { label: "(g) the redirect's 4 DynamoDB calls via the SDK", result: direct },
    ),
  ].join('\n');
}

/**
 * The redirect's own DynamoDB requests, in its order, sent directly: the profile and link reads,
 * the conditional marker put and the counter ADD (on a bench-only account, so myStats stays exact).
 */
function redirectCallsDirect(
  client: DynamoDBClient,
  seeded: SeededProfile,
  linkId: string,
  nextVisitor: () => number,
): () => Promise<void> {
  return async () => {
    const profile = await client.send(
      new GetItemCommand({ TableName: 'prolynk-profiles', Key: { username: { S: seeded.username } } }),
    );
    const userId = profile.Item?.user_id?.S;
    if (!userId) throw new Error('the seeded profile is missing');
    const link = await client.send(
      new GetItemCommand({ TableName: 'prolynk-links', Key: { user_id: { S: userId }, link_id: { S: linkId } } }),
    );
    if (!link.Item) throw new Error('the seeded link is missing');
    const now = Math.floor(Date.now() / 1000);
    try {
      await client.send(
        new PutItemCommand({
          TableName: 'prolynk-stats-visitors',
          Item: { pk: { S: `seen#bench-direct-${nextVisitor()}-${now}` }, expires_at: { N: String(now + 1800) } },
          ConditionExpression: 'attribute_not_exists(pk) OR expires_at <= :now',
          ExpressionAttributeValues: { ':now': { N: String(now) } },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    await client.send(
      new UpdateItemCommand({
        TableName: 'prolynk-stats',
        Key: { pk: { S: 'user#bench-direct#0' }, sk: { S: 'day#2000-01-01#views' } },
        UpdateExpression: 'SET expires_at = :e ADD #count :one',
        ExpressionAttributeNames: { '#count': 'count' },
        ExpressionAttributeValues: { ':one': { N: '1' }, ':e': { N: String(now + 3600) } },
      }),
    );
  };
}
