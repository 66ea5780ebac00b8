// deleteAccount's confirmation rule: the caller types their own username, or — with no username
// yet — their email. Both sides are compared normalized (trimmed, lowercase: the stored form of a
// username), so "  Ada " confirms "ada". Pure, so it is unit-tested.
import { EMAIL_MAX } from './limits.ts';
import type { InputProblem } from './problems.ts';
import { normalizeUsername } from './username.ts';

/** What the confirmation is checked against: the users row's username and email, and the token's email claim. */
export interface ConfirmationTargets {
  username: string | null;
  email: string | null;
  claimedEmail: string | null;
}

const FIELD = 'input.username';

/** Returns why `typed` does not confirm the deletion of the account described by `targets`, or null when it does. */
export function confirmationProblem(typed: string, targets: ConfirmationTargets): InputProblem | null {
  const given = normalizeUsername(typed);
  if (given === '' || given.length > EMAIL_MAX) {
    return { field: FIELD, message: 'type your username (or your email if you have no username) to confirm' };
  }
  if (targets.username) {
    return given === normalizeUsername(targets.username)
      ? null
      : { field: FIELD, message: 'does not match your username; nothing was deleted' };
  }
  const emails = [targets.email, targets.claimedEmail].filter((e) => !!e).map((e) => normalizeUsername(e as string));
  if (emails.length === 0) {
    // An access token carries no email claim, and without a users row there is nothing else to compare with.
    return {
      field: FIELD,
      message: 'your account has no username and this session carries no email; sign in again and use your ID token',
    };
  }
  return emails.indexOf(given) >= 0
    ? null
    : { field: FIELD, message: 'does not match your email (you have no username yet); nothing was deleted' };
}
