import { describe, expect, it } from 'vitest';
import { optionalEnvironment, readEnvironment } from '../../../../functions/lib/environment.ts';

describe('readEnvironment', () => {
  it("returns the function's required variables by name", () => {
    expect(readEnvironment('post-confirmation', { USERS_TABLE: 'u', PROFILES_TABLE: 'p', OTHER: 'x' })).toEqual({
      USERS_TABLE: 'u',
      PROFILES_TABLE: 'p',
    });
  });

  it('names every missing or empty variable in one error', () => {
    expect(() => readEnvironment('publish', { AWS_REGION: 'eu-west-1', USERS_TABLE: '' })).toThrow(
      'functions/publish: environment variables GRAPHQL_URL, USERS_TABLE, PROFILES_TABLE, LINKS_TABLE not set.',
    );
    expect(() => readEnvironment('pre-signup', {})).toThrow(
      'functions/pre-signup: environment variable PROFILES_TABLE not set.',
    );
  });

  it('treats an empty optional variable as unset', () => {
    expect(optionalEnvironment('S3_ENDPOINT', { S3_ENDPOINT: '' })).toBeUndefined();
    expect(optionalEnvironment('S3_ENDPOINT', { S3_ENDPOINT: 'http://127.0.0.1:4003' })).toBe('http://127.0.0.1:4003');
  });
});
