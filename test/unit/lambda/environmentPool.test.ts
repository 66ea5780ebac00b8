// The runner's parts: finding a function by any of its names, and the pool reusing an idle
// environment, starting another for a concurrent invocation, and dropping one that ended.
import { afterEach, describe, expect, it } from 'vitest';
import { findFunction } from '../../../local/lambda/createLambdaRunner.ts';
import { EnvironmentPool } from '../../../local/lambda/environmentPool.ts';
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

describe('EnvironmentPool', () => {
  let pool: EnvironmentPool | undefined;
  afterEach(async () => {
    await pool?.closeAll();
    pool = undefined;
  });

  it('reuses an idle environment and starts another for an invocation that overlaps a busy one', async () => {
    pool = new EnvironmentPool({ logs: 'ignore' });
    const fn = fixtureFunction('Echo', 'echo');

    const first = pool.acquire(fn);
    await first.invoke({});
    expect(pool.acquire(fn)).toBe(first);

    const busy = first.invoke({ sleepMs: 50 });
    const second = pool.acquire(fn);
    expect(second).not.toBe(first);
    expect(pool.size(fn)).toBe(2);
    await Promise.all([busy, second.invoke({})]);
  });

  it('drops an environment whose handler module failed to load, so the next invocation starts fresh', async () => {
    pool = new EnvironmentPool({ logs: 'ignore' });
    const fn = fixtureFunction('Broken', 'no-export');

    const broken = pool.acquire(fn);
    const result = await broken.invoke({});

    expect(result.error?.errorType).toBe('Runtime.HandlerNotFound');
    expect(pool.size(fn)).toBe(0);
    expect(pool.acquire(fn)).not.toBe(broken);
  });
});
