import { describe, expect, it } from 'vitest';
import { liveLinksInOrder } from '../../../resolvers/lib/linkView.ts';
import { toProfile } from '../../../resolvers/lib/profileView.ts';

const item = {
  username: 'ada',
  user_id: 'owner',
  email: 'ada@example.com',
  phone: '+1 555 764 4377',
  date_of_birth: '1990-01-01',
  resume_key: 'users/owner/resume/r.pdf',
  resume_url: 'https://a/r.pdf',
  show_email: false,
  show_phone: true,
  show_resume: false,
  social_links: { twitter: 'https://t.example/ada', github: 'https://g.example/ada' },
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
};

describe('profile visibility', () => {
  it('hides what the owner did not choose to show, and the date of birth, from the public', () => {
    const view = toProfile(item, null);
    expect(view).toMatchObject({
      email: null,
      phone: '+1 555 764 4377',
      resumeUrl: null,
      resumeKey: null,
      dateOfBirth: null,
      isOwner: false,
    });
  });

  it('shows the owner everything', () => {
    const view = toProfile(item, 'owner');
    expect(view).toMatchObject({
      email: 'ada@example.com',
      resumeUrl: 'https://a/r.pdf',
      dateOfBirth: '1990-01-01',
      isOwner: true,
    });
  });

  it('lists social links by platform name', () => {
    expect(toProfile(item, null).socialLinks).toEqual([
      { platform: 'github', url: 'https://g.example/ada' },
      { platform: 'twitter', url: 'https://t.example/ada' },
    ]);
  });

  it('skips seed-era social links left blank (null or empty) instead of failing the non-null url', () => {
    const view = toProfile(
      { ...item, social_links: { github: 'https://g.example/ada', twitter: null, linkedin: '' } },
      null,
    );
    expect(view.socialLinks).toEqual([{ platform: 'github', url: 'https://g.example/ada' }]);
  });

  it('reads the legacy profile_image_url when avatar_url is absent', () => {
    expect(toProfile({ ...item, profile_image_url: 'https://legacy/p.png' }, null).avatarUrl).toBe(
      'https://legacy/p.png',
    );
  });
});

describe('live links', () => {
  it('drops deleted links and orders by order, keeping ties stable', () => {
    const links = [
      { link_id: 'a', order: 2 },
      { link_id: 'b', order: 1, is_deleted: true },
      { link_id: 'c', order: 1 },
      { link_id: 'd' },
      { link_id: 'e', order: 1 },
    ];
    expect(liveLinksInOrder(links).map((l) => l.link_id)).toEqual(['d', 'c', 'e', 'a']);
  });
});
