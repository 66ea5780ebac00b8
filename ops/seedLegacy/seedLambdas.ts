// The seed's Python Lambdas, as far as they shape stored rows (docs/rest-contract.md "Database
// Schema" and "Partial Update Behavior"), modelled as pure functions over plain items. Where the
// seed's documentation is silent, the choice made here is named in a comment: it is what the
// generated data assumes about production.
//
// Values are stored as the JSON body gave them (the seed validated nothing but presence): empty
// strings and nulls stay, numbers stay numbers, and nothing is trimmed or lowercased.

/** A row as plain JSON. */
export type Item = Record<string, unknown>;

/** The keys POST /profiles accepts (seed "Profiles Endpoints"); anything else in a body is ignored. */
export const PROFILE_BODY_KEYS = [
  'username',
  'full_name',
  'title',
  'bio',
  'skills',
  'social_links',
  'projects',
  'profile_image_url',
  'avatar_key',
  'resume_url',
  'resume_key',
  'email',
  'phone',
  'show_email',
  'show_phone',
  'show_resume',
  'date_of_birth',
  'favorite_color',
] as const;

/** Which generation of the profiles Lambda handled a save. */
export type LambdaVersion = 'v1' | 'v2';

/**
 * post-confirmation: the users row a confirmed sign-up creates (seed "Post-Confirmation Lambda").
 * Assumed: the chosen `custom:username` is copied when there is one; no profile row is created.
 */
export function postConfirmation(attributes: Record<string, string>, now: string): Item {
  const user: Item = {
    user_id: attributes.sub,
    email: attributes.email,
    profile_complete: false,
    created_at: now,
    updated_at: now,
  };
  if (attributes['custom:username']) user.username = attributes['custom:username'];
  if (attributes['custom:date_of_birth']) user.date_of_birth = attributes['custom:date_of_birth'];
  return user;
}

/**
 * POST /profiles, create_or_update_profile(): the partial-update merge. A key present in the
 * body replaces the stored value (lists replaced whole), an absent key keeps it; created_at is
 * kept, updated_at set. Assumed for v2 (later) Lambdas: `avatar_url` mirrors `profile_image_url`;
 * v1 stored `profile_image_url` alone, which is how rows without `avatar_url` came to be.
 */
export function saveProfile(
  existing: Item | null,
  userId: string,
  body: Item,
  now: string,
  version: LambdaVersion,
): Item {
  const item: Item = existing ? { ...existing } : { created_at: now };
  for (const key of PROFILE_BODY_KEYS) {
    if (Object.hasOwn(body, key)) item[key] = body[key];
  }
  item.user_id = userId;
  item.updated_at = now;
  if (version === 'v2' && Object.hasOwn(body, 'profile_image_url')) item.avatar_url = body.profile_image_url;
  return item;
}

/**
 * The users-row update that follows a profile save. Assumed: an UpdateItem
 * (`SET username, profile_complete = true, updated_at`), which creates a partial row (no email,
 * no created_at) for a user whose post-confirmation never ran.
 */
export function markUserComplete(existing: Item | null, userId: string, username: string, now: string): Item {
  return { ...(existing ?? { user_id: userId }), username, profile_complete: true, updated_at: now };
}

/** POST /links, create_or_update_link() for a new link: `order` defaults to 0, `is_deleted` false. */
export function createLink(userId: string, linkId: string, body: Item, now: string): Item {
  return {
    user_id: userId,
    link_id: linkId,
    title: body.title,
    url: body.url,
    order: body.order ?? 0,
    is_deleted: false,
    created_at: now,
    updated_at: now,
  };
}

/** DELETE /links/{id}: the soft delete. */
export function deleteLink(link: Item, now: string): Item {
  return { ...link, is_deleted: true, updated_at: now };
}
