// Turns a ProfileInput (GraphQL, camelCase) into the attributes to SET and REMOVE on the profile
// item (DynamoDB, the seed's snake_case), each field by its rule and names in the field table
// (profileFields.ts). Only fields present in the input appear in the plan, so a partial update
// can never overwrite a field somebody else just wrote. Pure: ids and "today" come in from the
// resolver.
import { assetKeyProblem, assetUrl } from './assets.ts';
import { storedSize } from './itemSize.ts';
import type { ProfileInput } from '../../generated/graphql.ts';
import * as L from './limits.ts';
import type { NamedProfileField } from './profileFields.ts';
import { fieldsWithRule } from './profileFields.ts';
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

/** What a failed check says, per rule (the field is named by its path). */
const CHECK_MESSAGES = {
  email: 'is not a valid email address',
  phone: 'is not a valid phone number',
  date: 'must be a date written YYYY-MM-DD, from 1900-01-01 to today',
};

/** Validates a ProfileInput and plans the update, or names the first bad field. */
export function planProfileUpdate(profileInput: ProfileInput, context: PlanContext): Checked<ProfilePlan> {
  // Each field by its rule in the field table; presence (omitted vs null) is what matters. Rules
  // run in this fixed order, so the first problem named does not depend on the table's order.
  const input = profileInput as Input;
  const plan: ProfilePlan = { username: null, set: {}, remove: [] };
  const problems: InputProblem[] = [];
  fieldsWithRule('username').forEach((entry) => planUsername(input, entry, plan, problems));
  fieldsWithRule('text').forEach((entry) => planText(input, entry, plan, problems));
  fieldsWithRule('flag').forEach((entry) => planFlag(input, entry, plan));
  fieldsWithRule('email').forEach((entry) => planChecked(input, entry, plan, problems, context.today));
  fieldsWithRule('phone').forEach((entry) => planChecked(input, entry, plan, problems, context.today));
  fieldsWithRule('date').forEach((entry) => planChecked(input, entry, plan, problems, context.today));
  fieldsWithRule('skills').forEach((entry) => planSkills(input, entry, plan, problems));
  fieldsWithRule('socialLinks').forEach((entry) => planSocialLinks(input, entry, plan, problems));
  fieldsWithRule('projects').forEach((entry) => planProjects(input, entry, context, plan, problems));
  fieldsWithRule('asset').forEach((entry) => planAsset(input, entry, context, plan, problems));

  if (problems.length > 0) {
    return refuse(problems[0].field, problems[0].message);
  }
  return { ok: true, value: plan };
}

function planUsername(input: Input, entry: NamedProfileField, plan: ProfilePlan, problems: InputProblem[]): void {
  const raw = input[entry.name];
  if (raw === undefined || raw === null) {
    return;
  }
  const name = normalizeUsername(raw as string);
  const bad = usernameProblem(name);
  if (bad) {
    problems.push({ field: `input.${entry.name}`, message: bad.message });
  }
  plan.username = name;
}

function planText(input: Input, entry: NamedProfileField, plan: ProfilePlan, problems: InputProblem[]): void {
  if (!Object.hasOwn(input, entry.name)) {
    return;
  }
  const raw = input[entry.name];
  const text = raw === null ? '' : (raw as string).trim();
  const max = entry.field.max as number;
  const attribute = entry.field.stored as string;
  if (text.length > max) {
    problems.push({ field: `input.${entry.name}`, message: `must have at most ${max} characters` });
  } else if (text === '') {
    plan.remove.push(attribute);
  } else {
    plan.set[attribute] = text;
  }
}

function planFlag(input: Input, entry: NamedProfileField, plan: ProfilePlan): void {
  if (!Object.hasOwn(input, entry.name)) {
    return;
  }
  const flag = input[entry.name];
  const attribute = entry.field.stored as string;
  if (flag === null) {
    plan.remove.push(attribute);
  } else {
    plan.set[attribute] = flag;
  }
}

/** email, phone and date: trimmed text that must pass its rule's check; blank or null clears. */
function planChecked(
  input: Input,
  entry: NamedProfileField,
  plan: ProfilePlan,
  problems: InputProblem[],
  today: string,
): void {
  if (!Object.hasOwn(input, entry.name)) {
    return;
  }
  const raw = input[entry.name];
  const text = raw === null ? '' : (raw as string).trim();
  const rule = entry.field.input as 'email' | 'phone' | 'date';
  const attribute = entry.field.stored as string;
  if (text === '') {
    plan.remove.push(attribute);
    return;
  }
  const valid =
    rule === 'date'
      ? isIsoDate(text) && text <= today && text >= '1900-01-01'
      : rule === 'email'
        ? isEmail(text, entry.field.max as number)
        : isPhone(text, entry.field.max as number);
  if (!valid) {
    problems.push({ field: `input.${entry.name}`, message: CHECK_MESSAGES[rule] });
  } else {
    plan.set[attribute] = text;
  }
}

