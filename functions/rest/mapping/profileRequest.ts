// POST /profiles body (docs/rest-contract.md "POST /profiles", snake_case) → GraphQL ProfileInput (camelCase).
// URLs the client sends (profile_image_url, resume_url, a project's image_url) are dropped: the
// server derives every public URL from the stored key (docs/architecture.md §4 "Uploads"), never trusts one.
import type { ProfileInput } from '../../../generated/graphql.ts';
import { HttpError } from '../httpErrors.ts';
import type { JsonObject } from './requestBody.ts';
import { copyIfPresent, isJsonObject, requireFields } from './requestBody.ts';

const SCALAR_FIELDS: readonly [string, keyof ProfileInput][] = [
  ['username', 'username'],
  ['full_name', 'fullName'],
  ['title', 'title'],
  ['bio', 'bio'],
  ['skills', 'skills'],
  ['avatar_key', 'avatarKey'],
  ['resume_key', 'resumeKey'],
  ['email', 'email'],
  ['phone', 'phone'],
  ['show_email', 'showEmail'],
  ['show_phone', 'showPhone'],
  ['show_resume', 'showResume'],
  ['favorite_color', 'favoriteColor'],
  ['date_of_birth', 'dateOfBirth'],
];

const PROJECT_FIELDS: readonly [string, string][] = [
  ['id', 'id'],
  ['title', 'title'],
  ['description', 'description'],
  ['link', 'link'],
  ['image_key', 'imageKey'],
  ['tech_stack', 'techStack'],
  ['order', 'order'],
];

/** Maps a POST /profiles body to saveProfile's input; 400 when username is missing (seed). */
export function toProfileInput(body: JsonObject): ProfileInput {
  requireFields(body, ['username']);
  const input: Record<string, unknown> = {};
  for (const [from, to] of SCALAR_FIELDS) copyIfPresent(body, from, input, to);
  if (Object.hasOwn(body, 'social_links')) input.socialLinks = toSocialLinks(body.social_links);
  if (Object.hasOwn(body, 'projects')) input.projects = toProjects(body.projects);
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
    for (const [from, to] of PROJECT_FIELDS) copyIfPresent(project, from, mapped, to);
    return mapped;
  });
}
