// The identities a developer signs in as at the stand-in provider: whatever email and name they
// type, with a subject that stays the same for the same email (so a second sign-in is the same
// person, as with the real provider), unless they type one. Kept in memory per provider; presets
// give one-click identities.
import { createHash } from 'node:crypto';

/** One identity at one provider, as its ID token and userinfo describe it. */
export interface StandInAccount {
  sub: string;
  email: string;
  email_verified: boolean;
  name: string;
  given_name?: string;
  family_name?: string;
  picture?: string;
}

/** One-click identities on the login page. */
export const PRESET_IDENTITIES = [
  { email: 'ada@example.com', name: 'Ada Lovelace' },
  { email: 'grace@example.com', name: 'Grace Hopper' },
] as const;

/**
 * A subject derived from the provider and the email: Google's are 21 digits, LinkedIn's ten
 * URL-safe characters; anything else gets Google's form.
 */
export function stableSubject(provider: string, email: string): string {
  const digest = createHash('sha256').update(`${provider}:${email.trim().toLowerCase()}`).digest();
  if (provider === 'linkedin') return digest.toString('base64url').slice(0, 10);
  const digits = [...digest].map((byte) => String(byte % 10)).join('');
  return `1${digits.slice(0, 20)}`;
}

/** An identity from the login form's fields, or a message saying what is wrong. */
export function accountFromForm(provider: string, form: Record<string, string | undefined>): StandInAccount | string {
  const email = form.email?.trim() ?? '';
  if (!/^[^\s@"\\]+@[^\s@"\\]+\.[^\s@"\\]+$/.test(email)) return 'Enter an email address such as ada@example.com.';
  const name = form.name?.trim() || email.split('@')[0];
  const sub = form.sub?.trim() || stableSubject(provider, email);
  if (!/^[A-Za-z0-9._-]{1,128}$/.test(sub)) return 'A subject is 1–128 letters, digits, dots, dashes or underscores.';
  const [given, ...family] = name.split(/\s+/);
  return {
    sub,
    email,
    // Unticked on the form: an address the provider has not verified.
    email_verified: form.email_verified !== undefined,
    name,
    given_name: given,
    ...(family.length > 0 ? { family_name: family.join(' ') } : {}),
    ...(form.picture?.trim() ? { picture: form.picture.trim() } : {}),
  };
}

/** The accounts one stand-in provider has seen, by subject. */
export function accountStore() {
  const accounts = new Map<string, StandInAccount>();
  return {
    get: (sub: string) => accounts.get(sub),
    put: (account: StandInAccount) => void accounts.set(account.sub, account),
    recent: () => [...accounts.values()].slice(-5).reverse(),
  };
}