function planSkills(input: Input, entry: NamedProfileField, plan: ProfilePlan, problems: InputProblem[]): void {
  if (!Object.hasOwn(input, entry.name)) {
    return;
  }
  const skills = input[entry.name] as string[] | null;
  const attribute = entry.field.stored as string;
  const at = `input.${entry.name}`;
  if (skills === null) {
    plan.remove.push(attribute);
    return;
  }
  if (skills.length > L.SKILLS_MAX) {
    problems.push({ field: at, message: `at most ${L.SKILLS_MAX} skills` });
    return;
  }
  const cleaned = skills.map((s) => s.trim());
  const bad = cleaned.findIndex((s) => s.length === 0 || s.length > L.SKILL_MAX);
  if (bad >= 0) {
    problems.push({ field: `${at}[${bad}]`, message: `a skill has 1 to ${L.SKILL_MAX} characters` });
    return;
  }
  plan.set[attribute] = cleaned;
}

function planSocialLinks(input: Input, entry: NamedProfileField, plan: ProfilePlan, problems: InputProblem[]): void {
  if (!Object.hasOwn(input, entry.name)) {
    return;
  }
  const links = input[entry.name] as { platform: string; url: string }[] | null;
  const attribute = entry.field.stored as string;
  const at = `input.${entry.name}`;
  if (links === null) {
    plan.remove.push(attribute);
    return;
  }
  if (links.length > L.SOCIAL_LINKS_MAX) {
    problems.push({ field: at, message: `at most ${L.SOCIAL_LINKS_MAX} social links` });
    return;
  }
  const byPlatform: Record<string, string> = {};
  links.forEach((link, i) => {
    const platform = link.platform.trim().toLowerCase();
    const url = link.url.trim();
    if (!isSafeId(platform, L.PLATFORM_MAX)) {
      problems.push({
        field: `${at}[${i}].platform`,
        message: `a platform has 1 to ${L.PLATFORM_MAX} letters, digits, "-" or "_"`,
      });
    } else if (Object.hasOwn(byPlatform, platform)) {
      problems.push({ field: `${at}[${i}].platform`, message: `"${platform}" is listed twice` });
    } else if (!isHttpUrl(url, L.URL_MAX)) {
      problems.push({ field: `${at}[${i}].url`, message: 'must be an http(s) URL' });
    } else {
      byPlatform[platform] = url;
    }
  });
  if (storedSize(byPlatform) > L.SOCIAL_LINKS_BYTES_MAX) {
    problems.push({ field: at, message: `together take at most ${L.SOCIAL_LINKS_BYTES_MAX} bytes (UTF-8)` });
  }
  plan.set[attribute] = byPlatform;
}

// A project's own fields (PROJECT_FIELDS in the field table) are checked and stored here.
function planProjects(
  input: Input,
  entry: NamedProfileField,
  context: PlanContext,
  plan: ProfilePlan,
  problems: InputProblem[],
): void {
  if (!Object.hasOwn(input, entry.name)) {
    return;
  }
  const projects = input[entry.name] as Input[] | null;
  const attribute = entry.field.stored as string;
  if (projects === null) {
    plan.remove.push(attribute);
    return;
  }
  if (projects.length > L.PROJECTS_MAX) {
    problems.push({ field: `input.${entry.name}`, message: `at most ${L.PROJECTS_MAX} projects` });
    return;
  }
  const ids: string[] = [];
  const stored = projects.map((project, i) =>
    planProject(project, `input.${entry.name}[${i}]`, context.projectIds[i], context, ids, problems),
  );
  if (storedSize(stored) > L.PROJECTS_BYTES_MAX) {
    problems.push({
      field: `input.${entry.name}`,
      message: `together take at most ${L.PROJECTS_BYTES_MAX} bytes (UTF-8)`,
    });
  }
  plan.set[attribute] = stored;
}

// One project: checked (the first problem only, in the input's order) and shaped as stored. `ids`
// collects the ids seen so far, so a repeated one is refused.
function planProject(
  project: Input,
  at: string,
  fallbackId: string,
  context: PlanContext,
  ids: string[],
  problems: InputProblem[],
): Record<string, unknown> {
  const id = project.id === undefined || project.id === null ? fallbackId : (project.id as string);
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
}

/** An upload key under the owner's folder; its public URL goes into the field's `urls` attributes. */
function planAsset(
  input: Input,
  entry: NamedProfileField,
  context: PlanContext,
  plan: ProfilePlan,
  problems: InputProblem[],
): void {
  if (!Object.hasOwn(input, entry.name)) {
    return;
  }
  const key = input[entry.name] as string | null;
  const attribute = entry.field.stored as string;
  const urls = (entry.field.urls ?? []) as string[];
  if (key === null || key === '') {
    plan.remove.push(attribute);
    urls.forEach((a) => plan.remove.push(a));
    return;
  }
  const bad = assetKeyProblem(key, context.sub, entry.field.folder as 'profile' | 'resume');
  if (bad !== null) {
    problems.push({ field: `input.${entry.name}`, message: bad });
    return;
  }
  const url = assetUrl(context.assetsBaseUrl, key);
  plan.set[attribute] = key;
  urls.forEach((a) => {
    plan.set[a] = url;
  });
}
