// What the migration changes in a stored profile (the known gaps): projects without an
// id get stable ids, `avatar_url` is filled from `profile_image_url`, blank social links are
// dropped, and zone-less timestamps become UTC. Pure: the row in, the planned update, the row as
// it will be, and one "fixed" finding per kind of change.
import { asDateTime, lacksZone } from '../../../resolvers/lib/timestamps.ts';
import type { Finding } from '../findings.ts';
import type { RowUpdate } from './rowUpdate.ts';
import { noUpdate } from './rowUpdate.ts';
import { stableProjectId } from './stableIds.ts';

type Item = Record<string, unknown>;

/** The planned change of one row. */
export interface RowFix {
  update: RowUpdate;
  /** The row after the update. */
  fixed: Item;
  findings: Finding[];
}

/** The fixes `item` needs (an empty update when none). */
export function planProfileFixes(item: Item): RowFix {
  const update = noUpdate();
  const fixed: Item = { ...item };
  const key = { username: String(item.username) };
  const findings: Finding[] = [];
  const fix = (code: string, field: string, message: string) =>
    findings.push({ kind: 'fixed', table: 'profiles', key, code, field, message });

  if (Array.isArray(item.projects) && item.projects.some((p) => isObject(p) && (p as Item).id === undefined)) {
    let given = 0;
    const projects = (item.projects as unknown[]).map((p, i) => {
      if (!isObject(p) || (p as Item).id !== undefined) return p;
      given += 1;
      return { ...(p as Item), id: stableProjectId(String(item.user_id), String(item.username), i, (p as Item).title) };
    });
    update.set.projects = projects;
    fixed.projects = projects;
    fix('project-id', 'projects', `${given} project(s) without an id got a stable id`);
  }

  const legacyUrl = item.profile_image_url;
  if (
    typeof legacyUrl === 'string' &&
    legacyUrl.trim() !== '' &&
    (item.avatar_url === undefined || item.avatar_url === null || item.avatar_url === '')
  ) {
    update.set.avatar_url = legacyUrl;
    fixed.avatar_url = legacyUrl;
    fix('avatar-url', 'avatar_url', 'filled from profile_image_url');
  }

  if (isObject(item.social_links)) {
    const social = item.social_links as Item;
    const blank = Object.keys(social).filter(
      (platform) =>
        social[platform] === null ||
        (typeof social[platform] === 'string' && (social[platform] as string).trim() === ''),
    );
    if (blank.length > 0) {
      update.remove.push(...blank.map((platform) => ['social_links', platform]));
      fixed.social_links = Object.fromEntries(Object.entries(social).filter(([platform]) => !blank.includes(platform)));
      fix('blank-social-link', 'social_links', `dropped blank ${blank.sort().join(', ')}`);
    }
  }

  findings.push(...timestampFixes(item, update, fixed, 'profiles', key));
  return { update, fixed, findings };
}

/** SETs zone-less `created_at` / `updated_at` to UTC (shared by every table's fixes). */
export function timestampFixes(
  item: Item,
  update: RowUpdate,
  fixed: Item,
  table: Finding['table'],
  key: Record<string, string>,
): Finding[] {
  const changed = ['created_at', 'updated_at'].filter((attribute) => lacksZone(item[attribute]));
  for (const attribute of changed) {
    update.set[attribute] = asDateTime(item[attribute]);
    fixed[attribute] = update.set[attribute];
  }
  return changed.length === 0
    ? []
    : [
        {
          kind: 'fixed',
          table,
          key,
          code: 'zone-less-timestamp',
          field: changed.join(', '),
          message: 'written without a zone; now UTC ("Z")',
        },
      ];
}

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
