// The `identities` attribute Cognito keeps on a user with external identities (its own, for a
// user created by federation; linked ones, after AdminLinkProviderForUser), and the `identities`
// claim derived from it. In the attribute `primary` and `dateCreated` are a boolean and a number;
// the ID token carries them as strings ("true", "1690000000000"), as AWS's tokens do.
import type { StoredUser } from '../services/cognito.ts';

/** One external identity of a user. */
export interface ProviderIdentity {
  userId: string;
  providerName: string;
  providerType: string;
  issuer: string | null;
  primary: boolean;
  dateCreated: number;
}

/** The user's identities (empty when none or unreadable). */
export function identitiesOf(user: StoredUser): ProviderIdentity[] {
  const value = user.Attributes.find((attribute) => attribute.Name === 'identities')?.Value;
  if (value === undefined) return [];
  try {
    const parsed = JSON.parse(value) as unknown;
    return Array.isArray(parsed) ? (parsed as ProviderIdentity[]) : [];
  } catch {
    return [];
  }
}

/** The user's attributes with `identities` replaced by the given list. */
export function withIdentities(user: StoredUser, identities: ProviderIdentity[]): StoredUser['Attributes'] {
  return [
    ...user.Attributes.filter((attribute) => attribute.Name !== 'identities'),
    { Name: 'identities', Value: JSON.stringify(identities) },
  ];
}

/** The `identities` claim of an ID token. */
export function identitiesClaim(identities: ProviderIdentity[]): Record<string, string | null>[] {
  return identities.map((identity) => ({
    userId: identity.userId,
    providerName: identity.providerName,
    providerType: identity.providerType,
    issuer: identity.issuer,
    primary: String(identity.primary),
    dateCreated: String(identity.dateCreated),
  }));
}

// Cognito lowercases the provider's name in a federated user's name: "google_1098…", "linkedin_AbC…".
/** The user name Cognito gives a user created by a sign-in through `providerName`. */
export function federatedUserName(providerName: string, userId: string): string {
  return `${providerName.toLowerCase()}_${userId}`;
}
