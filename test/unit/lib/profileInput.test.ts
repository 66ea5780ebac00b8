import { describe, expect, it } from 'vitest';
import { planProfileUpdate } from '../../../resolvers/lib/profileInput.ts';

const context = {
  sub: 'sub-1',
  assetsBaseUrl: 'https://assets.example',
  today: '2026-11-26',
  projectIds: ['gen-0', 'gen-1'],
};

describe('planning a profile update', () => {
  it('plans only the fields present, in snake_case', () => {
    const planned = planProfileUpdate({ fullName: ' Ada ', showEmail: true }, context);
    expect(planned).toEqual({
      ok: true,
      value: { username: null, set: { full_name: 'Ada', show_email: true }, remove: [] },
    });
  });

  it('turns explicit nulls and blank text into removals', () => {
    const planned = planProfileUpdate({ bio: null, title: '   ', skills: null, avatarKey: null }, context);
    expect(planned.ok && planned.value.remove).toEqual([
      'title',
      'bio',
      'skills',
      'avatar_key',
      'avatar_url',
      'profile_image_url',
    ]);
  });

  it('normalizes the username and refuses invalid ones, naming the field', () => {
    expect(planProfileUpdate({ username: ' Ada_L ' }, context)).toMatchObject({
      ok: true,
      value: { username: 'ada_l' },
    });
    expect(planProfileUpdate({ username: 'admin' }, context)).toMatchObject({
      ok: false,
      problem: { field: 'input.username' },
    });
  });

  it("stores social links as the seed's platform map and refuses script URLs", () => {
    const planned = planProfileUpdate(
      { socialLinks: [{ platform: 'GitHub', url: 'https://github.com/ada' }] },
      context,
    );
    expect(planned.ok && planned.value.set.social_links).toEqual({ github: 'https://github.com/ada' });
    const refused = planProfileUpdate({ socialLinks: [{ platform: 'x', url: 'javascript:alert(1)' }] }, context);
    expect(refused).toMatchObject({ ok: false, problem: { field: 'input.socialLinks[0].url' } });
  });

  it('gives projects without an id a generated one and derives image URLs from keys', () => {
    const planned = planProfileUpdate(
      {
        projects: [
          { title: 'One', imageKey: 'users/sub-1/projects/abc-123.png', techStack: ['ts'] },
          { id: 'keep', title: 'Two', link: 'https://two.example', order: 2 },
        ],
      },
      context,
    );
    expect(planned.ok && planned.value.set.projects).toEqual([
      {
        id: 'gen-0',
        title: 'One',
        tech_stack: ['ts'],
        image_key: 'users/sub-1/projects/abc-123.png',
        image_url: 'https://assets.example/users/sub-1/projects/abc-123.png',
      },
      { id: 'keep', title: 'Two', tech_stack: [], link: 'https://two.example', order: 2 },
    ]);
  });

  it("refuses another user's upload key and the wrong folder", () => {
    expect(planProfileUpdate({ avatarKey: 'users/sub-2/profile/a.png' }, context)).toMatchObject({
      ok: false,
      problem: { field: 'input.avatarKey' },
    });
    expect(planProfileUpdate({ avatarKey: 'users/sub-1/resume/a.pdf' }, context)).toMatchObject({
      ok: false,
      problem: { field: 'input.avatarKey' },
    });
    expect(planProfileUpdate({ resumeKey: 'users/sub-1/resume/a.png' }, context)).toMatchObject({
      ok: false,
      problem: { field: 'input.resumeKey' },
    });
  });

  it('derives avatar URLs (and the legacy alias) from the key', () => {
    const planned = planProfileUpdate({ avatarKey: 'users/sub-1/profile/a1.webp' }, context);
    expect(planned.ok && planned.value.set).toEqual({
      avatar_key: 'users/sub-1/profile/a1.webp',
      avatar_url: 'https://assets.example/users/sub-1/profile/a1.webp',
      profile_image_url: 'https://assets.example/users/sub-1/profile/a1.webp',
    });
  });

  it.each([
    [{ bio: 'x'.repeat(2001) }, 'input.bio'],
    [{ skills: Array.from({ length: 51 }, (_, i) => `s${i}`) }, 'input.skills'],
    [{ skills: ['ok', ' '] }, 'input.skills[1]'],
    [{ projects: Array.from({ length: 51 }, () => ({ title: 't' })) }, 'input.projects'],
    [{ projects: [{ title: 't', link: 'ftp://x.example' }] }, 'input.projects[0].link'],
    [
      {
        projects: [
          { id: 'a', title: 't' },
          { id: 'a', title: 'u' },
        ],
      },
      'input.projects[1].id',
    ],
    [{ email: 'not-an-email' }, 'input.email'],
    [{ phone: 'call me' }, 'input.phone'],
    [{ dateOfBirth: '2030-01-01' }, 'input.dateOfBirth'],
    [{ dateOfBirth: '01/02/1990' }, 'input.dateOfBirth'],
    [
      {
        socialLinks: [
          { platform: 'gh', url: 'https://a.example' },
          { platform: 'GH', url: 'https://b.example' },
        ],
      },
      'input.socialLinks[1].platform',
    ],
  ])('refuses %j naming %s', (input, field) => {
    expect(planProfileUpdate(input, context)).toMatchObject({ ok: false, problem: { field } });
  });
});
