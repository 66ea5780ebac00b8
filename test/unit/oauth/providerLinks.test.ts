import { describe, expect, it } from 'vitest';
import { federatedUserName, identitiesClaim, identitiesOf } from '../../../local/oauth/identities.ts';
import { adminLinkProviderForUser, findLinkedUser } from '../../../local/oauth/providerLinks.ts';
import type { CognitoLocalUserStore, StoredUser, StoredUserPool } from '../../../local/services/cognito.ts';

// cognito-local's store, in memory: the emulation reads and writes users exactly through it.
function storeWith(users: StoredUser[]): { store: CognitoLocalUserStore; pool: StoredUserPool } {
  const byName = new Map(users.map((user) => [user.Username, user]));
  const pool: StoredUserPool = {
    id: 'local_pool',
    getUser: async (name) => byName.get(name) ?? null,
    listUsers: async () => [...byName.values()],
    saveUser: async (user) => void byName.set(user.Username, user),
    groupsOf: async () => [],
    addToGroup: async () => {},
    storeRefreshToken: async () => {},
    userByRefreshToken: async () => null,
  };
  const store: CognitoLocalUserStore = {
    userPool: async (id) => {
      if (id !== 'local_pool') throw new Error('no such pool');
      return pool;
    },
    appClient: async () => null,
  };
  return { store, pool };
}

const user = (Username: string, extra: StoredUser['Attributes'] = []): StoredUser => ({
  Username,
  Attributes: [{ Name: 'sub', Value: `${Username}-sub` }, ...extra],
  Enabled: true,
  UserStatus: 'CONFIRMED',
  UserCreateDate: new Date(0),
  UserLastModifiedDate: new Date(0),
});

const link = adminLinkProviderForUser(
  [
    { name: 'Google', type: 'Google' },
    { name: 'LinkedIn', type: 'OIDC' },
  ],
  () => 1_700_000_000_000,
);
const request = (native: string, providerName: string, userId: string) => ({
  UserPoolId: 'local_pool',
  DestinationUser: { ProviderName: 'Cognito', ProviderAttributeValue: native },
  SourceUser: { ProviderName: providerName, ProviderAttributeName: 'Cognito_Subject', ProviderAttributeValue: userId },
});

describe('AdminLinkProviderForUser, emulated', () => {
  it("adds the identity to the native user's identities, where a later sign-in finds it", async () => {
    const { store, pool } = storeWith([user('native-1')]);

    expect(await link(request('native-1', 'Google', '1098'), store)).toEqual({});

    const saved = (await pool.getUser('native-1')) as StoredUser;
    expect(identitiesOf(saved)).toEqual([
      {
        userId: '1098',
        providerName: 'Google',
        providerType: 'Google',
        issuer: null,
        primary: false,
        dateCreated: 1_700_000_000_000,
      },
    ]);
    expect((await findLinkedUser(pool, 'Google', '1098'))?.Username).toBe('native-1');
    expect(await findLinkedUser(pool, 'LinkedIn', '1098')).toBeNull();
  });

  it('refuses as AWS does: unknown user, unknown provider (names match exactly), an existing federated user, a second owner', async () => {
    const { store } = storeWith([user('native-1'), user('native-2'), user(federatedUserName('Google', '77'))]);
    const codeOf = (promise: Promise<unknown>) =>
      promise.then(
        () => 'ok',
        (error: { code?: string }) => error.code,
      );

    expect(await codeOf(link(request('ghost', 'Google', '1'), store))).toBe('UserNotFoundException');
    expect(await codeOf(link(request('native-1', 'linkedin', '1'), store))).toBe('InvalidParameterException');
    expect(await codeOf(link(request('native-1', 'Google', '77'), store))).toBe('InvalidParameterException');
    expect(await codeOf(link({ ...request('native-1', 'Google', '1'), UserPoolId: 'other' }, store))).toBe(
      'ResourceNotFoundException',
    );
    await link(request('native-1', 'Google', '5'), store);
    expect(await codeOf(link(request('native-2', 'Google', '5'), store))).toBe('AliasExistsException');
    expect(await codeOf(link(request('native-1', 'Google', '5'), store))).toBe('ok');
  });

  it('names federated users with the provider lowercased, and puts identities in tokens as strings', () => {
    expect(federatedUserName('LinkedIn', 'AbC12')).toBe('linkedin_AbC12');
    expect(
      identitiesClaim([
        { userId: '1', providerName: 'Google', providerType: 'Google', issuer: null, primary: true, dateCreated: 5 },
      ]),
    ).toEqual([
      { userId: '1', providerName: 'Google', providerType: 'Google', issuer: null, primary: 'true', dateCreated: '5' },
    ]);
  });
});
