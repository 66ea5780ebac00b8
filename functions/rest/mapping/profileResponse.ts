// GraphQL Profile (camelCase) → the seed's profile JSON (snake_case), by the field table
// (resolvers/lib/profileFields.ts): the owner's full profile answered by POST /profiles (every
// field with a REST key), and the public shape of GET /profiles/{username} (the `restPublic` ones).
import type { Link, Profile, Project, SocialLink } from '../../../generated/graphql.ts';
import type { ProfileField, ProfileFieldName } from '../../../resolvers/lib/profileFields.ts';
import { isVisible, PROFILE_FIELDS, PROJECT_FIELDS } from '../../../resolvers/lib/profileFields.ts';

type Fields = typeof PROFILE_FIELDS;
type ProjectFieldName = keyof typeof PROJECT_FIELDS;

/** The Profile fields the public answer reads: its REST keys, plus isOwner for the `ifVisible` rule. */
export type PublicProfileFieldName =
  | { [K in ProfileFieldName]: Fields[K]['restPublic'] extends 'no' ? never : K }[ProfileFieldName]
  | 'isOwner';

/** The Project fields the public answer shows (the owner's shows them all). */
export type PublicProjectFieldName = {
  [K in ProjectFieldName]: (typeof PROJECT_FIELDS)[K]['restPublic'] extends true ? K : never;
}[ProjectFieldName];

type SocialLinkFields = Pick<SocialLink, 'platform' | 'url'>;
type ProjectFields = Pick<Project, ProjectFieldName>;
type LinkFields = Pick<Link, 'title' | 'url'>;
type Nested = { socialLinks: SocialLinkFields[]; links: LinkFields[] };

/** The Profile the full view reads (what SAVE_PROFILE_MUTATION selects: every field). */
export type FullProfile = Omit<Profile, '__typename' | 'socialLinks' | 'projects' | 'links'> &
  Nested & { projects: ProjectFields[] };

/** The Profile the public view reads (what PUBLIC_PROFILE_QUERY selects). */
export type PublicProfile = Pick<Profile, Exclude<PublicProfileFieldName, keyof Nested | 'projects'>> &
  Nested & { projects: Pick<Project, PublicProjectFieldName>[] };

type View = 'full' | 'public';

/** The owner's full profile in the seed's snake_case; `userId` is the caller's sub. */
export function toFullProfileJson(profile: FullProfile, userId: string | null): Record<string, unknown> {
  const json = toProfileJson(profile, 'full');
  // The seed's profile row holds the owner's id second; it is the caller's, not a Profile field.
  return { username: json.username, user_id: userId, ...json };
}

/**
 * The seed's public profile JSON. email/phone keys appear only when shown or to the owner
 * (docs/rest-contract.md "Visibility Controls"), mirroring what the API itself returned.
 */
export function toPublicProfileJson(profile: PublicProfile): Record<string, unknown> {
  return toProfileJson(profile, 'public');
}

function toProfileJson(profile: Record<string, unknown>, view: View): Record<string, unknown> {
  const json: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(PROFILE_FIELDS) as [ProfileFieldName, ProfileField][]) {
    if (field.rest !== null && inView(field, profile, view)) json[field.rest] = restValue(field, profile[name], view);
  }
  return json;
}

function inView(field: ProfileField, profile: Record<string, unknown>, view: View): boolean {
  if (view === 'full' || field.restPublic === 'yes') return true;
  return field.restPublic === 'ifVisible' && isVisible(field.visibility, profile, profile.isOwner === true);
}

function restValue(field: ProfileField, value: unknown, view: View): unknown {
  if (field.kind === 'socialLinks') return toSocialLinksMap(value as SocialLinkFields[]);
  if (field.kind === 'projects') return (value as ProjectFields[]).map((project) => toProjectJson(project, view));
  if (field.kind === 'links') return (value as LinkFields[]).map((link) => ({ title: link.title, url: link.url }));
  return value ?? null;
}

/** A project in the seed's JSON; the public view leaves out what only the owner sees (image_key). */
function toProjectJson(project: Partial<ProjectFields>, view: View): Record<string, unknown> {
  const json: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(PROJECT_FIELDS) as [
    ProjectFieldName,
    (typeof PROJECT_FIELDS)[ProjectFieldName],
  ][]) {
    if (view === 'full' || field.restPublic) json[field.rest] = project[name] ?? null;
  }
  return json;
}

// Object.fromEntries defines own properties, so a platform named "__proto__" stays data.
function toSocialLinksMap(links: readonly SocialLinkFields[]): Record<string, string> {
  return Object.fromEntries(links.map((link) => [link.platform, link.url]));
}
