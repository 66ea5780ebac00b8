// The rows a confirmed sign-up starts with (docs/rest-contract.md "Users Table" and "Profiles Table"), from the user's
// Cognito attributes. Pure: the clock comes in.
import { FULL_NAME_MAX } from '../../resolvers/lib/limits.ts';
import { initialProfileAttributes } from '../../resolvers/lib/profileFields.ts';
import { isIsoDate } from '../../resolvers/lib/text.ts';
import { normalizeUsername, usernameProblem } from '../../resolvers/lib/username.ts';
import { BadRequestError, UnauthorizedError } from '../lib/errors.ts';

/** The account a confirmation creates: the users row and, when a name was chosen, its profile. */
export interface NewAccount {
  user: Record<string, string | boolean>;
  /** The profile claiming the name; null when the user signed up without one (they claim it in saveProfile). */
  profile: Record<string, string | boolean> | null;
}

/** Builds the new rows from `userAttributes`; throws when the sub is missing or the name breaks the rules. */
export function newAccount(attributes: Record<string, string | undefined>, now: Date): NewAccount {
  const sub = attributes.sub;
  if (!sub) throw new UnauthorizedError('The confirmed user has no sub.');
  const timestamp = now.toISOString();
  const user: Record<string, string | boolean> = {
    user_id: sub,
    profile_complete: false,
    created_at: timestamp,
    updated_at: timestamp,
  };
  if (attributes.email) user.email = attributes.email.trim();
  const fullName = attributes['custom:fullname']?.trim();
  if (fullName && fullName.length <= FULL_NAME_MAX) user.fullname = fullName;
  // Same bounds saveProfile applies: a real past date, not before 1900.
  const dateOfBirth = attributes['custom:date_of_birth']?.trim();
  if (dateOfBirth && isIsoDate(dateOfBirth) && dateOfBirth <= timestamp.slice(0, 10) && dateOfBirth >= '1900-01-01') {
    user.date_of_birth = dateOfBirth;
  }

  const requested = attributes['custom:username'];
  if (requested === undefined || requested.trim() === '') return { user, profile: null };
  const username = normalizeUsername(requested);
  const problem = usernameProblem(username);
  if (problem !== null) throw new BadRequestError(`Username: ${problem.message}`);
  user.username = username;
  // The same new row saveProfile's claim writes (the field table's `initial` column).
  const profile = {
    username,
    user_id: sub,
    ...initialProfileAttributes(),
    created_at: timestamp,
    updated_at: timestamp,
  };
  return { user, profile };
}
