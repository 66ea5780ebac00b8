// DynamoDB profile item (snake_case) → GraphQL Profile (camelCase), masked for the viewer:
// contact details only where the owner chose to show them, date of birth only to the owner.

type Item = Record<string, unknown>;

/** The Profile a viewer may see; `viewerSub` is the caller's Cognito sub (absent for API key/IAM). */
export function toProfile(item: Item, viewerSub: string | null | undefined): Record<string, unknown> {
  const isOwner = !!viewerSub && item.user_id === viewerSub;
  const showEmail = item.show_email === true;
  const showPhone = item.show_phone === true;
  const showResume = item.show_resume === true;
  const socialLinks = (item.social_links ?? {}) as Record<string, string>;
  const avatarUrl = (item.avatar_url ?? item.profile_image_url ?? null) as string | null;
  const projects = (item.projects ?? []) as Item[];
  return {
    // Not in the schema: carried for Profile.links (ctx.source), never serialized to clients.
    userId: item.user_id,
    username: item.username,
    fullName: item.full_name ?? null,
    title: item.title ?? null,
    bio: item.bio ?? null,
    skills: item.skills ?? [],
    socialLinks: Object.keys(socialLinks).sort().map((platform) => ({ platform, url: socialLinks[platform] })),
    projects: projects.map((p) => toProject(p)),
    avatarKey: item.avatar_key ?? null,
    avatarUrl,
    profileImageUrl: avatarUrl,
    resumeKey: isOwner || showResume ? item.resume_key ?? null : null,
    resumeUrl: isOwner || showResume ? item.resume_url ?? null : null,
    email: isOwner || showEmail ? item.email ?? null : null,
    phone: isOwner || showPhone ? item.phone ?? null : null,
    showEmail,
    showPhone,
    showResume,
    favoriteColor: item.favorite_color ?? null,
    dateOfBirth: isOwner ? item.date_of_birth ?? null : null,
    isOwner,
    createdAt: item.created_at,
    updatedAt: item.updated_at,
  };
}

/** A stored project → GraphQL Project. Old rows may lack an id; the title stands in for it. */
export function toProject(p: Item): Record<string, unknown> {
  return {
    id: p.id ?? p.title,
    title: p.title,
    description: p.description ?? null,
    link: p.link ?? null,
    imageKey: p.image_key ?? null,
    imageUrl: p.image_url ?? null,
    techStack: p.tech_stack ?? [],
    order: p.order ?? null,
  };
}
