import { describe, expect, it } from 'vitest';
import { storedSize, utf8Length } from '../../../resolvers/lib/itemSize.ts';
import { planProfileUpdate } from '../../../resolvers/lib/profileInput.ts';

const context = { sub: 'sub-1', assetsBaseUrl: 'https://assets.example', today: '2026-11-26', projectIds: [] };
const cjk = (n: number) => '語'.repeat(n);

describe('item size', () => {
  it('counts UTF-8 bytes as DynamoDB does, not UTF-16 characters', () => {
    for (const text of ['ascii', 'é', '語', '😀', `a語é😀${cjk(10)}`])
      expect(utf8Length(text)).toBe(Buffer.byteLength(text));
  });

  it('never counts a stored value smaller than its JSON text', () => {
    const value = { id: 'p1', title: cjk(3), tech_stack: [], order: 10 };
    expect(storedSize(value)).toBe(Buffer.byteLength(JSON.stringify(value)));
  });

  it('refuses projects that fit the per-field bounds but would overflow the item (multi-byte text)', () => {
    const projects = Array.from({ length: 50 }, (_, i) => ({
      id: `p${i}`,
      title: cjk(120),
      description: cjk(1000),
      link: `https://x.example/${cjk(2000)}`,
      techStack: Array.from({ length: 30 }, () => cjk(50)),
    }));
    expect(planProfileUpdate({ projects }, context)).toMatchObject({ ok: false, problem: { field: 'input.projects' } });
  });

  it('refuses social links whose multi-byte URLs would overflow the item', () => {
    const socialLinks = Array.from({ length: 20 }, (_, i) => ({
      platform: `p${i}`,
      url: `https://x.example/${cjk(2000)}`,
    }));
    expect(planProfileUpdate({ socialLinks }, context)).toMatchObject({
      ok: false,
      problem: { field: 'input.socialLinks' },
    });
  });

  it('still accepts a full list of ordinary projects and social links', () => {
    const projects = Array.from({ length: 50 }, (_, i) => ({
      id: `p${i}`,
      title: 'T'.repeat(120),
      description: 'd'.repeat(1000),
      link: `https://x.example/${'p'.repeat(200)}`,
      techStack: Array.from({ length: 30 }, () => 'TypeScript'),
    }));
    const socialLinks = Array.from({ length: 20 }, (_, i) => ({
      platform: `p${i}`,
      url: `https://x.example/${'u'.repeat(1000)}`,
    }));
    expect(planProfileUpdate({ projects, socialLinks }, context)).toMatchObject({ ok: true });
  });
});
