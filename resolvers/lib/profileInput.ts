// Turns a ProfileInput (GraphQL, camelCase) into the attributes to SET and REMOVE on the profile
// item (DynamoDB, the seed's snake_case). Only fields present in the input appear in the plan, so
// a partial update can never overwrite a field somebody else just wrote. Pure: ids and "today"
// come in from the resolver.
import { assetKeyProblem, assetUrl } from './assets.ts';
import { storedSize } from './itemSize.ts';
import type { ProfileInput } from '../../generated/graphql.ts';
import * as L from './limits.ts';
import type { Checked, InputProblem } from './problems.ts';
import { refuse } from './problems.ts';
import { isEmail, isHttpUrl, isIsoDate, isPhone, isSafeId } from './text.ts';
import { normalizeUsername, usernameProblem } from './username.ts';

/** What a saveProfile call changes. */
export interface ProfilePlan {
  /** The normalized username asked for, or null when the input names none. */
  username: string | null;
  set: Record<string, unknown>;
  remove: string[];
}

/** Values the plan needs from outside: caller, storage base URL, clock, fresh ids. */
export interface PlanContext {
  sub: string;
  assetsBaseUrl: string;
  /** Today's date, YYYY-MM-DD (UTC). */
  today: string;
  /** One fresh id per input project, used where a project comes without an id. */
  projectIds: string[];
}

type Input = Record<string, unknown>;

const TEXT_FIELDS: [string, string, number][] = [
  ['fullName', 'full_name', L.FULL_NAME_MAX],
  ['title', 'title', L.TITLE_MAX],
  ['bio', 'bio', L.BIO_MAX],
  ['favoriteColor', 'favorite_color', L.COLOR_MAX],
];

const FLAG_FIELDS: [string, string][] = [
  ['showEmail', 'show_email'],
  ['showPhone', 'show_phone'],
  ['showResume', 'show_resume'],
];

/** Validates a ProfileInput and plans the update, or names the first bad field. */
export function planProfileUpdate(profileInput: ProfileInput, context: PlanContext): Checked<ProfilePlan> {
  // Read field by field through a table of names; presence (omitted vs null) is what matters.
  const input = profileInput as Input;
  const plan: ProfilePlan = { username: null, set: {}, remove: [] };
  const problems: InputProblem[] = [];

  if (input.username !== undefined && input.username !== null) {
    const name = normalizeUsername(input.username as string);
    const bad = usernameProblem(name);
    if (bad) {
      problems.push({ field: 'input.username', message: bad.message });
    }
    plan.username = name;
  }

  for (const [field, attribute, max] of TEXT_FIELDS) {
    planText(input, field, attribute, max, plan, problems);
  }
  for (const [field, attribute] of FLAG_FIELDS) {
    if (Object.hasOwn(input, field)) {
      const flag = input[field];
      if (flag === null) {
        plan.remove.push(attribute);
      } else {
        plan.set[attribute] = flag;
      }
    }
  }

  planChecked(input, 'email', 'email', plan, problems, 'is not a valid email address', L.EMAIL_MAX);
  planChecked(input, 'phone', 'phone', plan, problems, 'is not a valid phone number', L.PHONE_MAX);
  planChecked(
    input,
    'dateOfBirth',
    'date_of_birth',
    plan,
    problems,
    'must be a date written YYYY-MM-DD, from 1900-01-01 to today',
    0,
    context.today,
  );

  planSkills(input, plan, problems);
  planSocialLinks(input, plan, problems);
  planProjects(input, context, plan, problems);
  planAsset(input, 'avatarKey', 'profile', ['avatar_key', 'avatar_url', 'profile_image_url'], context, plan, problems);
  planAsset(input, 'resumeKey', 'resume', ['resume_key', 'resume_url'], context, plan, problems);

  if (problems.length > 0) {
    return refuse(problems[0].field, problems[0].message);
  }
  return { ok: true, value: plan };
}

