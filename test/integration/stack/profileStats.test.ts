// Profile stats through the running local stack, over real sockets: recordProfileView and myStats
// on AppSync (resolvers → the stats Lambda → DynamoDB Local), the HTTP API's public counting
// routes served by the same Lambda, and GET /users/me/stats through the REST shim. The counting
// rules themselves (window, shards, privacy) are covered in test/integration/functions/stats.test.ts.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { graphqlClient } from '../../support/graphqlClient.ts';
import type { GraphqlClient } from '../../support/graphqlClient.ts';
import { signUpUser } from '../../support/tokens.ts';
import type { TestUser } from '../../support/tokens.ts';

const stack = inject('localStack');
const rest = stack.restUrl as string;
const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0';
const RECORD = 'mutation V($u: String!) { recordProfileView(username: $u) }';
const MY_STATS = `query S($from: AWSDate!, $to: AWSDate!) {
  myStats(from: $from, to: $to) { totalViews totalClicks days { date views clicks { linkId title clicks } } }
}`;
// The stats Lambda counts per UTC day on its own clock: the suite reads "today" (a run across UTC
// midnight would see two days; the clock-driven rules are tested with an injected clock instead).
const today = () => new Date().toISOString().slice(0, 10);

let api: GraphqlClient;
let owner: TestUser;
let other: TestUser;
let username: string;
let linkId: string;
let deletedLinkId: string;

async function asOwner(query: string, variables: Record<string, unknown>, user = owner) {
  const response = await api.post(query, variables, { authorization: user.accessToken, 'user-agent': BROWSER });
  expect(response.status).toBe(200);
  return response.body;
}

/** recordProfileView with the API key, as a visitor at `address` would send it. */
async function view(name: string, address: string, userAgent = BROWSER) {
  const response = await api.post(
    RECORD,
    { u: name },
    {
      'x-api-key': stack.apiKey,
      'x-forwarded-for': address,
      'user-agent': userAgent,
    },
  );
  expect(response.status).toBe(200);
  return response.body;
}

async function myStats(user = owner) {
  return (await asOwner(MY_STATS, { from: today(), to: today() }, user)).data.myStats;
}

beforeAll(async () => {
  api = graphqlClient(stack.graphqlUrl);
  [owner, other] = await Promise.all([signUpUser(stack), signUpUser(stack)]);
  username = `stats-${randomUUID().slice(0, 8)}`;
  await asOwner('mutation P($i: ProfileInput!) { saveProfile(input: $i) { username } }', { i: { username } });
  const save = (title: string) =>
    asOwner('mutation L($i: LinkInput!) { saveLink(input: $i) { linkId } }', {
      i: { title, url: `https://${title.toLowerCase()}.example/` },
    });
  linkId = (await save('Portfolio')).data.saveLink.linkId;
  deletedLinkId = (await save('Gone')).data.saveLink.linkId;
  await asOwner('mutation D($id: ID!) { deleteLink(linkId: $id) { linkId } }', { id: deletedLinkId });
});

describe('recordProfileView over GraphQL', () => {
  it("counts a visitor once, not again within 30 minutes, and neither bots nor the owner's own views", async () => {
    const before = (await myStats()).totalViews;
    expect(await view(username, '192.0.2.10')).toEqual({ data: { recordProfileView: true } });
    expect(await view(username.toUpperCase(), '192.0.2.10')).toEqual({ data: { recordProfileView: false } });
    expect(await view(username, '192.0.2.11')).toEqual({ data: { recordProfileView: true } });
    expect(
      await view(username, '192.0.2.12', 'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)'),
    ).toEqual({
      data: { recordProfileView: false },
    });
    expect(await asOwner(RECORD, { u: username })).toEqual({ data: { recordProfileView: false } });
    // Another signed-in user is a visitor like any other.
    expect(await asOwner(RECORD, { u: username }, other)).toEqual({ data: { recordProfileView: true } });

    expect((await myStats()).totalViews).toBe(before + 3);
  });

  it('answers NotFound for an unknown profile and BadRequest for a malformed name', async () => {
    const unknown = await view(`nobody-${randomUUID().slice(0, 8)}`, '192.0.2.20');
    expect(unknown.data).toEqual({ recordProfileView: null });
    expect(unknown.errors[0]).toMatchObject({ errorType: 'NotFound', path: ['recordProfileView'] });
    const malformed = await view('not a name', '192.0.2.20');
    expect(malformed.errors[0]).toMatchObject({ errorType: 'BadRequest' });
  });
});

