// The username a native sign-up asks for (custom:username) must follow the API's rules
// (resolvers/lib/username.ts) and be free: no profile holds it yet. A sign-up without one is let
// through; the user claims a name with saveProfile later, as the API allows.
import { normalizeUsername, usernameProblem } from '../../resolvers/lib/username.ts';
import { BadRequestError, ConflictError } from '../lib/errors.ts';

/** Answers whether a profile already holds the (normalized) name. */
export type IsUsernameTaken = (username: string) => Promise<boolean>;

/** Returns the normalized requested username (null when none was asked for), or throws BadRequest/Conflict. */
export async function checkRequestedUsername(
  raw: string | undefined,
  isTaken: IsUsernameTaken,
): Promise<string | null> {
  if (raw === undefined || raw.trim() === '') return null;
  const username = normalizeUsername(raw);
  const problem = usernameProblem(username);
  if (problem !== null) throw new BadRequestError(`Username: ${problem.message}`);
  if (await isTaken(username)) throw new ConflictError(`Username: "${username}" is already taken; choose another.`);
  return username;
}