function planText(
  input: Input,
  field: string,
  attribute: string,
  max: number,
  plan: ProfilePlan,
  problems: InputProblem[],
): void {
  if (!Object.hasOwn(input, field)) {
    return;
  }
  const raw = input[field];
  const text = raw === null ? '' : (raw as string).trim();
  if (text.length > max) {
    problems.push({ field: `input.${field}`, message: `must have at most ${max} characters` });
  } else if (text === '') {
    plan.remove.push(attribute);
  } else {
    plan.set[attribute] = text;
  }
}

function planChecked(
  input: Input,
  field: string,
  attribute: string,
  plan: ProfilePlan,
  problems: InputProblem[],
  message: string,
  max: number,
  today?: string,
): void {
  if (!Object.hasOwn(input, field)) {
    return;
  }
  const raw = input[field];
  const text = raw === null ? '' : (raw as string).trim();
  if (text === '') {
    plan.remove.push(attribute);
    return;
  }
  const valid =
    today !== undefined
      ? isIsoDate(text) && text <= today && text >= '1900-01-01'
      : attribute === 'email'
        ? isEmail(text, max)
        : isPhone(text, max);
  if (!valid) {
    problems.push({ field: `input.${field}`, message: `${message}` });
  } else {
    plan.set[attribute] = text;
  }
}

function planSkills(input: Input, plan: ProfilePlan, problems: InputProblem[]): void {
  if (!Object.hasOwn(input, 'skills')) {
    return;
  }
  const skills = input.skills as string[] | null;
  if (skills === null) {
    plan.remove.push('skills');
    return;
  }
  if (skills.length > L.SKILLS_MAX) {
    problems.push({ field: 'input.skills', message: `at most ${L.SKILLS_MAX} skills` });
    return;
  }
  const cleaned = skills.map((s) => s.trim());
  const bad = cleaned.findIndex((s) => s.length === 0 || s.length > L.SKILL_MAX);
  if (bad >= 0) {
    problems.push({ field: `input.skills[${bad}]`, message: `a skill has 1 to ${L.SKILL_MAX} characters` });
    return;
  }
  plan.set.skills = cleaned;
}

function planSocialLinks(input: Input, plan: ProfilePlan, problems: InputProblem[]): void {
  if (!Object.hasOwn(input, 'socialLinks')) {
    return;
  }
  const links = input.socialLinks as { platform: string; url: string }[] | null;
  if (links === null) {
    plan.remove.push('social_links');
    return;
  }
  if (links.length > L.SOCIAL_LINKS_MAX) {
    problems.push({ field: 'input.socialLinks', message: `at most ${L.SOCIAL_LINKS_MAX} social links` });
    return;
  }
  const byPlatform: Record<string, string> = {};
  links.forEach((link, i) => {
    const platform = link.platform.trim().toLowerCase();
    const url = link.url.trim();
    if (!isSafeId(platform, L.PLATFORM_MAX)) {
      problems.push({
        field: `input.socialLinks[${i}].platform`,
        message: `a platform has 1 to ${L.PLATFORM_MAX} letters, digits, "-" or "_"`,
      });
    } else if (Object.hasOwn(byPlatform, platform)) {
      problems.push({ field: `input.socialLinks[${i}].platform`, message: `"${platform}" is listed twice` });
    } else if (!isHttpUrl(url, L.URL_MAX)) {
      problems.push({ field: `input.socialLinks[${i}].url`, message: 'must be an http(s) URL' });
    } else {
      byPlatform[platform] = url;
    }
  });
  if (storedSize(byPlatform) > L.SOCIAL_LINKS_BYTES_MAX) {
    problems.push({
      field: 'input.socialLinks',
      message: `together take at most ${L.SOCIAL_LINKS_BYTES_MAX} bytes (UTF-8)`,
    });
  }
  plan.set.social_links = byPlatform;
}

