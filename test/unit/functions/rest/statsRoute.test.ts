import { describe, expect, it } from 'vitest';
import type { GraphqlRequest, GraphqlResponse } from '../../../../functions/lib/appsyncClient.ts';
import type { Logger } from '../../../../functions/lib/logger.ts';
import { createRestApp } from '../../../../functions/rest/app.ts';

const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {} };

function restApp(answer: (request: GraphqlRequest) => GraphqlResponse) {
  const calls: GraphqlRequest[] = [];
  const app = createRestApp({
    graphql: async (request) => {
      calls.push(request);
      return answer(request);
    },
    logger: quiet,
  });
  const get = async (path: string, authorization?: string) => {
    const response = await app.request(path, { headers: authorization ? { authorization } : {} });
    return { status: response.status, body: (await response.json()) as any };
  };
  return { get, calls };
}

const STATS = {
  totalViews: 7,
  totalClicks: 3,
  days: [
    {
      date: '2026-03-01',
      views: 7,
      clicks: [
        { linkId: 'l1', title: 'Blog', clicks: 2 },
        { linkId: 'l9', title: null, clicks: 1 },
      ],
    },
    { date: '2026-03-02', views: 0, clicks: [] },
  ],
};

describe('GET /users/me/stats', () => {
  it("asks myStats with the caller's token and answers in the seed's snake_case", async () => {
    const { get, calls } = restApp(() => ({ status: 200, data: { myStats: STATS } }));
    const response = await get('/users/me/stats?from=2026-03-01&to=2026-03-02', 'Bearer tok');
    expect(calls).toHaveLength(1);
    expect(calls[0].variables).toEqual({ from: '2026-03-01', to: '2026-03-02' });
    expect(calls[0].auth).toEqual({ mode: 'token', authorization: 'Bearer tok' });
    expect(calls[0].query).toMatch(/myStats\(from: \$from, to: \$to\)/);
    expect(response).toEqual({
      status: 200,
      body: {
        from: '2026-03-01',
        to: '2026-03-02',
        total_views: 7,
        total_clicks: 3,
        days: [
          {
            date: '2026-03-01',
            views: 7,
            clicks: [
              { link_id: 'l1', title: 'Blog', clicks: 2 },
              { link_id: 'l9', title: null, clicks: 1 },
            ],
          },
          { date: '2026-03-02', views: 0, clicks: [] },
        ],
      },
    });
  });

  it('answers 400 without from or to, and 401 without a token, asking AppSync nothing', async () => {
    const { get, calls } = restApp(() => ({ status: 200, data: { myStats: STATS } }));
    expect(await get('/users/me/stats?from=2026-03-01', 'Bearer tok')).toEqual({
      status: 400,
      body: { error: 'Bad Request', message: 'Missing to parameter (YYYY-MM-DD)' },
    });
    expect((await get('/users/me/stats', 'Bearer tok')).body.message).toBe(
      'Missing from and to parameter (YYYY-MM-DD)',
    );
    expect((await get('/users/me/stats?from=2026-03-01&to=2026-03-01')).status).toBe(401);
    expect(calls).toEqual([]);
  });

  it("passes myStats' BadRequest on as a 400", async () => {
    const { get } = restApp(() => ({
      status: 200,
      data: { myStats: null },
      errors: [{ message: 'to: must not be before from (2026-03-02).', errorType: 'BadRequest' }],
    }));
    expect(await get('/users/me/stats?from=2026-03-02&to=2026-03-01', 'Bearer tok')).toEqual({
      status: 400,
      body: { error: 'Bad Request', message: 'to: must not be before from (2026-03-02).' },
    });
  });
});
