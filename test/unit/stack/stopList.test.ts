// Stopping a partly started stack: everything that started is stopped, newest first, even when
// one start or one stop fails.
import { describe, expect, it } from 'vitest';
import { allStarted } from '../../../local/stack/allStarted.ts';
import { StopList } from '../../../local/stack/stopList.ts';

describe('StopList', () => {
  it('starts every stop, newest first, and waits for all of them', async () => {
    const stops = new StopList();
    const order: string[] = [];
    const finished: string[] = [];
    for (const name of ['dynamodb', 'cognito', 'server']) {
      stops.add(async () => {
        order.push(name);
        await Promise.resolve();
        finished.push(name);
      });
    }

    await stops.stopAll();

    expect(order).toEqual(['server', 'cognito', 'dynamodb']);
    expect(finished).toHaveLength(3);
  });

  it('runs the remaining stops when one fails, and stops nothing twice', async () => {
    const faults: unknown[] = [];
    const stops = new StopList((fault) => faults.push(fault.error));
    let stopped = 0;
    stops.add(async () => {
      stopped++;
    });
    stops.add(() => Promise.reject(new Error('already gone')));

    await stops.stopAll();
    await stops.stopAll();

    expect(stopped).toBe(1);
    expect(faults).toEqual([new Error('already gone')]);
  });
});

describe('allStarted', () => {
  it('registers the stop of every service that started before rethrowing the first failure', async () => {
    const stops = new StopList();
    const stopped: string[] = [];
    const service = (name: string) => Promise.resolve({ stop: async () => void stopped.push(name) });

    const starting = allStarted(stops, [
      service('dynamodb'),
      Promise.reject(new Error('port in use')),
      service('s3'),
    ] as const);

    await expect(starting).rejects.toThrow('port in use');
    await stops.stopAll();
    expect(stopped.sort()).toEqual(['dynamodb', 's3']);
  });

  it('resolves to every result, in order, when all started', async () => {
    const stops = new StopList();
    const results = await allStarted(stops, [
      Promise.resolve(1),
      Promise.resolve({ stop: async () => undefined }),
    ] as const);
    expect(results[0]).toBe(1);
    expect(typeof results[1].stop).toBe('function');
  });
});