describe('myStats', () => {
  it("gives the owner today's views and clicks, and another user only their own (none)", async () => {
    const mine = await myStats();
    expect(mine.days).toHaveLength(1);
    expect(mine.days[0]).toMatchObject({ date: today(), views: mine.totalViews });
    expect(mine.totalViews).toBeGreaterThan(0);
    expect(await myStats(other)).toEqual({
      totalViews: 0,
      totalClicks: 0,
      days: [{ date: today(), views: 0, clicks: [] }],
    });
  });

  it('is refused to API key and IAM callers, and for a range over 366 days', async () => {
    const variables = { from: today(), to: today() };
    const withKey = await api.post(MY_STATS, variables, { 'x-api-key': stack.apiKey });
    expect(withKey.body.errors[0]).toMatchObject({ errorType: 'Unauthorized' });
    const withIam = await api.postSigned(MY_STATS, variables);
    expect(withIam.body.errors[0]).toMatchObject({ errorType: 'Unauthorized' });
    const tooLong = await asOwner(MY_STATS, { from: '2024-01-01', to: '2025-01-01' });
    expect(tooLong.errors[0]).toMatchObject({ errorType: 'BadRequest' });
  });

  it('exposes no counts on the public profile', async () => {
    const response = await api.post(
      `{ profile(username: "${username}") { username links { linkId title } } }`,
      {},
      {
        'x-api-key': stack.apiKey,
      },
    );
    expect(JSON.stringify(response.body)).not.toMatch(/views|clicks|count/i);
    const probe = await api.post(`{ profile(username: "${username}") { views } }`, {}, { 'x-api-key': stack.apiKey });
    expect(probe.body.errors[0].message).toMatch(/Validation error/);
  });
});

describe('the public counting routes of the HTTP API', () => {
  it('POST /profiles/{username}/views answers 204 (counted or not) and 404 for an unknown profile', async () => {
    const before = (await myStats()).totalViews;
    const post = (name: string, agent = 'Mozilla/5.0 (Macintosh) AppleWebKit/605.1.15 Version/17.0 Safari/605.1.15') =>
      fetch(`${rest}/profiles/${name}/views`, { method: 'POST', headers: { 'user-agent': agent } });
    expect((await post(username)).status).toBe(204);
    expect((await post(username)).status).toBe(204);
    expect((await post(username, 'Googlebot/2.1')).status).toBe(204);
    const missing = await post(`nobody-${randomUUID().slice(0, 8)}`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: 'Not Found' });
    expect((await myStats()).totalViews).toBe(before + 1);
  });

  it("does not count the owner's own view sent with their token", async () => {
    const before = (await myStats()).totalViews;
    const response = await fetch(`${rest}/profiles/${username}/views`, {
      method: 'POST',
      headers: {
        'user-agent': 'Mozilla/5.0 (Windows NT 10.0) Edg/126.0',
        authorization: `Bearer ${owner.accessToken}`,
      },
    });
    expect(response.status).toBe(204);
    expect((await myStats()).totalViews).toBe(before);
  });

  it('GET /l/{username}/{link_id} redirects to the live link and counts the click', async () => {
    const response = await fetch(`${rest}/l/${username}/${linkId}`, {
      redirect: 'manual',
      headers: { 'user-agent': BROWSER },
    });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('https://portfolio.example/');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const stats = await myStats();
    expect(stats.days[0].clicks).toEqual([{ linkId, title: 'Portfolio', clicks: 1 }]);
    expect(stats.totalClicks).toBe(1);
  });

  it('answers 404 for a deleted or unknown link and counts nothing', async () => {
    for (const path of [
      `/l/${username}/${deletedLinkId}`,
      `/l/${username}/${randomUUID()}`,
      `/l/nobody-x1/${linkId}`,
    ]) {
      const response = await fetch(`${rest}${path}`, { redirect: 'manual', headers: { 'user-agent': BROWSER } });
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ error: 'Not Found' });
    }
    expect((await myStats()).days[0].clicks).toEqual([{ linkId, title: 'Portfolio', clicks: 1 }]);
  });
});

describe('GET /users/me/stats', () => {
  const get = (query: string, token?: string) =>
    fetch(`${rest}/users/me/stats${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it("answers the owner's stats in the seed's snake_case", async () => {
    const response = await get(`?from=${today()}&to=${today()}`, owner.accessToken);
    expect(response.status).toBe(200);
    const body = (await response.json()) as any;
    expect(body).toEqual({
      from: today(),
      to: today(),
      total_views: expect.any(Number),
      total_clicks: 1,
      days: [{ date: today(), views: body.total_views, clicks: [{ link_id: linkId, title: 'Portfolio', clicks: 1 }] }],
    });
  });

  it('answers 401 without a token and 400 for a missing or bad range', async () => {
    expect((await get(`?from=${today()}&to=${today()}`)).status).toBe(401);
    for (const query of ['', `?from=${today()}`, '?from=2026-13-01&to=2026-12-01', '?from=2026-03-02&to=2026-03-01']) {
      const response = await get(query, owner.accessToken);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: 'Bad Request', message: expect.any(String) });
    }
  });
});
