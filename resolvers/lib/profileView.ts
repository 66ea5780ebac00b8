// DynamoDB profile item (snake_case) → GraphQL Profile (camelCase), masked for the viewer:
// contact details only where the owner chose to show them, date of birth only to the owner.

import type { Profile, Project } from '../../generated/graphql.ts';
import { asDateTime } from './timestamps.ts';

type Item = Record<string, unknown>;

/** A resolved Profile before its nested `links` resolver runs, plus the owner id Profile.links reads. */
export type ProfileView = Omit<Profile, 'links' | '__typename'> & { userId: string };

/** The Profile a viewer may see; `viewerSub` is the caller's Cognito sub (absent for API key/IAM). */
export function toProfile(item: Item, viewerSub: string | null | undefined): ProfileView {
  const isOwner = !!viewerSub && item.user_id === viewerSub;
  const showEmail = item.show_email === true;
  const showPhone = item.show_phone === true;
  const showResume = item.show_resume === true;
  const socialLinks = (item.social_links ?? {}) as Record<string, string>;
  const avatarUrl = (item.avatar_url ?? item.profile_image_url ?? null) as string | null;
  const projects = (item.projects ?? []) as Item[];
  const text = (value: unknown) => (value ?? null) as string | null;
  return {
    // Not in the schema: carried for Profile.links (ctx.source), never serialized to clients.
    userId: item.user_id as string,
    username: item.username as string,
    fullName: text(item.full_name),
    title: text(item.title),
    bio: text(item.bio),
    skills: (item.skills ?? []) as string[],
    // Seed-era maps may hold null or "" for a platform the user left blank: not a link.
    socialLinks: Object.keys(socialLinks)
      .sort()
      .filter((platform) => typeof socialLinks[platform] === 'string' && socialLinks[platform] !== '')
      .map((platform) => ({ platform, url: socialLinks[platform] })),
    projects: projects.map((p) => toProject(p)),
    avatarKey: text(item.avatar_key),
    avatarUrl,
    profileImageUrl: avatarUrl,
    resumeKey: isOwner || showResume ? text(item.resume_key) : null,
    resumeUrl: isOwner || showResume ? text(item.resume_url) : null,
    email: isOwner || showEmail ? text(item.email) : null,
    phone: isOwner || showPhone ? text(item.phone) : null,
    showEmail,
    showPhone,
    showResume,
    favoriteColor: text(item.favorite_color),
    dateOfBirth: isOwner ? text(item.date_of_birth) : null,
    isOwner,
    createdAt: asDateTime(item.created_at),
    updatedAt: asDateTime(item.updated_at),
  };
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
