// POST /profiles body (docs/rest-contract.md "POST /profiles", snake_case) → GraphQL ProfileInput (camelCase), by
// the field table (resolvers/lib/profileFields.ts): each input field is read from its REST key.
// URLs the client sends (profile_image_url, resume_url, a project's image_url) are not input
// fields, so they are dropped: the server derives every public URL from the stored key
// (docs/architecture.md §4 "Uploads"), never trusts one.
import type { ProfileInput } from '../../../generated/graphql.ts';
import { PROFILE_FIELDS, PROJECT_FIELDS } from '../../../resolvers/lib/profileFields.ts';
import { HttpError } from '../httpErrors.ts';
import type { JsonObject } from './requestBody.ts';
import { copyIfPresent, isJsonObject, requireFields } from './requestBody.ts';

/** Maps a POST /profiles body to saveProfile's input; 400 when username is missing (seed). */
export function toProfileInput(body: JsonObject): ProfileInput {
  requireFields(body, [PROFILE_FIELDS.username.rest]);
  const input: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(PROFILE_FIELDS)) {
    if (field.input === null || field.rest === null || !Object.hasOwn(body, field.rest)) continue;
    const value = body[field.rest];
    // Only keys present are sent: absent keeps, null clears (docs/rest-contract.md "Partial Update Behavior").
    input[name] =
      field.input === 'socialLinks' ? toSocialLinks(value) : field.input === 'projects' ? toProjects(value) : value;
  }
  return input as ProfileInput;
}

// The seed stores social links as a {platform: url} map; its forms send "" (or null) for a
// platform left blank, which means "no link", not a link with an empty URL.
function toSocialLinks(value: unknown): { platform: string; url: unknown }[] | null {
  if (value === null) return null;
  if (!isJsonObject(value)) throw new HttpError(400, 'social_links must be an object of platform → URL.');
  return Object.keys(value)
    .filter((platform) => value[platform] !== null && value[platform] !== undefined && value[platform] !== '')
    .map((platform) => ({ platform, url: value[platform] }));
}

function toProjects(value: unknown): Record<string, unknown>[] | null {
  if (value === null) return null;
  if (!Array.isArray(value)) throw new HttpError(400, 'projects must be an array.');
  return value.map((project, index) => {
    if (!isJsonObject(project)) throw new HttpError(400, `projects[${index}] must be an object.`);
    const mapped: Record<string, unknown> = {};
    for (const [name, field] of Object.entries(PROJECT_FIELDS)) {
      if (field.input) copyIfPresent(project, field.rest, mapped, name);
    }
    return mapped;
  });
}
