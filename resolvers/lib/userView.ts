// The users row (plus the profile, when there is one) → GraphQL User.

import type { User } from '../../generated/graphql.ts';
import { PROFILE_FIELDS } from './profileFields.ts';
import { asDateTime } from './timestamps.ts';

type Item = Record<string, unknown>;

/** The caller's account status; full name and date of birth fall back to the profile's. */
export function toUser(account: Item, profile: Item | null): User {
  const profileDateOfBirth = profile ? profile[PROFILE_FIELDS.dateOfBirth.stored] : null;
  const profileFullName = profile ? profile[PROFILE_FIELDS.fullName.stored] : null;
  return {
    userId: account.user_id as string,
    username: (account.username ?? null) as string | null,
    email: (account.email ?? null) as string | null,
    profileComplete: account.profile_complete === true,
    dateOfBirth: (account.date_of_birth ?? profileDateOfBirth ?? null) as string | null,
    fullName: (profileFullName ?? account.fullname ?? null) as string | null,
    // A seed-era row the profile save created without the sign-up trigger has no created_at.
    createdAt: asDateTime(account.created_at ?? account.updated_at),
    updatedAt: asDateTime(account.updated_at),
  };
}