function planProjects(input: Input, context: PlanContext, plan: ProfilePlan, problems: InputProblem[]): void {
  if (!Object.hasOwn(input, 'projects')) {
    return;
  }
  const projects = input.projects as Input[] | null;
  if (projects === null) {
    plan.remove.push('projects');
    return;
  }
  if (projects.length > L.PROJECTS_MAX) {
    problems.push({ field: 'input.projects', message: `at most ${L.PROJECTS_MAX} projects` });
    return;
  }
  const ids: string[] = [];
  const stored = projects.map((project, i) => {
    const at = `input.projects[${i}]`;
    const id = project.id === undefined || project.id === null ? context.projectIds[i] : (project.id as string);
    const title = (project.title as string).trim();
    const description =
      project.description === undefined || project.description === null ? '' : (project.description as string).trim();
    const link = project.link === undefined || project.link === null ? '' : (project.link as string).trim();
    const imageKey = project.imageKey === undefined || project.imageKey === null ? '' : (project.imageKey as string);
    const techStack =
      project.techStack === undefined || project.techStack === null
        ? []
        : (project.techStack as string[]).map((t) => t.trim());
    const order = project.order;
    if (!isSafeId(id, L.ID_MAX)) {
      problems.push({ field: `${at}.id`, message: `an id has 1 to ${L.ID_MAX} letters, digits, "-" or "_"` });
    } else if (ids.indexOf(id) >= 0) {
      problems.push({ field: `${at}.id`, message: `id "${id}" is used twice` });
    } else if (title.length === 0 || title.length > L.PROJECT_TITLE_MAX) {
      problems.push({ field: `${at}.title`, message: `a title has 1 to ${L.PROJECT_TITLE_MAX} characters` });
    } else if (description.length > L.PROJECT_DESCRIPTION_MAX) {
      problems.push({
        field: `${at}.description`,
        message: `must have at most ${L.PROJECT_DESCRIPTION_MAX} characters`,
      });
    } else if (link !== '' && !isHttpUrl(link, L.URL_MAX)) {
      problems.push({ field: `${at}.link`, message: 'must be an http(s) URL' });
    } else if (imageKey !== '' && assetKeyProblem(imageKey, context.sub, 'projects') !== null) {
      problems.push({ field: `${at}.imageKey`, message: assetKeyProblem(imageKey, context.sub, 'projects') as string });
    } else if (techStack.length > L.TECH_STACK_MAX || techStack.some((t) => t.length === 0 || t.length > L.TECH_MAX)) {
      problems.push({
        field: `${at}.techStack`,
        message: `at most ${L.TECH_STACK_MAX} entries of 1 to ${L.TECH_MAX} characters`,
      });
    } else if (order !== undefined && order !== null && ((order as number) < 0 || (order as number) > L.ORDER_MAX)) {
      problems.push({ field: `${at}.order`, message: `must be between 0 and ${L.ORDER_MAX}` });
    }
    ids.push(id);
    const item: Record<string, unknown> = { id, title, tech_stack: techStack };
    if (description !== '') {
      item.description = description;
    }
    if (link !== '') {
      item.link = link;
    }
    if (imageKey !== '') {
      item.image_key = imageKey;
      item.image_url = assetUrl(context.assetsBaseUrl, imageKey);
    }
    if (order !== undefined && order !== null) {
      item.order = order;
    }
    return item;
  });
  if (storedSize(stored) > L.PROJECTS_BYTES_MAX) {
    problems.push({ field: 'input.projects', message: `together take at most ${L.PROJECTS_BYTES_MAX} bytes (UTF-8)` });
  }
  plan.set.projects = stored;
}

function planAsset(
  input: Input,
  field: string,
  folder: 'profile' | 'resume',
  attributes: string[],
  context: PlanContext,
  plan: ProfilePlan,
  problems: InputProblem[],
): void {
  if (!Object.hasOwn(input, field)) {
    return;
  }
  const key = input[field] as string | null;
  if (key === null || key === '') {
    attributes.forEach((a) => plan.remove.push(a));
    return;
  }
  const bad = assetKeyProblem(key, context.sub, folder);
  if (bad !== null) {
    problems.push({ field: `input.${field}`, message: bad });
    return;
  }
  const url = assetUrl(context.assetsBaseUrl, key);
  plan.set[attributes[0]] = key;
  attributes.slice(1).forEach((a) => {
    plan.set[a] = url;
  });
}
