// The API key operations of AppSync's control plane on the shared local stack, through the
// unmodified AWS SDK, and the daily renewal the stack schedules (renew-api-key) running against
// them as it runs on AWS: the key's expiry moves, and the key keeps answering GraphQL.
import { resolve } from 'node:path';
import {
  AppSyncClient,
  ApiKeyValidityOutOfBoundsException,
  ListApiKeysCommand,
  NotFoundException,
  UpdateApiKeyCommand,
} from '@aws-sdk/client-appsync';
import { describe, expect, inject, it } from 'vitest';
import { renewedExpiry } from '../../../functions/renew-api-key/expiry.ts';
import { LOCAL_ACCOUNT_ID, loadCloudAssembly, loadSchedules, scheduledEvent } from '../../../local/index.ts';
import { graphqlClient } from '../../support/graphqlClient.ts';

const stack = inject('localStack');
const DAY = 86_400;
const appsync = new AppSyncClient({
  endpoint: new URL(stack.graphqlUrl).origin,
  region: stack.region,
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});

async function expiryOfTheKey(): Promise<number | undefined> {
  const { apiKeys } = await appsync.send(new ListApiKeysCommand({ apiId: stack.apiId }));
  return apiKeys?.find((key) => key.id === stack.apiKey)?.expires;
}

async function keyStillAnswers(): Promise<unknown> {
  const answer = await graphqlClient(stack.graphqlUrl).post('{ __typename }', {}, { 'x-api-key': stack.apiKey });
  return answer.body;
}

describe('the API key operations of the control plane', () => {
  it('lists the key clients send, with its expiry and deletion time', async () => {
    const { apiKeys } = await appsync.send(new ListApiKeysCommand({ apiId: stack.apiId }));
    const key = apiKeys?.find((candidate) => candidate.id === stack.apiKey);

    expect(key?.expires).toBeGreaterThan(Date.now() / 1000 + 300 * DAY);
    expect(key?.deletes).toBe((key?.expires ?? 0) + 60 * DAY);
  });

  it('refuses an expiry beyond 365 days, an unknown key, another API, an unsigned call and a body over 1 MiB, changing nothing', async () => {
    const before = await expiryOfTheKey();
    const now = Math.floor(Date.now() / 1000);

    await expect(
      appsync.send(new UpdateApiKeyCommand({ apiId: stack.apiId, id: stack.apiKey, expires: now + 400 * DAY })),
    ).rejects.toBeInstanceOf(ApiKeyValidityOutOfBoundsException);
    await expect(
      appsync.send(new UpdateApiKeyCommand({ apiId: stack.apiId, id: 'da2-unknown', expires: now + 2 * DAY })),
    ).rejects.toBeInstanceOf(NotFoundException);
    await expect(
      appsync.send(new UpdateApiKeyCommand({ apiId: 'another', id: stack.apiKey, expires: now + 2 * DAY })),
    ).rejects.toThrow('GraphQL API another not found.');
    const unsigned = await fetch(`${new URL(stack.graphqlUrl).origin}/v1/apis/${stack.apiId}/apikeys/${stack.apiKey}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ expires: now + 2 * DAY }),
    });
    expect(unsigned.status).toBe(403);
    expect(unsigned.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
    const oversized = await fetch(
      `${new URL(stack.graphqlUrl).origin}/v1/apis/${stack.apiId}/apikeys/${stack.apiKey}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ expires: now + 2 * DAY, description: 'x'.repeat(2 * 1024 * 1024) }),
      },
    );
    expect(oversized.status).toBe(413);
    expect(oversized.headers.get('x-amzn-errortype')).toBe('PayloadTooLargeException');

    expect(await expiryOfTheKey()).toBe(before);
  });

  it('answers a browser preflight, and names the operations it serves for any other method', async () => {
    const keyUrl = `${new URL(stack.graphqlUrl).origin}/v1/apis/${stack.apiId}/apikeys/${stack.apiKey}`;

    const preflight = await fetch(keyUrl, { method: 'OPTIONS' });
    const deletion = await fetch(keyUrl, { method: 'DELETE' });

    expect(preflight.status).toBe(200);
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET, POST, OPTIONS');
    expect(deletion.status).toBe(404);
    expect(deletion.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
    expect(((await deletion.json()) as { message: string }).message).toMatch(
      /POST \/v1\/apis\/\{apiId\}\/apikeys\/\{id\}/,
    );
    expect(await expiryOfTheKey()).toBeGreaterThan(Date.now() / 1000 + DAY);
  });

  it("moves the key's expiry when the scheduled renewal runs, and the key keeps working", async () => {
    const now = Math.floor(Date.now() / 1000);
    // Two days left, as if the renewal had stopped for most of a year.
    await appsync.send(new UpdateApiKeyCommand({ apiId: stack.apiId, id: stack.apiKey, expires: now + 2 * DAY }));
    expect(await expiryOfTheKey()).toBeLessThanOrEqual(now + 2 * DAY);

    const { template } = loadCloudAssembly(resolve(import.meta.dirname, '..', '..', '..', 'cdk.out'));
    const renewal = loadSchedules(template).schedules.find((schedule) => schedule.ruleId.startsWith('ApiKeyRenewal'));
    if (!renewal) throw new Error('the template schedules no API key renewal');
    const at = new Date();
    const invoked = await fetch(
      `${stack.lambdaEndpoint}/2015-03-31/functions/${encodeURIComponent(renewal.functionLogicalId)}/invocations`,
      { method: 'POST', body: JSON.stringify(scheduledEvent(renewal, at, stack.region, LOCAL_ACCOUNT_ID)) },
    );

    expect(invoked.headers.get('x-amz-function-error')).toBeNull();
    expect(await invoked.json()).toMatchObject({ keys: [{ id: stack.apiKey, renewed: true }] });
    expect(await expiryOfTheKey()).toBeGreaterThanOrEqual(renewedExpiry(at, 365));
    expect(await keyStillAnswers()).toEqual({ data: { __typename: 'Query' } });
  });
});
