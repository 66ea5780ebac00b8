// The table of profile fields: one row per field of the GraphQL Profile type, saying where the
// field is stored, who may see it, how ProfileInput sets it, what a new row starts with, and its
// key in the seed's REST JSON. Everything that handles a profile field reads it from here:
// - resolvers: the view and its masking (profileView.ts), the input rules (profileInput.ts), the
//   new-row defaults and the users row's copy of the date of birth (Mutation.saveProfile/
//   3.writeProfile.ts), the User view's fallbacks to the profile (userView.ts);
// - functions: the sign-up's new row (post-confirmation/newAccount.ts), and the REST shim's
//   documents (rest/operations.ts), request mapping (rest/mapping/profileRequest.ts) and response
//   mapping (rest/mapping/profileResponse.ts).
// test/unit/lib/profileFields.test.ts fails when schema.graphql's Profile or ProfileInput has a
// field this table lacks, or the other way round. Adding a field: a row here and the schema;
// a new input rule or value kind also needs its case in profileInput.ts or profileView.ts.
// A project's own fields (PROJECT_FIELDS) drive the REST mappings and documents; their checks
// and view stay spelled out in planProjects (profileInput.ts) and toProject (profileView.ts).
//
// Rows are in the order of the seed's profile JSON, which the REST answers keep. The owner's id
// (user_id) is not a Profile field: profileView.ts carries it for Profile.links only.
//
// Plain data and small pure functions only: this module is bundled into APPSYNC_JS resolvers.
import type { Profile, Project } from '../../generated/graphql.ts';
import * as L from './limits.ts';

/** Who may see a field's value: everyone, only the owner, or everyone once the owner sets a flag. */
export type Visibility = 'public' | 'owner' | { shownIf: 'showEmail' | 'showPhone' | 'showResume' };

/** How the stored value becomes the GraphQL value (profileView.ts). */
export type ValueKind = 'text' | 'dateTime' | 'flag' | 'list' | 'socialLinks' | 'projects' | 'links' | 'isOwner';

/** How ProfileInput checks and stores the field (profileInput.ts). */
export type InputRule =
  | 'username'
  | 'text'
  | 'flag'
  | 'email'
  | 'phone'
  | 'date'
  | 'skills'
  | 'socialLinks'
  | 'projects'
  | 'asset';

/** One profile field. */
export interface ProfileField {
  /** The profiles-table attribute (DynamoDB, snake_case); null when not stored there (computed, or another table). */
  stored: string | null;
  /** The attributes the view reads, first present wins; default: `stored` alone. */
  read?: readonly string[];
  kind: ValueKind;
  visibility: Visibility;
  /** The ProfileInput rule; null: the field is not in ProfileInput. */
  input: InputRule | null;
  /** `text`, `email`, `phone`: at most this many characters. */
  max?: number;
  /** `asset`: the owner's upload folder the key must be in. */
  folder?: 'profile' | 'resume';
  /** `asset`: the attributes that get the key's public URL (derived by the server, never sent). */
  urls?: readonly string[];
  /** What a new profile row starts with; absent: the attribute is not written. */
  initial?: boolean;
  /** The key in the seed's REST profile JSON (POST /profiles answers every key); null: not in REST. */
  rest: string | null;
  /** Whether GET /profiles/{username} has the key: yes, no, or only when visible (seed: "if show_email is true"). */
  restPublic: 'yes' | 'no' | 'ifVisible';
}

/** A field of the GraphQL Profile type. */
export type ProfileFieldName = Exclude<keyof Profile, '__typename'>;

