import { describe, expect, it } from 'vitest';
import { authenticateApiKey } from '../../../local/appsync/auth/apiKey.ts';

const NOW = Date.UTC(2025, 0, 1);
const keys = [
  { value: 'da2-valid', expires: NOW / 1000 + 86400 },
  { value: 'da2-expired', expires: NOW / 1000 - 1 },
];
// AppSync's answer to an invalid or expired key (docs/appsync-facts.md §5).
const rejected = {
  ok: false,
  status: 401,
  body: { errors: [{ errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.' }] },
  headers: { 'x-amzn-ErrorType': 'UnauthorizedException' },
};

describe('API key authentication', () => {
  it('accepts a known, unexpired key with no identity', () => {
    expect(authenticateApiKey('da2-valid', keys, NOW)).toEqual({ ok: true, authMode: 'API_KEY', identity: null });
  });

  it('rejects an expired key with 401 UnauthorizedException', () => {
    expect(authenticateApiKey('da2-expired', keys, NOW)).toEqual(rejected);
  });

  it('rejects an unknown key exactly like an expired one', () => {
    expect(authenticateApiKey('da2-unknown', keys, NOW)).toEqual(rejected);
  });

  it('treats a key as expired from its expiry second on', () => {
    expect(authenticateApiKey('da2-valid', keys, NOW + 86400 * 1000).ok).toBe(false);
  });
});
