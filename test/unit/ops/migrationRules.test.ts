// Rows checked against today's rules by the resolvers' own validation (never a copy of it).
import { describe, expect, it } from 'vitest';
import { linkRuleFindings } from '../../../ops/migrate/rules/linkRules.ts';
import { profileRuleFindings, usernameFindings } from '../../../ops/migrate/rules/profileRules.ts';
import { userRuleFindings } from '../../../ops/migrate/rules/userRules.ts';

const TODAY = '2026-06-01';
const profile = (extra: Record<string, unknown>) => ({ username: 'ada', user_id: 'sub-1', ...extra });
const codes = (findings: { code: string; field?: string }[]) => findings.map((f) => `${f.code}:${f.field ?? ''}`);

describe('profile rules', () => {
  it('find nothing in a row saveProfile would write', () => {
    const row = profile({
      full_name: 'Ada',
      bio: 'Hi',
      skills: ['Math'],
      social_links: { github: 'https://github.com/ada' },
      projects: [{ id: 'p1', title: 'Engine', link: 'https://e.example', tech_stack: ['Brass'], order: 1 }],
      avatar_key: 'users/sub-1/profile/a.jpg',
      email: 'ada@example.com',
      phone: '+44 20 7946 0000',
      show_email: true,
      date_of_birth: '1915-12-10',
    });
    expect(profileRuleFindings(row, TODAY)).toEqual([]);
  });

  it('find every breach, one finding each, with saveProfile’s own message', () => {
    const findings = profileRuleFindings(
      profile({
        bio: 'x'.repeat(2001),
        skills: Array.from({ length: 51 }, (_, i) => `s${i}`),
        social_links: { github: 'github.com/ada' },
        projects: [{ id: 'p1', title: 'A', link: 'www.example.com' }],
        date_of_birth: '05/14/1990',
        email: 'ada at example',
        avatar_key: 'users/someone-else/profile/a.jpg',
      }),
      TODAY,
    );
    expect(codes(findings).sort()).toEqual(
      [
        'profile-field:avatar_key',
        'profile-field:bio',
        'profile-field:date_of_birth',
        'profile-field:email',
        'profile-field:projects',
        'profile-field:skills',
        'profile-field:social_links',
      ].sort(),
    );
    expect(findings.find((f) => f.field === 'bio')).toMatchObject({
      kind: 'unfixable',
      message: 'bio must have at most 2000 characters',
    });
    expect(findings.find((f) => f.field === 'projects')?.message).toBe('projects[0].link must be an http(s) URL');
    expect(findings.find((f) => f.field === 'bio')?.value).toContain('(2001 characters)');
  });

  it('report values of a type today’s code never writes instead of checking them', () => {
    const findings = profileRuleFindings(
      profile({ skills: 'Math, Physics', show_email: 'yes', projects: [{ id: 'p1', title: 'A', order: '1' }] }),
      TODAY,
    );
    expect(codes(findings).sort()).toEqual(['wrong-type:projects', 'wrong-type:show_email', 'wrong-type:skills']);
  });

  it('report names today’s rules refuse, and names that are not lowercase', () => {
    expect(codes(usernameFindings('ada'))).toEqual([]);
    expect(codes(usernameFindings('Ada'))).toEqual(['username-case:username']);
    expect(usernameFindings('Ada')[0]).toMatchObject({ value: 'ada' });
    expect(codes(usernameFindings('ada.lovelace'))).toEqual(['username-invalid:username']);
    expect(codes(usernameFindings('Support'))).toEqual(['username-reserved:username']);
  });
});

describe('link and account rules', () => {
  it('check links with saveLink’s validation', () => {
    const link = { user_id: 'u', link_id: 'l', title: 'Blog', url: 'https://b.example', order: 0 };
    expect(linkRuleFindings(link)).toEqual([]);
    expect(codes(linkRuleFindings({ ...link, url: 'ftp://b' }))).toEqual(['link-field:url']);
    expect(codes(linkRuleFindings({ ...link, order: 1.5 }))).toEqual(['wrong-type:order']);
    expect(codes(linkRuleFindings({ ...link, title: undefined }))).toEqual(['wrong-type:title']);
  });

  it('note accounts without a name and report bad account fields', () => {
    expect(codes(userRuleFindings({ user_id: 'u', username: 'ada', email: 'a@example.com' }, TODAY))).toEqual([]);
    expect(codes(userRuleFindings({ user_id: 'u', email: 'nope', date_of_birth: '2999-01-01' }, TODAY))).toEqual([
      'no-claimed-name:',
      'account-field:email',
      'account-field:date_of_birth',
    ]);
  });
});
