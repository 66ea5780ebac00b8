// A stored users row checked against the rules today's sign-up applies (the post-confirmation
// trigger's: an email address, a real date of birth from 1900 on).
import { EMAIL_MAX } from '../../../resolvers/lib/limits.ts';
import { isEmail, isIsoDate } from '../../../resolvers/lib/text.ts';
import type { Finding } from '../findings.ts';
import { preview } from '../findings.ts';

type Item = Record<string, unknown>;

/** Every breach of today's account rules in `item`, and a note when no name is claimed yet. */
export function userRuleFindings(item: Item, today: string): Finding[] {
  const key = { user_id: String(item.user_id) };
  const findings: Finding[] = [];
  if (item.username === undefined || item.username === null || item.username === '') {
    findings.push({
      kind: 'note',
      table: 'users',
      key,
      code: 'no-claimed-name',
      message: 'No username claimed yet: the first saveProfile (POST /profiles) claims one.',
    });
  }
  if (item.email !== undefined && !(typeof item.email === 'string' && isEmail(item.email, EMAIL_MAX))) {
    findings.push({
      kind: 'unfixable',
      table: 'users',
      key,
      code: 'account-field',
      field: 'email',
      message: 'is not a valid email address',
      value: preview(item.email),
    });
  }
  const dob = item.date_of_birth;
  if (
    dob !== undefined &&
    dob !== null &&
    !(typeof dob === 'string' && isIsoDate(dob) && dob >= '1900-01-01' && dob <= today)
  ) {
    findings.push({
      kind: 'unfixable',
      table: 'users',
      key,
      code: 'account-field',
      field: 'date_of_birth',
      message: 'must be a date written YYYY-MM-DD, from 1900-01-01 to today',
      value: preview(dob),
    });
  }
  return findings;
}
