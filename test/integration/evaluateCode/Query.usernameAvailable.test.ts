// A resolver unit test through EvaluateCode: the deployed bundle of Query.usernameAvailable
// (bundled by the same recipe `cdk synth` uses) evaluated by AppSync's EvaluateCode API.
//
// It runs against the local stack by default (the run's stack, or APPSYNC_ENDPOINT, e.g.
// http://localhost:4000 under `npm start`). With EVALUATE_CODE_TARGET=aws it sends the same calls
// to AWS instead — no endpoint, the default credential chain and region — so the local runtime's
// answers can be checked against the real one:
//   EVALUATE_CODE_TARGET=aws AWS_REGION=us-east-1 npx vitest run test/integration/evaluateCode/Query.usernameAvailable.test.ts
import { resolve } from 'node:path';
import { AppSyncClient, EvaluateCodeCommand } from '@aws-sdk/client-appsync';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { bundleResolverCode } from '../../../cdk/resolvers/bundleResolverCode.ts';

const onAws = process.env.EVALUATE_CODE_TARGET === 'aws';
const client = onAws
  ? new AppSyncClient({})
  : new AppSyncClient({
      endpoint: process.env.APPSYNC_ENDPOINT ?? new URL(inject('localStack').consoleUrl).origin,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
const code = bundleResolverCode(resolve(import.meta.dirname, '../../../resolvers/Query.usernameAvailable.ts'));

afterAll(() => client.destroy());

async function evaluate(fn: 'request' | 'response', context: Record<string, unknown>) {
  const out = await client.send(
    new EvaluateCodeCommand({
      runtime: { name: 'APPSYNC_JS', runtimeVersion: '1.0.0' },
      code,
      context: JSON.stringify(context),
      function: fn,
    }),
  );
  return {
    result: out.evaluationResult === undefined ? undefined : JSON.parse(out.evaluationResult),
    stash: out.stash === undefined ? undefined : JSON.parse(out.stash),
    error: out.error,
  };
}

describe('Query.usernameAvailable, evaluated by EvaluateCode', () => {
  it('looks a valid name up by its normalised form, strongly consistent', async () => {
    const out = await evaluate('request', { arguments: { username: '  Ada_Lovelace ' } });
    expect(out.error).toBeUndefined();
    expect(out.result).toEqual({
      operation: 'GetItem',
      key: { username: { S: 'ada_lovelace' } },
      consistentRead: true,
    });
    expect(out.stash).toEqual({ username: 'ada_lovelace' });
  });

  it('answers a reserved name without a data source call (runtime.earlyReturn)', async () => {
    const out = await evaluate('request', { arguments: { username: 'admin' } });
    expect(out.result).toEqual({
      username: 'admin',
      available: false,
      reason: 'RESERVED',
      message: expect.any(String),
    });
  });

  it('reports a name held by a profile as TAKEN', async () => {
    const out = await evaluate('response', { stash: { username: 'ada' }, result: { username: 'ada', user_id: 'u1' } });
    expect(out.result).toEqual({ username: 'ada', available: false, reason: 'TAKEN', message: '"ada" is taken.' });
  });

  it('reports a name no profile holds as available', async () => {
    const out = await evaluate('response', { stash: { username: 'ada' }, result: null });
    expect(out.result).toEqual({ username: 'ada', available: true, reason: null, message: null });
  });

  it('passes a DynamoDB failure on as the field error', async () => {
    const out = await evaluate('response', {
      stash: { username: 'ada' },
      result: null,
      error: { message: 'Throughput exceeded', type: 'DynamoDB:ProvisionedThroughputExceededException' },
    });
    expect(out.error?.message).toBe('Throughput exceeded');
    expect(out.result).toBeUndefined();
  });
});
