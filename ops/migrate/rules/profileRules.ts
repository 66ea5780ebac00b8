// A stored profile checked against today's rules by the very function saveProfile uses
// (planProfileUpdate, resolvers/lib/profileInput.ts), one field at a time so that every breach is
// found, not only the first. The stored snake_case attributes are turned back into the
// ProfileInput a client would send today; a value of a type today's code never writes is a
// finding of its own.
import type { ProfileInput, ProjectInput, SocialLinkInput } from '../../../generated/graphql.ts';
import { planProfileUpdate } from '../../../resolvers/lib/profileInput.ts';
import { normalizeUsername, usernameProblem } from '../../../resolvers/lib/username.ts';
import type { Finding } from '../findings.ts';
import { preview } from '../findings.ts';

type Item = Record<string, unknown>;
type Converted = { ok: true; value: unknown } | { ok: false; expected: string };

const text = (v: unknown): Converted =>
  typeof v === 'string' ? { ok: true, value: v } : { ok: false, expected: 'a string' };
const flag = (v: unknown): Converted =>
  typeof v === 'boolean' ? { ok: true, value: v } : { ok: false, expected: 'true or false' };
const strings = (v: unknown): Converted =>
  Array.isArray(v) && v.every((s) => typeof s === 'string')
    ? { ok: true, value: v }
    : { ok: false, expected: 'a list of strings' };

/** Stored attribute → ProfileInput field, and how to convert the value. */
const FIELDS: [string, keyof ProfileInput, (v: unknown) => Converted][] = [
  ['full_name', 'fullName', text],
  ['title', 'title', text],
  ['bio', 'bio', text],
  ['favorite_color', 'favoriteColor', text],
  ['email', 'email', text],
  ['phone', 'phone', text],
  ['date_of_birth', 'dateOfBirth', text],
  ['show_email', 'showEmail', flag],
  ['show_phone', 'showPhone', flag],
  ['show_resume', 'showResume', flag],
  ['skills', 'skills', strings],
  ['social_links', 'socialLinks', socialLinks],
  ['projects', 'projects', projects],
  ['avatar_key', 'avatarKey', text],
  ['resume_key', 'resumeKey', text],
];

/** Every breach of today's profile rules in `item` (after the migration's own fixes). */
export function profileRuleFindings(item: Item, today: string): Finding[] {
  const key = { username: String(item.username) };
  const findings: Finding[] = usernameFindings(String(item.username));
  const context = { sub: String(item.user_id), assetsBaseUrl: '', today, projectIds: [] };
  for (const [attribute, field, convert] of FIELDS) {
    const stored = item[attribute];
    if (stored === undefined || stored === null) continue;
    const converted = convert(stored);
    if (!converted.ok) {
      findings.push({
        kind: 'unfixable',
        table: 'profiles',
        key,
        code: 'wrong-type',
        field: attribute,
        message: `should be ${converted.expected}`,
        value: preview(stored),
      });
      continue;
    }
    const checked = planProfileUpdate({ [field]: converted.value } as ProfileInput, context);
    if (!checked.ok) {
      findings.push({
        kind: 'unfixable',
        table: 'profiles',
        key,
        code: 'profile-field',
        field: attribute,
        message: `${checked.problem.field.replace(/^input\./, '')} ${checked.problem.message}`,
        value: preview(stored),
      });
    }
  }
  return findings;
}

/** Breaches of today's username rules by a stored profile key. */
export function usernameFindings(username: string): Finding[] {
  const key = { username };
  const normalized = normalizeUsername(username);
  const problem = usernameProblem(normalized);
  const findings: Finding[] = [];
  if (problem) {
    findings.push({
      kind: 'unfixable',
      table: 'profiles',
      key,
      code: problem.reason === 'RESERVED' ? 'username-reserved' : 'username-invalid',
      field: 'username',
      message: `${problem.message} The profile stays readable at this exact name; saving it again needs a new name.`,
      value: username,
    });
  }
  if (normalized !== username && !problem) {
    findings.push({
      kind: 'unfixable',
      table: 'profiles',
      key,
      code: 'username-case',
      field: 'username',
      message: `Stored as "${username}", not lowercase "${normalized}": served at its exact spelling, kept by its owner's saves, never merged.`,
      value: normalized,
    });
  }
  return findings;
}

function socialLinks(value: unknown): Converted {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, expected: 'a map of platform to URL' };
  const entries = Object.entries(value as Item);
  if (!entries.every(([, url]) => typeof url === 'string')) return { ok: false, expected: 'a map of platform to URL' };
  return { ok: true, value: entries.map(([platform, url]): SocialLinkInput => ({ platform, url: url as string })) };
}

function projects(value: unknown): Converted {
  const expected = {
    ok: false as const,
    expected: 'a list of projects with string fields (tech_stack a list, order a number)',
  };
  if (!Array.isArray(value) || !value.every(isStoredProject)) return expected;
  return {
    ok: true,
    value: (value as Item[]).map(
      (p): ProjectInput => ({
        id: p.id as string,
        title: (p.title ?? '') as string,
        description: p.description as string | undefined,
        link: p.link as string | undefined,
        imageKey: p.image_key as string | undefined,
        techStack: p.tech_stack as string[] | undefined,
        order: p.order as number | undefined,
      }),
    ),
  };
}

// planProfileUpdate trims what it is given: only shapes it can take are passed on. The id is
// there: the migration gives projects their ids before checking.
function isStoredProject(p: unknown): boolean {
  if (typeof p !== 'object' || p === null) return false;
  const project = p as Item;
  const optionalText = (v: unknown) => v === undefined || v === null || typeof v === 'string';
  return (
    typeof project.id === 'string' &&
    optionalText(project.title) &&
    optionalText(project.description) &&
    optionalText(project.link) &&
    optionalText(project.image_key) &&
    (project.tech_stack === undefined || project.tech_stack === null || strings(project.tech_stack).ok) &&
    (project.order === undefined || project.order === null || typeof project.order === 'number')
  );
}
