// A stored link checked against today's rules by saveLink's own validation (planLink,
// resolvers/lib/linkInput.ts).
import { planLink } from '../../../resolvers/lib/linkInput.ts';
import type { Finding } from '../findings.ts';
import { preview } from '../findings.ts';

type Item = Record<string, unknown>;

/** Every breach of today's link rules in `item`. */
export function linkRuleFindings(item: Item): Finding[] {
  const key = { user_id: String(item.user_id), link_id: String(item.link_id) };
  const wrong = (field: string, expected: string): Finding => ({
    kind: 'unfixable',
    table: 'links',
    key,
    code: 'wrong-type',
    field,
    message: `should be ${expected}`,
    value: preview(item[field]),
  });
  if (typeof item.title !== 'string') return [wrong('title', 'a string')];
  if (typeof item.url !== 'string') return [wrong('url', 'a string')];
  if (item.order !== undefined && item.order !== null && !Number.isInteger(item.order))
    return [wrong('order', 'a whole number')];
  const checked = planLink({ title: item.title, url: item.url, order: (item.order ?? null) as number | null });
  if (checked.ok) return [];
  const field = checked.problem.field.replace(/^input\./, '');
  return [
    {
      kind: 'unfixable',
      table: 'links',
      key,
      code: 'link-field',
      field,
      message: `${field} ${checked.problem.message}`,
      value: preview(item[field]),
    },
  ];
}
