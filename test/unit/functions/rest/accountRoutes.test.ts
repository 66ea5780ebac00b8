// DELETE /users/me and GET /users/me/export through the Hono app, AppSync answered by a stand-in
// that records what the shim asked (the real chain is in test/contract/accountEndpoints.test.ts).
import { describe, expect, it } from 'vitest';
import { createRestApp } from '../../../../functions/rest/app.ts';
import type { GraphqlRequest, GraphqlResponse } from '../../../../functions/lib/appsyncClient.ts';

const TOKEN = 'Bearer header.payload.sig';

function restApp(answer: (request: GraphqlRequest) => GraphqlResponse) {
  const calls: GraphqlRequest[] = [];
  const app = createRestApp({
    graphql: async (request) => {
      calls.push(request);
      return answer(request);
    },
    logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
  });
  const call = async (method: string, path: string, options: { body?: string; auth?: string } = {}) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (options.auth) headers.authorization = options.auth;
    const response = await app.request(path, { method, headers, body: options.body }, {});
    return { status: response.status, body: (await response.json()) as any };
  };
  return { call, calls };
}

const refused = (errorType: string, message: string): GraphqlResponse => ({
  status: 200,
  data: { deleteAccount: null, exportAccount: null },
  errors: [{ message, errorType, path: ['x'] }],
});

describe('DELETE /users/me', () => {
  it('sends the typed confirmation to deleteAccount with the caller token and answers 202', async () => {
    const { call, calls } = restApp(() => ({
      status: 200,
      data: { deleteAccount: { status: 'PENDING', requestedAt: '2030-01-01T00:00:00.000Z' } },
    }));

    const response = await call('DELETE', '/users/me', { body: '{"username":" Ada "}', auth: TOKEN });

    expect(response).toEqual({ status: 202, body: { message: 'Account deletion started' } });
    expect(calls).toHaveLength(1);
    expect(calls[0].variables).toEqual({ input: { username: ' Ada ' } });
    expect(calls[0].auth).toEqual({ mode: 'token', authorization: TOKEN });
  });

  it('answers 400 without calling AppSync when the body has no username', async () => {
    const { call, calls } = restApp(() => ({ status: 200, data: {} }));

    for (const body of [undefined, '{}', '{"username":"  "}', 'not json', '[]']) {
      const response = await call('DELETE', '/users/me', { body, auth: TOKEN });
      expect(response.status).toBe(400);
      expect(response.body.error).toBe('Bad Request');
    }
    expect(calls).toEqual([]);
  });

  it("maps a wrong confirmation to 400 and a deleted account's token to 401", async () => {
    const wrong = restApp(() => refused('BadRequest', 'input.username: does not match your username'));
    expect(await wrong.call('DELETE', '/users/me', { body: '{"username":"x"}', auth: TOKEN })).toEqual({
      status: 400,
      body: { error: 'Bad Request', message: 'username: does not match your username' },
    });
    const gone = restApp(() => refused('Unauthorized', 'This account has been deleted.'));
    expect((await gone.call('DELETE', '/users/me', { body: '{"username":"x"}', auth: TOKEN })).status).toBe(401);
  });

  it('answers 401 without a token', async () => {
    const { call, calls } = restApp(() => ({ status: 200, data: {} }));
    expect((await call('DELETE', '/users/me', { body: '{"username":"x"}' })).status).toBe(401);
    expect(calls).toEqual([]);
  });
});

describe('GET /users/me/export', () => {
  it('answers the download link and its expiry in the seed style', async () => {
    const { call, calls } = restApp(() => ({
      status: 200,
      data: { exportAccount: { url: 'https://s3.example/x.json?sig', expiresAt: '2030-01-01T00:15:00.000Z' } },
    }));

    expect(await call('GET', '/users/me/export', { auth: TOKEN })).toEqual({
      status: 200,
      body: { url: 'https://s3.example/x.json?sig', expires_at: '2030-01-01T00:15:00.000Z' },
    });
    expect(calls[0].query).toContain('exportAccount');
  });

  it('maps the once-a-minute refusal to 409 with its message', async () => {
    const { call } = restApp(() =>
      refused('Conflict', 'You can export your account once a minute; try again after X.'),
    );
    expect(await call('GET', '/users/me/export', { auth: TOKEN })).toEqual({
      status: 409,
      body: { error: 'Conflict', message: 'You can export your account once a minute; try again after X.' },
    });
  });
});
