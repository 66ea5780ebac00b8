// The stand-in for semver in the Lambda bundles (functions/lib/xraySemver.ts): the one comparison
// the X-Ray SDK makes with it.
import { describe, expect, it } from 'vitest';
import { gte } from '../../../../functions/lib/xraySemver.ts';

describe('gte', () => {
  it('compares major, minor and patch numerically', () => {
    expect(gte('2.3.0', '2.3.0')).toBe(true);
    expect(gte('2.10.0', '2.9.9')).toBe(true);
    expect(gte('2.2.99', '2.3.0')).toBe(false);
    expect(gte('3.0.0', '2.999.0')).toBe(true);
    expect(gte('1.0', '1.0.1')).toBe(false);
    expect(gte('2.3.0-beta.1', '2.3.0')).toBe(true);
  });
});
