// A second local stack of our own, on its own data folder (the run's shared stack is never
// stopped): what a developer sees across `npm start` restarts and `npm start -- --fresh`.
import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_REGION, createLocalStack } from '../../../local/index.ts';
import type { LocalStack } from '../../../local/index.ts';
import { graphqlClient } from '../../support/graphqlClient.ts';
import { signIn, signUpUser } from '../../support/tokens.ts';
import { testTempDir } from '../../support/tempDirs.ts';

const CDK_OUT = resolve(import.meta.dirname, '..', '..', '..', 'cdk.out');
const PROFILE = 'query P($u: String!) { profile(username: $u) { username bio links { title } } }';
const name = `keep-${randomUUID().slice(0, 8)}`;
const email = `${name}@example.com`;
// Each restart is a few seconds alone, more while the rest of the run shares the CPU.
const RESTART_TIMEOUT_MS = 90_000;

let dataDir: string;
let stack: LocalStack | undefined;

async function start(fresh = false): Promise<LocalStack> {
  stack = await createLocalStack({ cdkOutDir: CDK_OUT, dataDir, fresh, ports: {} });
  return stack;
}

async function stop(): Promise<void> {
  await stack?.stop();
  stack = undefined;
}

async function publicProfile(running: LocalStack) {
  const res = await graphqlClient(running.outputs.graphqlUrl).post(
    PROFILE,
    { u: name },
    { 'x-api-key': running.outputs.apiKey },
  );
  expect(res.body.errors).toBeUndefined();
  return res.body.data.profile;
}

/** POST /graphql over TLS to the same port, trusting only the stack's generated certificate. */
function postOverTls(running: LocalStack, body: string): Promise<{ status: number; body: unknown }> {
  const url = new URL(running.outputs.graphqlUrl);
  return new Promise((done, fail) => {
    const req = request(
      {
        hostname: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        ca: readFileSync(running.outputs.tlsCertificate),
        headers: { 'content-type': 'application/json', 'x-api-key': running.outputs.apiKey },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          done({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }),
        );
      },
    );
    req.on('error', fail);
    req.end(body);
  });
}

beforeAll(async () => {
  dataDir = testTempDir('prolynk-persistence-');
  await start();
});

afterAll(async () => {
  await stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a local stack on its own data folder', () => {
  it('writes outputs.json with everything a client needs to configure itself', () => {
    const written = JSON.parse(readFileSync(join(dataDir, 'outputs.json'), 'utf8'));

    expect(stack!.outputsFile).toBe(join(dataDir, 'outputs.json'));
    expect(written).toEqual(stack!.outputs);
    expect(written).toMatchObject({
      graphqlUrl: expect.stringMatching(/^http:\/\/localhost:\d+\/graphql$/),
      realtimeUrl: expect.stringMatching(/^wss:\/\/localhost:\d+\/graphql\/realtime$/),
      apiKey: expect.stringMatching(/^da2-/),
      region: LOCAL_REGION,
      userPoolId: expect.any(String),
      userPoolClientId: expect.any(String),
      cognitoEndpoint: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      s3Endpoint: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      bucket: expect.stringMatching(/^prolynk-assets-/),
    });
    expect(new URL(written.realtimeUrl).port).toBe(new URL(written.graphqlUrl).port);
  });

  it('answers over HTTPS on the GraphQL port, with the generated certificate as the only trusted CA', async () => {
    const res = await postOverTls(
      stack!,
      JSON.stringify({ query: `{ usernameAvailable(username: "${name}") { available } }` }),
    );

    expect(res).toEqual({ status: 200, body: { data: { usernameAvailable: { available: true } } } });
  });

  it(
    'keeps profiles, links and users across a stop and a start on the same folder',
    async () => {
      const first = stack!;
      const user = await signUpUser(first.outputs, email);
      const api = graphqlClient(first.outputs.graphqlUrl);
      await api.post(
        'mutation S($i: ProfileInput!) { saveProfile(input: $i) { username } }',
        { i: { username: name, bio: 'survives' } },
        { authorization: user.accessToken },
      );
      await api.post(
        'mutation L($i: LinkInput!) { saveLink(input: $i) { linkId } }',
        { i: { title: 'Home', url: 'https://home.example' } },
        { authorization: user.accessToken },
      );
      expect(await publicProfile(first)).toEqual({ username: name, bio: 'survives', links: [{ title: 'Home' }] });
      const poolId = first.outputs.userPoolId;

      await stop();
      const second = await start();

      expect(await publicProfile(second)).toEqual({ username: name, bio: 'survives', links: [{ title: 'Home' }] });
      expect(second.outputs.userPoolId).toBe(poolId);
      const again = await signIn(second.outputs, email);
      const mine = await graphqlClient(second.outputs.graphqlUrl).post(
        '{ myProfile { username } }',
        {},
        { authorization: again.accessToken },
      );
      expect(again.sub).toBe(user.sub);
      expect(mine.body).toEqual({ data: { myProfile: { username: name } } });
    },
    RESTART_TIMEOUT_MS,
  );

  it(
    'fresh: true starts from empty tables and an empty user pool',
    async () => {
      await stop();
      const wiped = await start(true);

      expect(await publicProfile(wiped)).toBeNull();
      await expect(signIn(wiped.outputs, email)).rejects.toThrow();
    },
    RESTART_TIMEOUT_MS,
  );
});
