// The Cognito user behind a sub. ListUsers with a `sub` filter finds every kind of user — native
// ones, whose user name is their sub, and federated ones ("google_…"), whose user name is not —
// and AdminDeleteUser then takes the user name it returned.
import {
  AdminDeleteUserCommand,
  ListUsersCommand,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';

/** Lookups and removal of a pool's users by sub. */
export interface CognitoUsers {
  /** The pool's user name of the user whose sub this is; null when the pool has no such user. */
  userNameOfSub(sub: string): Promise<string | null>;
  /** Removes the user with this sub; true when one was removed, false when there was none. */
  deleteBySub(sub: string): Promise<boolean>;
}

// A Cognito sub is a UUID; anything else must never reach a ListUsers filter expression.
const SUB_SHAPE = /^[0-9A-Za-z-]{1,128}$/;

/** CognitoUsers over the Cognito Identity Provider API for the pool `userPoolId`. */
export function cognitoUsers(client: CognitoIdentityProviderClient, userPoolId: string): CognitoUsers {
  const userNameOfSub = async (sub: string): Promise<string | null> => {
    if (!SUB_SHAPE.test(sub)) throw new Error(`Not a Cognito sub: ${JSON.stringify(sub)}`);
    const { Users = [] } = await client.send(
      new ListUsersCommand({ UserPoolId: userPoolId, Filter: `sub = "${sub}"`, Limit: 1 }),
    );
    return Users[0]?.Username ?? null;
  };
  return {
    userNameOfSub,
    async deleteBySub(sub) {
      const userName = await userNameOfSub(sub);
      if (userName === null) return false;
      try {
        await client.send(new AdminDeleteUserCommand({ UserPoolId: userPoolId, Username: userName }));
        return true;
      } catch (error) {
        // Deleted in between (an admin, or a retried erasure): the goal is reached either way.
        if (error instanceof UserNotFoundException) return false;
        throw error;
      }
    },
  };
}
