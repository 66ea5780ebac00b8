import { describe, expect, it } from 'vitest';
import { createDocumentCache } from '../../../local/appsync/engine/documentCache.ts';

describe('document cache', () => {
  it('computes a query text once while it stays among the most recent', () => {
    const cache = createDocumentCache<number>(2);
    let computed = 0;
    const compute = () => {
      computed += 1;
      return computed;
    };

    expect(cache.get('a', compute)).toBe(1);
    expect(cache.get('b', compute)).toBe(2);
    expect(cache.get('a', compute)).toBe(1);
    expect(cache.get('c', compute)).toBe(3);
    expect(cache.get('a', compute)).toBe(1);
    expect(cache.get('b', compute)).toBe(4);
  });
});
