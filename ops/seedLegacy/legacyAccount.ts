// One seed-era account, generated on its own from (seed, index): the history of calls its user
// made (sign-up, profile saves, link saves and deletes) run through the seed's Lambdas
// (seedLambdas.ts), giving the rows they would have left behind, and the traits those rows have
// that today's code had to learn to live with.
import { usernameOf, nameStyle } from './names.ts';
import type { NameStyle } from './names.ts';
import { firstSave, laterSave } from './profileBodies.ts';
import type { BodyContext, InvalidValue } from './profileBodies.ts';
import { pythonIsoformat } from './pythonTime.ts';
import { random } from './random.ts';
import type { Random } from './random.ts';
import type { Item, LambdaVersion } from './seedLambdas.ts';
import { createLink, deleteLink, markUserComplete, postConfirmation, saveProfile } from './seedLambdas.ts';

/** What makes an account's rows differ from what today's code writes. */
export type Trait =
  | NameStyle
  | InvalidValue
  | 'no-claimed-name'
  | 'partial-users-row'
  | 'project-without-id'
  | 'blank-social-link'
  | 'profile-image-url-only'
  | 'zone-less-timestamps'
  | 'deleted-links'
  | 'power-user';

/** The rows one account left, and its traits. */
export interface LegacyAccount {
  index: number;
  sub: string;
  username: string | null;
  user: Item | null;
  profile: Item | null;
  links: Item[];
  liveLinks: number;
  traits: Trait[];
}

/** Accounts that signed up but never saved a profile: every twelfth. */
export function hasProfile(index: number): boolean {
  return index % 12 !== 5;
}

/** Users with exactly 100 live links: the bound must count them after the migration. */
export function isPowerUser(index: number): boolean {
  return index === 3 || index % 5000 === 4999;
}

const INVALID: InvalidValue[] = [
  'bio-too-long',
  'too-many-skills',
  'project-link-without-scheme',
  'social-link-without-scheme',
  'date-of-birth-format',
  'contact-email',
  'contact-phone',
];
// The day seed-era clients started sending project ids and avatar keys (LambdaVersion v2).
const V2_SINCE = Date.parse('2024-01-01T00:00:00Z');
const FIRST_SIGN_UP = Date.parse('2022-01-01T00:00:00Z');
const DAY = 86_400_000;

/** Generates account `index` of the data set `seed`; `assetsBaseUrl` is the bucket's public URL. */
export function legacyAccount(seed: number, index: number, assetsBaseUrl: string): LegacyAccount {
  const r = random(seed, index * 7 + 3);
  const sub = r.uuid();
  const naive = r.chance(0.03);
  const clock = timeline(r, naive);
  const claims = hasProfile(index) ? usernameOf(seed, index) : null;
  const attributes: Record<string, string> = { sub, email: `user${index}@example.com` };
  if (claims && r.chance(0.6)) attributes['custom:username'] = claims;
  // 2% of sign-ups never ran post-confirmation (the trigger failed or predates it).
  let user = r.chance(0.02) && claims ? null : postConfirmation(attributes, clock.next());
  const invalid = new Set(INVALID.filter(() => r.chance(0.012)));
  let profile: Item | null = null;
  if (claims) {
    const saves = r.int(1, 3);
    for (let n = 0; n < saves; n += 1) {
      const at = clock.next();
      const version: LambdaVersion = Date.parse(at.slice(0, 19) + 'Z') < V2_SINCE ? 'v1' : 'v2';
      const c: BodyContext = { r, username: claims, userId: sub, version, invalid, assetsBaseUrl };
      profile = saveProfile(profile, sub, n === 0 ? firstSave(c) : laterSave(c), at, version);
      user = markUserComplete(user, sub, claims, at);
    }
  }
  const links = linkHistory(r, sub, clock, isPowerUser(index) && claims !== null);
  const liveLinks = links.filter((l) => l.is_deleted !== true).length;
  return {
    index,
    sub,
    username: claims,
    user,
    profile,
    links,
    liveLinks,
    traits: traitsOf({ seed, index, naive, user, profile, links, invalid, claims }),
  };
}

// Strictly increasing Python timestamps for one account, from its sign-up on.
function timeline(r: Random, naive: boolean) {
  let at = FIRST_SIGN_UP + r.int(0, 1200) * DAY + r.int(0, DAY - 1);
  return {
    next(): string {
      at += r.int(60_000, 30 * DAY);
      return pythonIsoformat(new Date(at), naive, r.int(0, 999));
    },
  };
}

function linkHistory(r: Random, sub: string, clock: { next(): string }, powerUser: boolean): Item[] {
  const count = powerUser ? 100 : r.int(0, 5);
  const links = Array.from({ length: count }, (_, i) =>
    createLink(sub, r.uuid(), { title: `Link ${i + 1}`, url: `https://links.example/${i}`, order: i }, clock.next()),
  );
  // Deleted links stay, flagged (seed "Links Table"); a power user keeps 100 live ones.
  const deletedExtra = powerUser
    ? [createLink(sub, r.uuid(), { title: 'Old', url: 'https://old.example' }, clock.next())]
    : [];
  const all = [...links, ...deletedExtra].map((link) =>
    link === deletedExtra[0] || (!powerUser && r.chance(0.1)) ? deleteLink(link, clock.next()) : link,
  );
  return all;
}

interface TraitInput {
  seed: number;
  index: number;
  naive: boolean;
  user: Item | null;
  profile: Item | null;
  links: Item[];
  invalid: Set<InvalidValue>;
  claims: string | null;
}

function traitsOf(t: TraitInput): Trait[] {
  const traits: Trait[] = [];
  if (t.claims) traits.push(nameStyle(t.seed, t.index));
  else traits.push('no-claimed-name');
  if (t.user && t.user.created_at === undefined) traits.push('partial-users-row');
  if (t.profile) {
    traits.push(...t.invalid);
    const projects = (t.profile.projects ?? []) as Item[];
    if (projects.some((p) => p.id === undefined)) traits.push('project-without-id');
    const social = (t.profile.social_links ?? {}) as Item;
    if (Object.values(social).some((v) => v === '' || v === null)) traits.push('blank-social-link');
    if (t.profile.profile_image_url !== undefined && t.profile.avatar_url === undefined)
      traits.push('profile-image-url-only');
  }
  if (t.naive) traits.push('zone-less-timestamps');
  if (t.links.some((l) => l.is_deleted === true)) traits.push('deleted-links');
  if (t.links.length >= 100) traits.push('power-user');
  return traits;
}
