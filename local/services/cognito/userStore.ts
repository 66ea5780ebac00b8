// cognito-local's own user store, typed for what its API lacks and the local managed login needs
// (local/oauth/): users created by federation, provider links (AdminLinkProviderForUser), app
// clients' OAuth settings. Records have the shapes cognito-local keeps in `<poolId>.json`.

/** A user as cognito-local stores it. */
export interface StoredUser {
  Username: string;
  Attributes: { Name: string; Value: string }[];
  Enabled: boolean;
  UserStatus: string;
  UserCreateDate: Date;
  UserLastModifiedDate: Date;
  Password?: string;
  RefreshTokens?: string[];
  [other: string]: unknown;
}

/** An app client as cognito-local stores it (CreateUserPoolClient's fields). */
export interface StoredAppClient {
  ClientId: string;
  ClientName: string;
  UserPoolId: string;
  ClientSecret?: string;
  CallbackURLs?: string[];
  LogoutURLs?: string[];
  AllowedOAuthFlows?: string[];
  AllowedOAuthFlowsUserPoolClient?: boolean;
  AllowedOAuthScopes?: string[];
  SupportedIdentityProviders?: string[];
  AccessTokenValidity?: number;
  IdTokenValidity?: number;
  RefreshTokenValidity?: number;
  TokenValidityUnits?: { AccessToken?: string; IdToken?: string; RefreshToken?: string };
}

/** One pool's users and groups. */
export interface StoredUserPool {
  readonly id: string;
  getUser(username: string): Promise<StoredUser | null>;
  listUsers(): Promise<StoredUser[]>;
  saveUser(user: StoredUser): Promise<void>;
  groupsOf(user: StoredUser): Promise<string[]>;
  /** Creates the group if needed and adds the user to it. */
  addToGroup(user: StoredUser, groupName: string, description: string): Promise<void>;
  storeRefreshToken(user: StoredUser, refreshToken: string): Promise<void>;
  userByRefreshToken(refreshToken: string): Promise<StoredUser | null>;
}

/** Direct access to cognito-local's data, in-process. */
export interface CognitoLocalUserStore {
  userPool(userPoolId: string): Promise<StoredUserPool>;
  appClient(clientId: string): Promise<StoredAppClient | null>;
}

interface UserPoolService {
  options: { Id: string };
  getUserByUsername(ctx: unknown, username: string): Promise<StoredUser | null>;
  listUsers(ctx: unknown): Promise<StoredUser[]>;
  saveUser(ctx: unknown, user: StoredUser): Promise<void>;
  listUserGroupMembership(ctx: unknown, user: StoredUser): Promise<string[]>;
  listGroups(ctx: unknown): Promise<Record<string, unknown>[]>;
  saveGroup(ctx: unknown, group: Record<string, unknown>): Promise<void>;
  addUserToGroup(ctx: unknown, group: Record<string, unknown>, user: StoredUser): Promise<void>;
  storeRefreshToken(ctx: unknown, refreshToken: string, user: StoredUser): Promise<void>;
  getUserByRefreshToken(ctx: unknown, refreshToken: string): Promise<StoredUser | null>;
}

/** cognito-local's CognitoService (lib/services/cognitoService.js), the parts used here. */
export interface CognitoService {
  getUserPool(ctx: unknown, userPoolId: string): Promise<UserPoolService>;
  getAppClient(ctx: unknown, clientId: string): Promise<StoredAppClient | null>;
}

/** Wraps cognito-local's service objects; `ctx` carries its logger. */
export function userStoreOf(cognito: CognitoService, ctx: unknown): CognitoLocalUserStore {
  return {
    async userPool(userPoolId) {
      const pool = await cognito.getUserPool(ctx, userPoolId);
      return {
        id: pool.options.Id,
        // getUserByUsername also matches sub and email aliases; an exact user name is wanted here.
        getUser: async (username) => {
          const user = await pool.getUserByUsername(ctx, username);
          return user?.Username === username ? user : null;
        },
        listUsers: () => pool.listUsers(ctx),
        saveUser: (user) => pool.saveUser(ctx, user),
        groupsOf: (user) => pool.listUserGroupMembership(ctx, user),
        async addToGroup(user, groupName, description) {
          // By listing: cognito-local's group lookup by name fails while the pool has no group at all.
          const existing = (await pool.listGroups(ctx)).find((group) => group.GroupName === groupName);
          const now = new Date();
          const group = existing ?? {
            GroupName: groupName,
            Description: description,
            UserPoolId: pool.options.Id,
            CreationDate: now,
            LastModifiedDate: now,
            members: [],
          };
          if (existing === undefined) await pool.saveGroup(ctx, group);
          await pool.addUserToGroup(ctx, group, user);
        },
        storeRefreshToken: (user, refreshToken) => pool.storeRefreshToken(ctx, refreshToken, user),
        userByRefreshToken: (refreshToken) => pool.getUserByRefreshToken(ctx, refreshToken),
      };
    },
    appClient: async (clientId) => (await cognito.getAppClient(ctx, clientId)) ?? null,
  };
}
