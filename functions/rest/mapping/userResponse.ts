// GraphQL User → the seed's GET /users/me JSON (note the seed's `fullname`, one word).
import type { User } from '../../../generated/graphql.ts';

/** The User fields GET /users/me reads (what ME_QUERY selects). */
export type UserFields = Pick<User, 'userId' | 'username' | 'email' | 'profileComplete' | 'dateOfBirth' | 'fullName'>;

/** The seed's account-status JSON. */
export function toUserJson(user: UserFields): Record<string, unknown> {
  return {
    user_id: user.userId,
    username: user.username ?? null,
    email: user.email ?? null,
    profile_complete: user.profileComplete,
    date_of_birth: user.dateOfBirth ?? null,
    fullname: user.fullName ?? null,
  };
}
