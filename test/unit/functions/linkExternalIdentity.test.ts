import { describe, expect, it } from 'vitest';
import { linkToNativeAccount, providerOfUserName } from '../../../functions/pre-signup/linkExternalIdentity.ts';
import type { DirectoryUser, UserDirectory } from '../../../functions/pre-signup/linkExternalIdentity.ts';

// cognito-local has no AdminLinkProviderForUser (nor federated sign-in), so the decision is tested
// against an in-memory directory recording the calls Cognito would receive.
function directoryOf(users: DirectoryUser[]) {
  const calls: {
    listed: string[];
    linked: { pool: string; native: string; provider: { name: string; userId: string } }[];
  } = { listed: [], linked: [] };
  const directory: UserDirectory = {
    async usersWithEmail(_pool, email) {
      calls.listed.push(email);
      return users.filter((user) => user.attributes.email === email);
    },
    async linkProviderUser(pool, native, provider) {
      calls.linked.push({ pool, native, provider });
    },
  };
  return { directory, calls };
}

const native = (overrides: Partial<DirectoryUser> = {}): DirectoryUser => ({
  username: '1f2e3d4c-native',
  status: 'CONFIRMED',
  attributes: { email: 'ada@example.com', email_verified: 'true' },
  ...overrides,
});

describe('linking a federated sign-up to a native account', () => {
  it('links a Google sign-in to the confirmed native user with the same verified email', async () => {
    const { directory, calls } = directoryOf([native()]);

    const linked = await linkToNativeAccount(directory, {
      userPoolId: 'pool',
      userName: 'google_1098765',
      email: 'ada@example.com',
    });

    expect(linked).toBe('1f2e3d4c-native');
    expect(calls.linked).toEqual([
      { pool: 'pool', native: '1f2e3d4c-native', provider: { name: 'Google', userId: '1098765' } },
    ]);
  });

  it('does not link to a native account whose email was never verified (account takeover)', async () => {
    const { directory, calls } = directoryOf([
      native({ status: 'UNCONFIRMED', attributes: { email: 'ada@example.com', email_verified: 'false' } }),
    ]);

    const linked = await linkToNativeAccount(directory, {
      userPoolId: 'pool',
      userName: 'google_1098765',
      email: 'ada@example.com',
    });

    expect(linked).toBeNull();
    expect(calls.linked).toEqual([]);
  });

  it('does not link to another federated user with the same email', async () => {
    const { directory, calls } = directoryOf([native({ username: 'linkedin_abc', status: 'EXTERNAL_PROVIDER' })]);

    expect(
      await linkToNativeAccount(directory, { userPoolId: 'pool', userName: 'google_1', email: 'ada@example.com' }),
    ).toBeNull();
    expect(calls.linked).toEqual([]);
  });

  it('lets a sign-up without an email, or with one a ListUsers filter cannot hold, through without asking Cognito', async () => {
    const { directory, calls } = directoryOf([native()]);

    await linkToNativeAccount(directory, { userPoolId: 'pool', userName: 'google_1', email: undefined });
    await linkToNativeAccount(directory, { userPoolId: 'pool', userName: 'google_1', email: 'a"b@example.com' });

    expect(calls.listed).toEqual([]);
  });

  it('names providers as AdminLinkProviderForUser expects: social ones by their registered name, OIDC ones as configured', () => {
    expect(providerOfUserName('google_123_456')).toEqual({ name: 'Google', userId: '123_456' });
    expect(providerOfUserName('LinkedIn_abc')).toEqual({ name: 'LinkedIn', userId: 'abc' });
    // Cognito lowercases the provider in the user name; the registered name is what linking needs.
    expect(providerOfUserName('linkedin_AbC-9')).toEqual({ name: 'LinkedIn', userId: 'AbC-9' });
    expect(providerOfUserName('okta_123')).toEqual({ name: 'okta', userId: '123' });
    expect(providerOfUserName('nounderscore')).toBeNull();
  });
});
