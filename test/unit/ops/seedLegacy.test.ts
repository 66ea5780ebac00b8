// The seed-era data generator: the seed Lambdas' merge behaviour, and a data set that is the same
// on every run and holds every messy case the migration must handle.
import { describe, expect, it } from 'vitest';
import { legacyAccount } from '../../../ops/seedLegacy/legacyAccount.ts';
import { usernameOf } from '../../../ops/seedLegacy/names.ts';
import { pythonIsoformat } from '../../../ops/seedLegacy/pythonTime.ts';
import {
  createLink,
  deleteLink,
  markUserComplete,
  postConfirmation,
  saveProfile,
} from '../../../ops/seedLegacy/seedLambdas.ts';

const BASE = 'https://prolynk-assets-1.s3.amazonaws.com';

describe("the seed's profiles Lambda (partial update)", () => {
  it('replaces the fields a body names, keeps the others, replaces lists whole, keeps created_at', () => {
    const first = saveProfile(
      null,
      'sub-1',
      { username: 'Ada', bio: 'one', skills: ['a', 'b'], ignored: 'x' },
      't1',
      'v1',
    );
    expect(first).toEqual({
      username: 'Ada',
      user_id: 'sub-1',
      bio: 'one',
      skills: ['a', 'b'],
      created_at: 't1',
      updated_at: 't1',
    });
    const second = saveProfile(first, 'sub-1', { username: 'Ada', skills: ['c'], title: null }, 't2', 'v1');
    expect(second).toEqual({ ...first, skills: ['c'], title: null, updated_at: 't2' });
  });

  it('stores profile_image_url alone in v1 and mirrors it into avatar_url in v2', () => {
    expect(saveProfile(null, 's', { username: 'a', profile_image_url: 'u' }, 't', 'v1')).not.toHaveProperty(
      'avatar_url',
    );
    expect(saveProfile(null, 's', { username: 'a', profile_image_url: 'u' }, 't', 'v2')).toMatchObject({
      avatar_url: 'u',
    });
  });

  it('creates a partial users row for a user whose post-confirmation never ran', () => {
    expect(markUserComplete(null, 'sub-1', 'ada', 't')).toEqual({
      user_id: 'sub-1',
      username: 'ada',
      profile_complete: true,
      updated_at: 't',
    });
    const row = postConfirmation({ sub: 'sub-1', email: 'a@example.com' }, 't0');
    expect(markUserComplete(row, 'sub-1', 'ada', 't1')).toMatchObject({
      created_at: 't0',
      updated_at: 't1',
      email: 'a@example.com',
    });
  });

  it('defaults a link’s order to 0 and soft-deletes', () => {
    const link = createLink('s', 'l', { title: 'T', url: 'https://u' }, 't');
    expect(link).toMatchObject({ order: 0, is_deleted: false });
    expect(deleteLink(link, 't2')).toMatchObject({ is_deleted: true, updated_at: 't2', created_at: 't' });
  });
});

describe('the generated data set', () => {
  it('is the same on every run for a seed, and another for another seed', () => {
    expect(legacyAccount(7, 42, BASE)).toEqual(legacyAccount(7, 42, BASE));
    expect(legacyAccount(8, 42, BASE).sub).not.toBe(legacyAccount(7, 42, BASE).sub);
  });

  it('holds every messy case within a few hundred accounts', () => {
    const traits = new Set(Array.from({ length: 220 }, (_, i) => legacyAccount(1, i, BASE).traits).flat());
    for (const trait of [
      'project-without-id',
      'blank-social-link',
      'profile-image-url-only',
      'mixed-case',
      'case-variant',
      'invalid-characters',
      'reserved',
      'no-claimed-name',
      'zone-less-timestamps',
      'power-user',
      'deleted-links',
    ])
      expect(traits).toContain(trait);
  });

  it('pairs names that differ only by case', () => {
    expect(usernameOf(1, 99).toLowerCase()).toBe(usernameOf(1, 98).toLowerCase());
    expect(usernameOf(1, 99)).not.toBe(usernameOf(1, 98));
  });

  it('gives a power user exactly 100 live links, never a users row without its profile’s name', () => {
    const power = legacyAccount(1, 3, BASE);
    expect(power.liveLinks).toBe(100);
    expect(power.links.filter((l) => l.is_deleted === true)).toHaveLength(1);
    expect(power.user?.username).toBe(power.profile?.username);
  });

  it('writes timestamps as Python’s isoformat, with or without a zone', () => {
    const at = new Date('2024-03-01T10:00:00.123Z');
    expect(pythonIsoformat(at, false, 456)).toBe('2024-03-01T10:00:00.123456+00:00');
    expect(pythonIsoformat(at, true, 7)).toBe('2024-03-01T10:00:00.123007');
  });
});
