// Username rules shared by the resolvers and the Cognito pre-sign-up trigger. Written without
// regex literals, which APPSYNC_JS rejects.
import { RESERVED_USERNAMES, USERNAME_MAX, USERNAME_MIN } from './limits.ts';

const ALLOWED = 'abcdefghijklmnopqrstuvwxyz0123456789-_';

export type UsernameProblemReason = 'INVALID' | 'RESERVED';

/** Why a (normalized) username cannot be claimed. */
export interface UsernameProblem {
  reason: UsernameProblemReason;
  message: string;
}

/** The stored form of a username: trimmed and lowercase. */
export function normalizeUsername(raw: string): string {
  return raw.trim().toLowerCase();
}

/** Returns why a normalized username is not acceptable, or null when it is. */
export function usernameProblem(name: string): UsernameProblem | null {
  if (name.length < USERNAME_MIN || name.length > USERNAME_MAX) {
    return { reason: 'INVALID', message: `A username has ${USERNAME_MIN} to ${USERNAME_MAX} characters.` };
  }
  const bad = name.split('').find((c) => ALLOWED.indexOf(c) < 0);
  if (bad !== undefined) {
    return { reason: 'INVALID', message: 'A username may only contain lowercase letters, digits, "-" and "_".' };
  }
  if (RESERVED_USERNAMES.indexOf(name) >= 0) {
    return { reason: 'RESERVED', message: `"${name}" is reserved.` };
  }
  return null;
}
