// docs/rest-contract.md "Authentication": Google/LinkedIn sign-ins whose email belongs to an existing native
// (email + password) account are linked to that account (AdminLinkProviderForUser), so one person
// keeps one `sub` — one users row, one profile.
//
// Security: only a CONFIRMED native user with a verified email is linked. Linking to an
// unconfirmed account would let whoever registered that email first (never proving they own it)
// take over the provider user's sign-ins.

/** A user of the pool as ListUsers returns it. */
export interface DirectoryUser {
  username: string;
  status: string | undefined;
  attributes: Record<string, string>;
}

/** The two Cognito admin calls linking needs (ListUsers, AdminLinkProviderForUser). */
export interface UserDirectory {
  usersWithEmail(userPoolId: string, email: string): Promise<DirectoryUser[]>;
  linkProviderUser(
    userPoolId: string,
    nativeUsername: string,
    provider: { name: string; userId: string },
  ): Promise<void>;
}

// Cognito names federated users "<provider>_<id>" with the provider's name lowercased;
// AdminLinkProviderForUser wants the provider's registered name: the social providers' fixed
// names, and ours (LinkedIn, cdk/config/federation.ts PROVIDER_NAMES).
const SOCIAL_PROVIDER_NAMES: Record<string, string> = {
  google: 'Google',
  facebook: 'Facebook',
  loginwithamazon: 'LoginWithAmazon',
  signinwithapple: 'SignInWithApple',
  linkedin: 'LinkedIn',
};

/** Splits a federated user name ("google_1234…") into the provider's registered name and its user id. */
export function providerOfUserName(userName: string): { name: string; userId: string } | null {
  const separator = userName.indexOf('_');
  if (separator <= 0 || separator === userName.length - 1) return null;
  const prefix = userName.slice(0, separator);
  return { name: SOCIAL_PROVIDER_NAMES[prefix.toLowerCase()] ?? prefix, userId: userName.slice(separator + 1) };
}

/** Links a federated sign-up to the native account with the same verified email; returns that account's user name, or null. */
export async function linkToNativeAccount(
  directory: UserDirectory,
  event: { userPoolId: string; userName: string; email: string | undefined },
): Promise<string | null> {
  const provider = providerOfUserName(event.userName);
  const email = event.email?.trim();
  // ListUsers filters are `attribute = "value"`; a value with quotes or backslashes cannot be a real email.
  if (provider === null || !email || /["\\]/.test(email)) return null;
  const candidates = await directory.usersWithEmail(event.userPoolId, email);
  const native = candidates.find(
    (user) =>
      user.status === 'CONFIRMED' &&
      user.attributes.email_verified === 'true' &&
      user.attributes.email?.toLowerCase() === email.toLowerCase(),
  );
  if (native === undefined) return null;
  await directory.linkProviderUser(event.userPoolId, native.username, provider);
  return native.username;
}
