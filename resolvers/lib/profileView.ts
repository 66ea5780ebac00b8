// DynamoDB profile item (snake_case) → GraphQL Profile (camelCase), masked for the viewer, all by
// the field table (profileFields.ts): each field's stored attribute, value kind and visibility
// (contact details only where the owner chose to show them, date of birth only to the owner).

import type { Profile, Project } from '../../generated/graphql.ts';
import type { ProfileField } from './profileFields.ts';
import { isVisible, profileFields } from './profileFields.ts';
import { asDateTime } from './timestamps.ts';

type Item = Record<string, unknown>;

/** A resolved Profile before its nested `links` resolver runs, plus the owner id Profile.links reads. */
export type ProfileView = Omit<Profile, 'links' | '__typename'> & { userId: string };

/** The Profile a viewer may see; `viewerSub` is the caller's Cognito sub (absent for API key/IAM). */
export function toProfile(item: Item, viewerSub: string | null | undefined): ProfileView {
  const isOwner = !!viewerSub && item.user_id === viewerSub;
  // Not in the schema: carried for Profile.links (ctx.source), never serialized to clients.
  const view: Item = { userId: item.user_id };
  const fields = profileFields().filter((entry) => entry.field.kind !== 'links');
  fields.forEach((entry) => {
    view[entry.name] = fieldValue(entry.field, item, isOwner);
  });
  // Masked once every value is read: the rules look at the stored show* flags.
  const hidden = fields.filter((entry) => !isVisible(entry.field.visibility, view, isOwner));
  hidden.forEach((entry) => {
    view[entry.name] = null;
  });
  return view as ProfileView;
}

/** One field's GraphQL value, unmasked, from the stored item. */
function fieldValue(field: ProfileField, item: Item, isOwner: boolean): unknown {
  if (field.kind === 'isOwner') {
    return isOwner;
  }
  const attributes = (field.read ?? [field.stored]) as string[];
  const present = attributes.find((attribute) => item[attribute] !== undefined && item[attribute] !== null);
  const value = present === undefined ? null : item[present];
  if (field.kind === 'dateTime') {
    return asDateTime(value);
  }
  if (field.kind === 'flag') {
    return value === true;
  }
  if (field.kind === 'list') {
    return value ?? [];
  }
  if (field.kind === 'socialLinks') {
    return toSocialLinks((value ?? {}) as Record<string, unknown>);
  }
  if (field.kind === 'projects') {
    return ((value ?? []) as Item[]).map((p) => toProject(p));
  }
  return value;
}

/** The stored {platform: url} map as a list sorted by platform. */
function toSocialLinks(map: Record<string, unknown>): { platform: string; url: string }[] {
  // Seed-era maps may hold null or "" for a platform the user left blank: not a link.
  return Object.keys(map)
    .sort()
    .filter((platform) => typeof map[platform] === 'string' && map[platform] !== '')
    .map((platform) => ({ platform, url: map[platform] as string }));
}

/** A stored project → GraphQL Project. Old rows may lack an id; the title stands in for it. */
export function toProject(p: Item): Project {
  return {
    id: (p.id ?? p.title) as string,
    title: p.title as string,
    description: (p.description ?? null) as string | null,
    link: (p.link ?? null) as string | null,
    imageKey: (p.image_key ?? null) as string | null,
    imageUrl: (p.image_url ?? null) as string | null,
    techStack: (p.tech_stack ?? []) as string[],
    order: (p.order ?? null) as number | null,
  };
}
