// GraphQL User → the seed's GET /users/me JSON (note the seed's `fullname`, one word).
import type { User } from '../../../generated/graphql.ts';

/** The User fields GET /users/me reads (what ME_QUERY selects). */
export type UserFields = Pick<User, 'userId' | 'username' | 'email' | 'profileComplete' | 'dateOfBirth' | 'fullName'>;

/** The seed's account-status JSON; a field never set is absent, as the seed returned the stored row (email stays, null when unset). */
export function toUserJson(user: UserFields): Record<string, unknown> {
  return {
    user_id: user.userId,
    ...(user.username != null ? { username: user.username } : {}),
    email: user.email ?? null,
    profile_complete: user.profileComplete,
    ...(user.dateOfBirth != null ? { date_of_birth: user.dateOfBirth } : {}),
    ...(user.fullName != null ? { fullname: user.fullName } : {}),
  };
}
