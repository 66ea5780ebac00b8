// POST /profiles body (docs/rest-contract.md "POST /profiles", snake_case) → GraphQL ProfileInput (camelCase), by
// the field table (resolvers/lib/profileFields.ts): each input field is read from its REST key.
// URLs the client sends (profile_image_url, resume_url, a project's image_url) are not input
// fields, so they are dropped: the server derives every public URL from the stored key
// (docs/architecture.md §4 "Uploads"), never trusts one.
import type { ProfileInput } from '../../../generated/graphql.ts';
import type { InputRule } from '../../../resolvers/lib/profileFields.ts';
import { PROFILE_FIELDS, PROJECT_FIELDS } from '../../../resolvers/lib/profileFields.ts';
import { HttpError } from '../httpErrors.ts';
import type { JsonKind, JsonObject } from './requestBody.ts';
import { checkKind, copyIfPresent, isJsonObject, requireFields } from './requestBody.ts';

// The JSON a field's input rule takes; social links and projects are checked entry by entry.
const INPUT_KINDS: Record<Exclude<InputRule, 'socialLinks' | 'projects'>, JsonKind> = {
  username: 'string',
  text: 'string',
  flag: 'boolean',
  email: 'string',
  phone: 'string',
  date: 'string',
  skills: 'strings',
  asset: 'string',
};

// ProjectInput's fields by GraphQL name: what JSON each takes (title is required, as in ProjectInput).
const PROJECT_KINDS: Record<keyof typeof PROJECT_FIELDS, JsonKind> = {
  id: 'string',
  title: 'string',
  description: 'string',
  link: 'string',
  imageUrl: 'string',
  imageKey: 'string',
  techStack: 'strings',
  order: 'integer',
};

/** Maps a POST /profiles body to saveProfile's input; 400 when username is missing (seed). */
export function toProfileInput(body: JsonObject): ProfileInput {
  requireFields(body, [PROFILE_FIELDS.username.rest]);
  const input: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(PROFILE_FIELDS)) {
    if (field.input === null || field.rest === null || !Object.hasOwn(body, field.rest)) continue;
    const value = body[field.rest];
    // Only keys present are sent: absent keeps, null clears (docs/rest-contract.md "Partial Update Behavior").
    if (field.input === 'socialLinks') input[name] = toSocialLinks(value);
    else if (field.input === 'projects') input[name] = toProjects(value);
    else {
      checkKind(value, INPUT_KINDS[field.input], field.rest);
      input[name] = value;
    }
  }
  return input as ProfileInput;
}

// The seed stores social links as a {platform: url} map; its forms send "" (or null) for a
// platform left blank, which means "no link", not a link with an empty URL.
function toSocialLinks(value: unknown): { platform: string; url: unknown }[] | null {
  if (value === null) return null;
  if (!isJsonObject(value)) throw new HttpError(400, 'social_links must be an object of platform → URL.');
  const platforms = Object.keys(value).filter(
    (platform) => value[platform] !== null && value[platform] !== undefined && value[platform] !== '',
  );
  platforms.forEach((platform) => checkKind(value[platform], 'string', `social_links.${platform}`));
  return platforms.map((platform) => ({ platform, url: value[platform] }));
}

function toProjects(value: unknown): Record<string, unknown>[] | null {
  if (value === null) return null;
  if (!Array.isArray(value)) throw new HttpError(400, 'projects must be an array.');
  return value.map((project, index) => {
    if (!isJsonObject(project)) throw new HttpError(400, `projects[${index}] must be an object.`);
    requireFields(project, [PROJECT_FIELDS.title.rest], `projects[${index}].`);
    const mapped: Record<string, unknown> = {};
    for (const [name, field] of Object.entries(PROJECT_FIELDS) as [
      keyof typeof PROJECT_FIELDS,
      (typeof PROJECT_FIELDS)[keyof typeof PROJECT_FIELDS],
    ][]) {
      if (!field.input) continue;
      checkKind(project[field.rest], PROJECT_KINDS[name], `projects[${index}].${field.rest}`);
      copyIfPresent(project, field.rest, mapped, name);
    }
    return mapped;
  });
}
