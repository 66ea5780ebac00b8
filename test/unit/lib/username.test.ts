import { describe, expect, it } from 'vitest';
import { normalizeUsername, usernameProblem } from '../../../resolvers/lib/username.ts';

describe('username rules', () => {
  it('stores names trimmed and lowercase', () => {
    expect(normalizeUsername('  Alice_01 ')).toBe('alice_01');
  });

  it.each(['abc', 'a-b_c', 'x'.repeat(30), 'user123'])('accepts %s', (name) => {
    expect(usernameProblem(name)).toBeNull();
  });

  it.each([
    ['ab', 'INVALID'],
    ['x'.repeat(31), 'INVALID'],
    ['has space', 'INVALID'],
    ['dot.name', 'INVALID'],
    ['émile', 'INVALID'],
    ['admin', 'RESERVED'],
    ['api', 'RESERVED'],
    ['www', 'RESERVED'],
    ['me', 'INVALID'],
    ['settings', 'RESERVED'],
  ])('refuses %s as %s', (name, reason) => {
    expect(usernameProblem(name)?.reason).toBe(reason);
  });
});
