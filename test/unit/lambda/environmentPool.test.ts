// The runner's parts: finding a function by any of its names, and the pool scaling environments as
// Lambda does: a warm one reused with its module state, another one for an overlapping invocation
// up to the local limit (then waiting for a free one), throttling beyond the concurrency limit,
// idle environments retiring, and an environment whose init failed dropped.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { findFunction } from '../../../local/lambda/createLambdaRunner.ts';
import { EnvironmentPool } from '../../../local/lambda/environmentPool.ts';
import { TooManyRequestsError } from '../../../local/lambda/lambdaErrors.ts';
import { fixtureFunction } from './functionDefinition.ts';

describe('findFunction', () => {
  const functions = [fixtureFunction('Alpha', 'echo'), fixtureFunction('Beta', 'echo')];

  it('finds by physical name, logical ID, ARN, qualified ARN and partial ARN', () => {
    for (const nameOrArn of [
      'prolynk-beta',
      'Beta',
      'arn:aws:lambda:us-east-1:000000000000:function:prolynk-beta',
      'arn:aws:lambda:us-east-1:000000000000:function:prolynk-beta:$LATEST',
      '000000000000:function:prolynk-beta',
    ]) {
      expect(findFunction(functions, nameOrArn)?.logicalId).toBe('Beta');
    }
  });

  it('finds nothing for another name', () => {
    expect(findFunction(functions, 'arn:aws:lambda:us-east-1:000000000000:function:prolynk-gamma')).toBeUndefined();
  });
});

const event = (value: object) => JSON.stringify(value);
const invocationsOf = (result: { payload?: unknown }) => (result.payload as { invocations: number }).invocations;

describe('EnvironmentPool', () => {
  let pool: EnvironmentPool | undefined;
  afterEach(async () => {
    vi.useRealTimers();
    await pool?.closeAll();
    pool = undefined;
  });

  it('reuses a warm environment: init once, module state kept between invocations', async () => {
    pool = new EnvironmentPool({ logs: 'ignore' });
    const fn = fixtureFunction('Echo', 'echo');

    const first = await pool.invoke(fn, event({}));
    const second = await pool.invoke(fn, event({}));

    expect(first.initDurationMs).toBeGreaterThan(0);
    expect(second.initDurationMs).toBeUndefined();
    expect([invocationsOf(first), invocationsOf(second)]).toEqual([1, 2]);
    expect(pool.size(fn)).toBe(1);
  });

  it('starts environments for overlapping invocations up to the local limit; the rest wait for a warm one', async () => {
    pool = new EnvironmentPool({ logs: 'ignore' }, { environmentsPerFunction: 2 });
    const fn = fixtureFunction('Echo', 'echo');

    const results = await Promise.all(Array.from({ length: 6 }, () => pool!.invoke(fn, event({ sleepMs: 30 }))));

    expect(pool.size(fn)).toBe(2);
    expect(results.every((result) => result.error === undefined)).toBe(true);
    // Two cold starts; every other invocation ran in one of the two warm environments (which one
    // took more depends on the machine's timing): each count n > 1 follows an n - 1 in the same one.
    expect(results.filter((result) => result.initDurationMs !== undefined)).toHaveLength(2);
    const counts = results.map(invocationsOf);
    const times = (n: number) => counts.filter((count) => count === n).length;
    expect(times(1)).toBe(2);
    for (const n of counts) if (n > 1) expect(times(n)).toBeLessThanOrEqual(times(n - 1));
  });

  it('throttles an invocation beyond the reserved concurrency with TooManyRequestsException, and serves again once one ends', async () => {
    pool = new EnvironmentPool({ logs: 'ignore' });
    const fn = fixtureFunction('Reserved', 'echo', { reservedConcurrency: 1 });

    const running = pool.invoke(fn, event({ sleepMs: 50 }));
    const throttled = await pool.invoke(fn, event({})).catch((error: unknown) => error);

    expect(throttled).toBeInstanceOf(TooManyRequestsError);
    expect(throttled).toMatchObject({
      name: 'TooManyRequestsException',
      statusCode: 429,
      reason: 'ReservedFunctionConcurrentInvocationLimitExceeded',
    });
    expect((await running).error).toBeUndefined();
    expect((await pool.invoke(fn, event({}))).error).toBeUndefined();
  });

  it('throttles every invocation of a function with reserved concurrency 0, and starts no environment', async () => {
    pool = new EnvironmentPool({ logs: 'ignore' });
    const fn = fixtureFunction('Disabled', 'echo', { reservedConcurrency: 0 });

    await expect(pool.invoke(fn, event({}))).rejects.toBeInstanceOf(TooManyRequestsError);
    expect(pool.size(fn)).toBe(0);
  });

  it('counts waiting invocations against the unreserved concurrency: beyond it, ConcurrentInvocationLimitExceeded', async () => {
    pool = new EnvironmentPool({ logs: 'ignore' }, { environmentsPerFunction: 1, unreservedConcurrency: 2 });
    const fn = fixtureFunction('Unreserved', 'echo');

    const running = pool.invoke(fn, event({ sleepMs: 50 }));
    const waiting = pool.invoke(fn, event({}));
    const throttled = await pool.invoke(fn, event({})).catch((error: unknown) => error);

    expect(throttled).toMatchObject({ reason: 'ConcurrentInvocationLimitExceeded' });
    expect(invocationsOf(await running)).toBe(1);
    expect(invocationsOf(await waiting)).toBe(2);
  });

  it('retires an environment idle for idleMs: the next invocation is a cold start', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    pool = new EnvironmentPool({ logs: 'ignore' }, { idleMs: 60_000 });
    const fn = fixtureFunction('Idle', 'echo');

    await pool.invoke(fn, event({}));
    vi.advanceTimersByTime(59_999);
    expect(pool.size(fn)).toBe(1);
    vi.advanceTimersByTime(1);
    expect(pool.size(fn)).toBe(0);

    const next = await pool.invoke(fn, event({}));
    expect(next.initDurationMs).toBeGreaterThan(0);
    expect(invocationsOf(next)).toBe(1);
  });

  it('drops an environment whose handler module failed to load, so the next invocation starts fresh', async () => {
    pool = new EnvironmentPool({ logs: 'ignore' });
    const fn = fixtureFunction('Broken', 'no-export');

    const result = await pool.invoke(fn, event({}));

    expect(result.error?.errorType).toBe('Runtime.HandlerNotFound');
    expect(pool.size(fn)).toBe(0);
    const retried = pool.invoke(fn, event({}));
    expect(pool.size(fn)).toBe(1);
    expect((await retried).error?.errorType).toBe('Runtime.HandlerNotFound');
    expect(pool.size(fn)).toBe(0);
  });

  it('replaces an environment that timed out for the invocation waiting on it', async () => {
    pool = new EnvironmentPool({ logs: 'ignore' }, { environmentsPerFunction: 1 });
    const fn = fixtureFunction('Slow', 'echo', { timeoutSeconds: 1 });

    const [timedOut, next] = await Promise.all([
      pool.invoke(fn, event({ sleepMs: 5_000 })),
      pool.invoke(fn, event({})),
    ]);

    expect(timedOut.error?.errorType).toBe('Sandbox.Timedout');
    expect(next.error).toBeUndefined();
    expect(invocationsOf(next)).toBe(1);
  });
});
