// GraphQL Profile (camelCase) → the seed's profile JSON (snake_case): the owner's full profile
// answered by POST /profiles, and the public shape of GET /profiles/{username}.
import type { Link, Profile, Project, SocialLink } from '../../../generated/graphql.ts';

/** The Profile fields the full view reads (what SAVE_PROFILE_MUTATION selects). */
export type FullProfile = Pick<
  Profile,
  | 'username'
  | 'fullName'
  | 'title'
  | 'bio'
  | 'skills'
  | 'avatarKey'
  | 'avatarUrl'
  | 'profileImageUrl'
  | 'resumeKey'
  | 'resumeUrl'
  | 'email'
  | 'phone'
  | 'showEmail'
  | 'showPhone'
  | 'showResume'
  | 'favoriteColor'
  | 'dateOfBirth'
  | 'createdAt'
  | 'updatedAt'
> & { socialLinks: SocialLinkFields[]; projects: ProjectFields[]; links: LinkFields[] };

/** The Profile fields the public view reads (what PUBLIC_PROFILE_QUERY selects). */
export type PublicProfile = Pick<
  Profile,
  | 'username'
  | 'fullName'
  | 'title'
  | 'bio'
  | 'skills'
  | 'profileImageUrl'
  | 'avatarUrl'
  | 'resumeUrl'
  | 'email'
  | 'phone'
  | 'showEmail'
  | 'showPhone'
  | 'showResume'
  | 'isOwner'
> & { socialLinks: SocialLinkFields[]; projects: Omit<ProjectFields, 'imageKey'>[]; links: LinkFields[] };

type SocialLinkFields = Pick<SocialLink, 'platform' | 'url'>;
type ProjectFields = Pick<
  Project,
  'id' | 'title' | 'description' | 'link' | 'imageKey' | 'imageUrl' | 'techStack' | 'order'
>;
type LinkFields = Pick<Link, 'title' | 'url'>;

/** The owner's full profile in the seed's snake_case; `userId` is the caller's sub. */
export function toFullProfileJson(profile: FullProfile, userId: string | null): Record<string, unknown> {
  return {
    username: profile.username,
    user_id: userId,
    full_name: profile.fullName ?? null,
    title: profile.title ?? null,
    bio: profile.bio ?? null,
    skills: profile.skills,
    social_links: toSocialLinksMap(profile.socialLinks),
    projects: profile.projects.map((project) => ({ ...toProjectJson(project), image_key: project.imageKey ?? null })),
    profile_image_url: profile.profileImageUrl ?? null,
    avatar_url: profile.avatarUrl ?? null,
    avatar_key: profile.avatarKey ?? null,
    resume_url: profile.resumeUrl ?? null,
    resume_key: profile.resumeKey ?? null,
    email: profile.email ?? null,
    phone: profile.phone ?? null,
    show_email: profile.showEmail,
    show_phone: profile.showPhone,
    show_resume: profile.showResume,
    favorite_color: profile.favoriteColor ?? null,
    date_of_birth: profile.dateOfBirth ?? null,
    links: toLinks(profile.links),
    created_at: profile.createdAt,
    updated_at: profile.updatedAt,
  };
}

/**
 * The seed's public profile JSON. email/phone keys appear only when shown or to the owner
 * (docs/rest-contract.md "Visibility Controls"), mirroring what the API itself returned.
 */
export function toPublicProfileJson(profile: PublicProfile): Record<string, unknown> {
  const json: Record<string, unknown> = {
    username: profile.username,
    full_name: profile.fullName ?? null,
    title: profile.title ?? null,
    bio: profile.bio ?? null,
    skills: profile.skills,
    social_links: toSocialLinksMap(profile.socialLinks),
    projects: profile.projects.map(toProjectJson),
    profile_image_url: profile.profileImageUrl ?? null,
    avatar_url: profile.avatarUrl ?? null,
    resume_url: profile.resumeUrl ?? null,
    links: toLinks(profile.links),
  };
  if (profile.showEmail || profile.isOwner) json.email = profile.email ?? null;
  if (profile.showPhone || profile.isOwner) json.phone = profile.phone ?? null;
  json.show_email = profile.showEmail;
  json.show_phone = profile.showPhone;
  json.show_resume = profile.showResume;
  return json;
}

/** A project as the seed's public JSON shows it (the full view adds image_key). */
function toProjectJson(project: Omit<ProjectFields, 'imageKey'>): Record<string, unknown> {
  return {
    id: project.id,
    title: project.title,
    description: project.description ?? null,
    link: project.link ?? null,
    image_url: project.imageUrl ?? null,
    tech_stack: project.techStack,
    order: project.order ?? null,
  };
}

// Object.fromEntries defines own properties, so a platform named "__proto__" stays data.
function toSocialLinksMap(links: readonly SocialLinkFields[]): Record<string, string> {
  return Object.fromEntries(links.map((link) => [link.platform, link.url]));
}

function toLinks(links: readonly LinkFields[]): { title: string; url: string }[] {
  return links.map((link) => ({ title: link.title, url: link.url }));
}