/** Every Profile field, keyed by its GraphQL name. */
// biome-ignore format: one row per line, columns aligned, so that a grep shows a field's whole row.
export const PROFILE_FIELDS = {
  username:        { stored: 'username',          kind: 'text',        visibility: 'public',                  input: 'username',    rest: 'username',          restPublic: 'yes' },
  fullName:        { stored: 'full_name',         kind: 'text',        visibility: 'public',                  input: 'text',        rest: 'full_name',         restPublic: 'yes',       max: L.FULL_NAME_MAX },
  title:           { stored: 'title',             kind: 'text',        visibility: 'public',                  input: 'text',        rest: 'title',             restPublic: 'yes',       max: L.TITLE_MAX },
  bio:             { stored: 'bio',               kind: 'text',        visibility: 'public',                  input: 'text',        rest: 'bio',               restPublic: 'yes',       max: L.BIO_MAX },
  skills:          { stored: 'skills',            kind: 'list',        visibility: 'public',                  input: 'skills',      rest: 'skills',            restPublic: 'yes' },
  socialLinks:     { stored: 'social_links',      kind: 'socialLinks', visibility: 'public',                  input: 'socialLinks', rest: 'social_links',      restPublic: 'yes' },
  projects:        { stored: 'projects',          kind: 'projects',    visibility: 'public',                  input: 'projects',    rest: 'projects',          restPublic: 'yes' },
  // The seed's alias of avatarUrl: seed-era rows may hold only profile_image_url.
  profileImageUrl: { stored: 'profile_image_url', kind: 'text',        visibility: 'public',                  input: null,          rest: 'profile_image_url', restPublic: 'yes',       read: ['avatar_url', 'profile_image_url'] },
  avatarUrl:       { stored: 'avatar_url',        kind: 'text',        visibility: 'public',                  input: null,          rest: 'avatar_url',        restPublic: 'yes',       read: ['avatar_url', 'profile_image_url'] },
  avatarKey:       { stored: 'avatar_key',        kind: 'text',        visibility: 'public',                  input: 'asset',       rest: 'avatar_key',        restPublic: 'no',        folder: 'profile', urls: ['avatar_url', 'profile_image_url'] },
  resumeUrl:       { stored: 'resume_url',        kind: 'text',        visibility: { shownIf: 'showResume' }, input: null,          rest: 'resume_url',        restPublic: 'yes' },
  resumeKey:       { stored: 'resume_key',        kind: 'text',        visibility: { shownIf: 'showResume' }, input: 'asset',       rest: 'resume_key',        restPublic: 'no',        folder: 'resume', urls: ['resume_url'] },
  // Resolved by Profile.links from the links table.
  links:           { stored: null,                kind: 'links',       visibility: 'public',                  input: null,          rest: 'links',             restPublic: 'yes' },
  email:           { stored: 'email',             kind: 'text',        visibility: { shownIf: 'showEmail' },  input: 'email',       rest: 'email',             restPublic: 'ifVisible', max: L.EMAIL_MAX },
  phone:           { stored: 'phone',             kind: 'text',        visibility: { shownIf: 'showPhone' },  input: 'phone',       rest: 'phone',             restPublic: 'ifVisible', max: L.PHONE_MAX },
  showEmail:       { stored: 'show_email',        kind: 'flag',        visibility: 'public',                  input: 'flag',        rest: 'show_email',        restPublic: 'yes',       initial: false },
  showPhone:       { stored: 'show_phone',        kind: 'flag',        visibility: 'public',                  input: 'flag',        rest: 'show_phone',        restPublic: 'yes',       initial: false },
  showResume:      { stored: 'show_resume',       kind: 'flag',        visibility: 'public',                  input: 'flag',        rest: 'show_resume',       restPublic: 'yes',       initial: false },
  favoriteColor:   { stored: 'favorite_color',    kind: 'text',        visibility: 'public',                  input: 'text',        rest: 'favorite_color',    restPublic: 'no',        max: L.COLOR_MAX },
  dateOfBirth:     { stored: 'date_of_birth',     kind: 'text',        visibility: 'owner',                   input: 'date',        rest: 'date_of_birth',     restPublic: 'no' },
  // Computed per request: whether the caller owns the profile.
  isOwner:         { stored: null,                kind: 'isOwner',     visibility: 'public',                  input: null,          rest: null,                restPublic: 'no' },
  createdAt:       { stored: 'created_at',        kind: 'dateTime',    visibility: 'public',                  input: null,          rest: 'created_at',        restPublic: 'no' },
  updatedAt:       { stored: 'updated_at',        kind: 'dateTime',    visibility: 'public',                  input: null,          rest: 'updated_at',        restPublic: 'no' },
} as const satisfies Record<ProfileFieldName, ProfileField>;

/** One nested field of a profile's projects (Project / ProjectInput). */
export interface ProjectField {
  /** The attribute inside a stored project (snake_case). */
  stored: string;
  /** Whether ProjectInput has it. */
  input: boolean;
  /** The key in the seed's REST project JSON. */
  rest: string;
  /** Whether GET /profiles/{username} shows it (the owner's answer shows every key). */
  restPublic: boolean;
}

/** Every Project field, keyed by its GraphQL name, in the seed's order. */
export const PROJECT_FIELDS = {
  id: { stored: 'id', input: true, rest: 'id', restPublic: true },
  title: { stored: 'title', input: true, rest: 'title', restPublic: true },
  description: { stored: 'description', input: true, rest: 'description', restPublic: true },
  link: { stored: 'link', input: true, rest: 'link', restPublic: true },
  imageUrl: { stored: 'image_url', input: false, rest: 'image_url', restPublic: true },
  imageKey: { stored: 'image_key', input: true, rest: 'image_key', restPublic: false },
  techStack: { stored: 'tech_stack', input: true, rest: 'tech_stack', restPublic: true },
  order: { stored: 'order', input: true, rest: 'order', restPublic: true },
} as const satisfies Record<Exclude<keyof Project, '__typename'>, ProjectField>;

/** A row of PROFILE_FIELDS with its GraphQL name. */
export interface NamedProfileField {
  name: ProfileFieldName;
  field: ProfileField;
}

/** Every profile field with its name, in table order. */
export function profileFields(): NamedProfileField[] {
  return (Object.keys(PROFILE_FIELDS) as ProfileFieldName[]).map((name) => ({ name, field: PROFILE_FIELDS[name] }));
}

/** The fields ProfileInput checks and stores by `rule`, in table order. */
export function fieldsWithRule(rule: InputRule): NamedProfileField[] {
  return profileFields().filter((entry) => entry.field.input === rule);
}

/** Whether a viewer sees a field: the owner always; others by its visibility and the profile's show* flags. */
export function isVisible(visibility: Visibility, flags: Record<string, unknown>, isOwner: boolean): boolean {
  if (isOwner || visibility === 'public') {
    return true;
  }
  if (visibility === 'owner') {
    return false;
  }
  return flags[visibility.shownIf] === true;
}

/** The attributes a new profile row starts with (the `initial` column), e.g. show_email: false. */
export function initialProfileAttributes(): Record<string, boolean> {
  const attributes: Record<string, boolean> = {};
  profileFields().forEach((entry) => {
    const field = entry.field;
    if (field.initial !== undefined && field.stored !== null) {
      attributes[field.stored] = field.initial;
    }
  });
  return attributes;
}
