// The migration's pure planning: what it changes in a seed-era row, and nothing more.
import { describe, expect, it } from 'vitest';
import { planLinkFixes } from '../../../ops/migrate/fixes/linkFixes.ts';
import { planProfileFixes } from '../../../ops/migrate/fixes/profileFixes.ts';
import { isEmpty, renderUpdate } from '../../../ops/migrate/fixes/rowUpdate.ts';
import { stableProjectId } from '../../../ops/migrate/fixes/stableIds.ts';
import { planUserFixes } from '../../../ops/migrate/fixes/userFixes.ts';

const AWARE = '2023-11-02T09:15:42.123456+00:00';
const NAIVE = '2023-11-02T09:15:42.123456';

const seedProfile = (extra: Record<string, unknown> = {}) => ({
  username: 'ada',
  user_id: 'sub-1',
  created_at: AWARE,
  updated_at: AWARE,
  ...extra,
});

describe('profile fixes', () => {
  it('leave a row that meets today’s shape alone', () => {
    const row = seedProfile({
      projects: [{ id: 'p1', title: 'A' }],
      avatar_url: 'u',
      profile_image_url: 'u',
      social_links: { github: 'https://g' },
    });
    const plan = planProfileFixes(row);
    expect(isEmpty(plan.update)).toBe(true);
    expect(plan.findings).toEqual([]);
    expect(plan.fixed).toEqual(row);
  });

  it('give projects without an id a stable id and keep the ones that have one', () => {
    const row = seedProfile({ projects: [{ title: 'First' }, { id: 'kept', title: 'Second' }, { title: 'Third' }] });
    const plan = planProfileFixes(row);
    const projects = plan.update.set.projects as { id: string; title: string }[];
    expect(projects.map((p) => p.title)).toEqual(['First', 'Second', 'Third']);
    expect(projects[1].id).toBe('kept');
    expect(projects[0].id).toBe(stableProjectId('sub-1', 'ada', 0, 'First'));
    expect(projects[2].id).toBe(stableProjectId('sub-1', 'ada', 2, 'Third'));
    expect(planProfileFixes(row).update.set.projects).toEqual(projects);
    expect(plan.findings).toMatchObject([
      { kind: 'fixed', code: 'project-id', message: expect.stringContaining('2 project') },
    ]);
    expect(isEmpty(planProfileFixes(plan.fixed).update)).toBe(true);
  });

  it('fill avatar_url from profile_image_url only where it is missing', () => {
    expect(planProfileFixes(seedProfile({ profile_image_url: 'https://b/x.jpg' })).update.set).toEqual({
      avatar_url: 'https://b/x.jpg',
    });
    expect(
      isEmpty(
        planProfileFixes(seedProfile({ profile_image_url: 'https://b/x.jpg', avatar_url: 'https://b/y.jpg' })).update,
      ),
    ).toBe(true);
    expect(isEmpty(planProfileFixes(seedProfile({ profile_image_url: '' })).update)).toBe(true);
  });

  it('drop blank and null social links, keeping the others', () => {
    const plan = planProfileFixes(
      seedProfile({ social_links: { github: 'https://g', twitter: '', linkedin: null, x: '  ' } }),
    );
    expect(plan.update.remove).toEqual([
      ['social_links', 'twitter'],
      ['social_links', 'linkedin'],
      ['social_links', 'x'],
    ]);
    expect(plan.fixed.social_links).toEqual({ github: 'https://g' });
  });

  it('turn zone-less timestamps into UTC and leave zoned ones', () => {
    const plan = planProfileFixes(seedProfile({ created_at: NAIVE }));
    expect(plan.update.set).toEqual({ created_at: `${NAIVE}Z` });
    expect(plan.findings).toMatchObject([{ code: 'zone-less-timestamp', field: 'created_at' }]);
  });
});

describe('stable project ids', () => {
  it('are UUIDs (version 5), the same for the same project and different for another', () => {
    const id = stableProjectId('sub-1', 'ada', 0, 'First');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(stableProjectId('sub-1', 'ada', 0, 'First')).toBe(id);
    expect(stableProjectId('sub-1', 'ada', 1, 'First')).not.toBe(id);
    expect(stableProjectId('sub-2', 'ada', 0, 'First')).not.toBe(id);
  });
});

describe('users and links fixes', () => {
  it('give a partial users row its profile’s created_at, never overwriting one that appears meanwhile', () => {
    const plan = planUserFixes(
      { user_id: 'sub-1', username: 'ada', updated_at: AWARE },
      seedProfile({ created_at: NAIVE }),
    );
    expect(plan.update.setIfMissing).toEqual({ created_at: `${NAIVE}Z` });
    expect(renderUpdate(plan.update).UpdateExpression).toBe('SET #u0 = if_not_exists(#u0, :u0)');
  });

  it('leave a complete users row alone (a missing link_count reads as 0)', () => {
    expect(isEmpty(planUserFixes({ user_id: 'sub-1', created_at: AWARE, updated_at: AWARE }, null).update)).toBe(true);
  });

  it('mark only live, uncounted links for counting', () => {
    const link = { user_id: 'sub-1', link_id: 'l1', created_at: AWARE, updated_at: AWARE };
    expect(planLinkFixes(link).uncounted).toBe(true);
    expect(planLinkFixes({ ...link, is_deleted: false }).uncounted).toBe(true);
    expect(planLinkFixes({ ...link, is_deleted: true }).uncounted).toBe(false);
    expect(planLinkFixes({ ...link, in_link_count: true }).uncounted).toBe(false);
  });
});

describe('rendered updates', () => {
  it('name every attribute path through placeholders, reusing a name once given', () => {
    const rendered = renderUpdate({
      set: { a: 1 },
      setIfMissing: {},
      remove: [
        ['social_links', 'a'],
        ['social_links', 'b c'],
      ],
    });
    expect(rendered.UpdateExpression).toBe('SET #u0 = :u0 REMOVE #u1.#u0, #u1.#u2');
    expect(rendered.ExpressionAttributeNames).toEqual({ '#u0': 'a', '#u1': 'social_links', '#u2': 'b c' });
    expect(rendered.ExpressionAttributeValues).toEqual({ ':u0': { N: '1' } });
  });
});
