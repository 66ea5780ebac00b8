import { describe, expect, it } from 'vitest';
import { createAppSyncClient } from '../../../../functions/lib/appsyncClient.ts';
import { authenticateIamRequest } from '../../../../local/index.ts';

const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret-example', sessionToken: 'session-example' };

/** A client against a fake endpoint that records what was sent and answers `reply`. */
function clientWithFakeFetch(reply: { status: number; body: string } = { status: 200, body: '{"data":{"ok":true}}' }) {
  const sent: { url: string; headers: Record<string, string>; body: string }[] = [];
  const fakeFetch = (async (url: URL, init: RequestInit) => {
    sent.push({ url: String(url), headers: init.headers as Record<string, string>, body: init.body as string });
    return new Response(reply.body, { status: reply.status });
  }) as typeof fetch;
  const client = createAppSyncClient({
    url: 'http://127.0.0.1:4000/graphql',
    region: 'eu-west-1',
    credentials: () => CREDENTIALS,
    fetch: fakeFetch,
  });
  return { client, sent };
}

describe('the AppSync client', () => {
  it("forwards the caller's token without the Bearer scheme AppSync refuses, and no SigV4 headers", async () => {
    const { client, sent } = clientWithFakeFetch();
    await client({ query: '{ me { userId } }', auth: { mode: 'token', authorization: 'Bearer abc.def.ghi' } });
    expect(sent[0].headers).toEqual({ 'content-type': 'application/json', authorization: 'abc.def.ghi' });
    await client({ query: '{ me { userId } }', auth: { mode: 'token', authorization: 'abc.def.ghi' } });
    expect(sent[1].headers.authorization).toBe('abc.def.ghi');
  });

  it("signs IAM requests with SigV4 for appsync in the function's region, with the session token", async () => {
    const { client, sent } = clientWithFakeFetch();
    await client({
      query: 'query Q($username: String!) { profile(username: $username) { username } }',
      variables: { username: 'ada' },
      auth: { mode: 'iam' },
    });
    const { headers, body } = sent[0];
    expect(JSON.parse(body)).toEqual({
      query: 'query Q($username: String!) { profile(username: $username) { username } }',
      variables: { username: 'ada' },
    });
    expect(headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/appsync\/aws4_request, SignedHeaders=[^,]*host[^,]*, Signature=[0-9a-f]{64}$/,
    );
    expect(headers['x-amz-security-token']).toBe('session-example');
    expect(headers).not.toHaveProperty('host');
  });

  it('produces a signature an AppSync-style SigV4 verifier accepts', async () => {
    const { client, sent } = clientWithFakeFetch();
    await client({ query: '{ usernameAvailable(username: "ada") { available } }', auth: { mode: 'iam' } });
    const { headers, body } = sent[0];
    const result = await authenticateIamRequest(
      { method: 'POST', path: '/graphql', headers: { ...headers, host: '127.0.0.1:4000' }, body },
      { credentials: CREDENTIALS, region: 'eu-west-1', sourceIp: ['127.0.0.1'], nowMs: Date.now() },
    );
    expect(result.ok).toBe(true);
  });

  it("returns AppSync's status and body, errors included", async () => {
    const { client } = clientWithFakeFetch({
      status: 401,
      body: '{"errors":[{"errorType":"UnauthorizedException","message":"Token has expired."}]}',
    });
    expect(await client({ query: '{ me { userId } }', auth: { mode: 'token', authorization: 't' } })).toEqual({
      status: 401,
      data: undefined,
      errors: [{ errorType: 'UnauthorizedException', message: 'Token has expired.' }],
    });
  });

  it('rejects an answer that is not JSON (a gateway error page)', async () => {
    const { client } = clientWithFakeFetch({ status: 502, body: '<html>Bad Gateway</html>' });
    await expect(client({ query: '{ me { userId } }', auth: { mode: 'iam' } })).rejects.toThrow(/HTTP 502/);
  });
});
