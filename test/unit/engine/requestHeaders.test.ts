import { describe, expect, it } from 'vitest';
import { resolverRequestHeaders } from '../../../local/appsync/engine/requestHeaders.ts';

describe('ctx.request.headers', () => {
  it('lowercases names, turns repeated headers into arrays and never exposes cookie', () => {
    expect(
      resolverRequestHeaders({
        'X-Custom': 'a',
        'x-custom': 'b',
        Cookie: 'session=1',
        Host: 'localhost',
        'x-list': ['1', '2'],
      }),
    ).toEqual({
      'x-custom': ['a', 'b'],
      host: 'localhost',
      'x-list': ['1', '2'],
    });
  });
});
