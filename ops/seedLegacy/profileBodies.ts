// The request bodies seed-era clients sent to POST /profiles: a first save with the essentials,
// then partial saves of a few fields each. Blank form fields arrive as "" (or null), older
// clients (v1) sent projects without ids and only `profile_image_url`, and a small share of
// values break today's rules (docs/rest-contract.md "Our deviations": stricter input).
import type { Random } from './random.ts';
import type { Item, LambdaVersion } from './seedLambdas.ts';

const SKILLS = ['TypeScript', 'Python', 'Go', 'Rust', 'SQL', 'AWS', 'React', 'GraphQL', 'Docker', 'Figma'];
const TECH = ['Node.js', 'DynamoDB', 'Lambda', 'S3', 'Vue', 'Postgres'];
const COLORS = ['purple', 'teal', 'orange'];

/** Which of today's rules a value breaks, when it does. */
export type InvalidValue =
  | 'bio-too-long'
  | 'too-many-skills'
  | 'project-link-without-scheme'
  | 'social-link-without-scheme'
  | 'date-of-birth-format'
  | 'contact-email'
  | 'contact-phone';

/** Everything a body generator needs to know about its account. */
export interface BodyContext {
  r: Random;
  username: string;
  userId: string;
  version: LambdaVersion;
  /** Values this account stores that today's rules refuse. */
  invalid: Set<InvalidValue>;
  assetsBaseUrl: string;
}

/** The first POST /profiles of an account: the name and the essentials. */
export function firstSave(c: BodyContext): Item {
  const body: Item = {
    username: c.username,
    full_name: fullName(c),
    title: c.r.pick(['Engineer', 'Designer', 'Founder']),
  };
  Object.assign(body, bioField(c), skillsField(c), socialField(c), projectsField(c));
  if (c.r.chance(0.7)) Object.assign(body, avatarFields(c));
  const contactRule = ['date-of-birth-format', 'contact-email', 'contact-phone'].some((v) =>
    c.invalid.has(v as InvalidValue),
  );
  if (contactRule || c.r.chance(0.4)) Object.assign(body, contactFields(c));
  return body;
}

/** A later partial save: the username (always sent) and two or three other fields. */
export function laterSave(c: BodyContext): Item {
  const parts = [bioField, skillsField, socialField, projectsField, avatarFields, resumeFields, contactFields];
  const body: Item = { username: c.username };
  for (let n = c.r.int(2, 3); n > 0; n -= 1) Object.assign(body, c.r.pick(parts)(c));
  if (c.r.chance(0.1)) body.favorite_color = c.r.pick(COLORS);
  return body;
}

function fullName(c: BodyContext): string {
  return c.username.replace(/[^a-zA-Z]+/g, ' ').trim() || 'Seed User';
}

function bioField(c: BodyContext): Item {
  const bio = c.invalid.has('bio-too-long') ? 'So much to say. '.repeat(140) : `Hi, I am ${c.username}.`;
  return { bio: !c.invalid.has('bio-too-long') && c.r.chance(0.05) ? null : bio };
}

function skillsField(c: BodyContext): Item {
  const count = c.invalid.has('too-many-skills') ? 55 : c.r.int(0, 6);
  return { skills: Array.from({ length: count }, (_, i) => `${c.r.pick(SKILLS)}${count > 10 ? ` ${i}` : ''}`) };
}

function socialField(c: BodyContext): Item {
  const github = c.invalid.has('social-link-without-scheme')
    ? `github.com/${c.username}`
    : `https://github.com/${encodeURIComponent(c.username)}`;
  const social: Item = { github };
  // Blank form inputs arrived as "" (or null from some clients).
  if (c.r.chance(0.6)) social.linkedin = c.r.chance(0.75) ? `https://linkedin.com/in/${c.userId.slice(0, 8)}` : '';
  if (c.r.chance(0.2)) social.twitter = c.r.chance(0.5) ? '' : null;
  return { social_links: social };
}

function projectsField(c: BodyContext): Item {
  const count = c.r.int(c.invalid.has('project-link-without-scheme') ? 1 : 0, 3);
  const projects = Array.from({ length: count }, (_, i) => {
    const project: Item = { title: `Project ${i + 1}`, description: 'Built with care.', tech_stack: [c.r.pick(TECH)] };
    project.link =
      c.invalid.has('project-link-without-scheme') && i === 0 ? 'www.example.com' : `https://example.com/${i}`;
    // v1 clients sent no ids; v2 clients generated a UUID per project and an order.
    if (c.version === 'v2') Object.assign(project, { id: c.r.uuid(), order: i });
    return project;
  });
  return { projects };
}

function avatarFields(c: BodyContext): Item {
  const key = `users/${c.userId}/profile/${c.r.uuid()}.jpg`;
  const url = `${c.assetsBaseUrl}/${key}`;
  return c.version === 'v2' ? { profile_image_url: url, avatar_key: key } : { profile_image_url: url };
}

function resumeFields(c: BodyContext): Item {
  const key = `users/${c.userId}/resume/${c.r.uuid()}.pdf`;
  return { resume_url: `${c.assetsBaseUrl}/${key}`, resume_key: key, show_resume: c.r.chance(0.5) };
}

function contactFields(c: BodyContext): Item {
  return {
    email: c.invalid.has('contact-email') ? `${c.username} at example` : `${c.username.toLowerCase()}@example.com`,
    phone: c.invalid.has('contact-phone') ? 'call me maybe' : '+1 555 0100',
    show_email: c.r.chance(0.5),
    show_phone: c.r.chance(0.3),
    date_of_birth: c.invalid.has('date-of-birth-format') ? '05/14/1990' : '1990-05-14',
  };
}
