import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLambdaRunner, FunctionNotFoundError } from '../../../local/lambda/createLambdaRunner.ts';
import type { LambdaRunner } from '../../../local/lambda/createLambdaRunner.ts';
import { fixtureFunction } from './functionDefinition.ts';

describe('local Lambda runner', () => {
  let runner: LambdaRunner;

  beforeAll(() => {
    process.env.PROLYNK_PARENT_ONLY = 'leaked';
    runner = createLambdaRunner(
      [
        fixtureFunction('Alpha', 'echo', { environment: { MARK: 'alpha' } }),
        fixtureFunction('Beta', 'echo', { environment: { MARK: 'beta' }, region: 'eu-west-1' }),
        fixtureFunction('Slow', 'echo', { timeoutSeconds: 1 }),
        fixtureFunction('NoExport', 'no-export'),
        fixtureFunction('Missing', 'does-not-exist'),
        fixtureFunction('Overridden', 'echo', { environment: { MARK: 'from-template' } }),
      ],
      { envOverrides: { OVERRIDE: 'yes' }, logs: 'ignore' },
    );
  });
  afterAll(async () => {
    delete process.env.PROLYNK_PARENT_ONLY;
    await runner.close();
  });

  it('gives each function its own environment: template variables, Lambda runtime variables, nothing from the host', async () => {
    const [alpha, beta] = await Promise.all([runner.invoke('Alpha', {}), runner.invoke('Beta', {})]);

    expect(alpha.payload).toMatchObject({
      mark: 'alpha',
      region: 'us-east-1',
      parentOnly: null,
      override: 'yes',
      functionName: 'prolynk-alpha',
    });
    expect(beta.payload).toMatchObject({
      mark: 'beta',
      region: 'eu-west-1',
      parentOnly: null,
      functionName: 'prolynk-beta',
    });
    expect(process.env.MARK).toBeUndefined();
  });

  it('imports the bundle once per environment: the first invocation is a cold start, the next reuses the module', async () => {
    const first = await runner.invoke('Overridden', {});
    const second = await runner.invoke('Overridden', {});

    expect(first.initDurationMs).toBeGreaterThan(0);
    expect(second.initDurationMs).toBeUndefined();
    expect([
      (first.payload as { invocations: number }).invocations,
      (second.payload as { invocations: number }).invocations,
    ]).toEqual([1, 2]);
    expect((first.payload as { loadedAt: number }).loadedAt).toBe((second.payload as { loadedAt: number }).loadedAt);
  });

  it('returns the handler result as JSON: Dates become strings, undefined becomes null', async () => {
    const result = await runner.invoke('Alpha', { nested: { list: [1, 'two'] } });
    const empty = await runner.invoke('Alpha', { returnUndefined: true });

    expect(result.payload).toMatchObject({ when: '1970-01-01T00:00:00.000Z', event: { nested: { list: [1, 'two'] } } });
    expect(empty).toEqual({ payload: null });
  });

  it("reports a thrown error as Lambda does: errorType is the error's name", async () => {
    const result = await runner.invoke('Alpha', {
      throw: { name: 'BadRequest', message: 'input.contentType is not allowed' },
    });

    expect(result.payload).toBeUndefined();
    expect(result.error).toMatchObject({ errorType: 'BadRequest', errorMessage: 'input.contentType is not allowed' });
  });

  it('reports a missing handler export and a missing module with the runtime error types', async () => {
    const noExport = await runner.invoke('NoExport', {});
    const missing = await runner.invoke('Missing', {});

    expect(noExport.error).toMatchObject({
      errorType: 'Runtime.HandlerNotFound',
      errorMessage: 'index.handler is undefined or not exported',
    });
    expect(missing.error).toMatchObject({ errorType: 'Runtime.ImportModuleError' });
  });

  it('ends an invocation that outlives the timeout with Sandbox.Timedout, then serves the next one from a fresh environment', async () => {
    const timedOut = await runner.invoke('Slow', { sleepMs: 5_000 });
    const next = await runner.invoke('Slow', {});

    expect(timedOut.error).toEqual({
      errorType: 'Sandbox.Timedout',
      errorMessage: 'Task timed out after 1.00 seconds',
    });
    expect(next.initDurationMs).toBeGreaterThan(0);
    expect((next.payload as { remainingMs: number }).remainingMs).toBeLessThanOrEqual(1_000);
  });

  it('serves concurrent invocations from separate environments, each handling one at a time', async () => {
    const results = await Promise.all([1, 2, 3].map(() => runner.invoke('Beta', { sleepMs: 200 })));

    const loadedAt = new Set(results.map((result) => (result.payload as { loadedAt: number }).loadedAt));
    expect(results.every((result) => result.error === undefined)).toBe(true);
    expect(results.filter((result) => result.initDurationMs !== undefined).length).toBeGreaterThanOrEqual(2);
    expect(loadedAt.size).toBeGreaterThanOrEqual(2);
  });

  it('finds a function by name, logical ID, ARN and qualified ARN, and refuses an unknown one', async () => {
    expect(runner.find('prolynk-alpha')?.logicalId).toBe('Alpha');
    expect(runner.find('arn:aws:lambda:us-east-1:000000000000:function:prolynk-alpha:$LATEST')?.logicalId).toBe(
      'Alpha',
    );
    expect(runner.find('000000000000:function:Beta')?.logicalId).toBe('Beta');
    await expect(runner.invoke('Nope', {})).rejects.toBeInstanceOf(FunctionNotFoundError);
  });

  it('refuses an event over 6 MB before any environment runs it, as Lambda refuses the Invoke', async () => {
    const before = runner.environments('Alpha');
    const refused = await runner
      .invoke('Alpha', { blob: 'x'.repeat(6 * 1024 * 1024) })
      .catch((error: unknown) => error);

    expect(refused).toMatchObject({ name: 'RequestEntityTooLargeException', statusCode: 413 });
    expect(runner.environments('Alpha')).toBe(before);
  });

  it('replaces an environment whose process crashed outside the handler', async () => {
    const crashed = await runner.invoke('Alpha', { crash: true, sleepMs: 500 });
    const after = await runner.invoke('Alpha', {});

    expect(crashed.error).toMatchObject({ errorType: 'Error', errorMessage: 'crashed outside the handler' });
    expect(after.error).toBeUndefined();
    expect(after.initDurationMs).toBeGreaterThan(0);
    expect((after.payload as { mark: string }).mark).toBe('alpha');
  });
});
