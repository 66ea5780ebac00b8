// The users row (plus the profile, when there is one) → GraphQL User.

type Item = Record<string, unknown>;

/** The caller's account status; full name and date of birth fall back to the profile's. */
export function toUser(account: Item, profile: Item | null): Record<string, unknown> {
  return {
    userId: account.user_id,
    username: account.username ?? null,
    email: account.email ?? null,
    profileComplete: account.profile_complete === true,
    dateOfBirth: account.date_of_birth ?? (profile ? profile.date_of_birth ?? null : null),
    fullName: (profile ? profile.full_name : null) ?? account.fullname ?? null,
    createdAt: account.created_at,
    updatedAt: account.updated_at,
  };
}
