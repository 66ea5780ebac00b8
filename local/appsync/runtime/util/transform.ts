// util.transform: filter objects to DynamoDB expressions and subscription filters. Every rendering
// rule here (placeholder names, parentheses, what gives null) is pinned by AWS EvaluateCode output
// recorded in LocalStack's appsync-utils snapshots (docs/appsync-facts.md §1.4).
import { isPlainObject, toDynamoDB } from './dynamodb.ts';
import type { AttributeValue } from './dynamodb.ts';

export interface RenderedExpression {
  expression: string;
  expressionNames: Record<string, string>;
  expressionValues: Record<string, AttributeValue>;
}

/** Raised inside the renderer when AWS would answer null instead of an expression. */
class Unrenderable extends Error {}

const COMPARISONS: Record<string, string> = { eq: '=', ne: '<>', lt: '<', le: '<=', gt: '>', ge: '>=' };

const ATTRIBUTE_TYPES: Record<string, string> = {
  _null: 'NULL',
  string: 'S',
  stringSet: 'SS',
  number: 'N',
  numberSet: 'NS',
  binary: 'B',
  binarySet: 'BS',
  boolean: 'BOOL',
  list: 'L',
  map: 'M',
};

type Sink = Pick<RenderedExpression, 'expressionNames' | 'expressionValues'>;

function renderObject(obj: Record<string, unknown>, prefix: string, sink: Sink): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(obj)) {
    if (key === 'and' || key === 'or') {
      if (!Array.isArray(value)) throw new Unrenderable();
      const members = value.map((member, i) => {
        if (!isPlainObject(member)) throw new Unrenderable();
        return renderObject(member, `${prefix}${key}_${i}_`, sink);
      });
      const joined = members.join(key === 'and' ? ' AND ' : ' OR ');
      // AWS wraps a group only when it has two or more members.
      parts.push(members.length > 1 ? `(${joined})` : joined);
    } else if (key === 'not') {
      if (!isPlainObject(value)) throw new Unrenderable();
      parts.push(`(NOT ${renderObject(value, `${prefix}not_`, sink)})`);
    } else {
      if (!isPlainObject(value)) throw new Unrenderable();
      sink.expressionNames[`#${key}`] = key;
      parts.push(renderOperators(`#${key}`, false, value, `:${prefix}${key}_`, sink));
    }
  }
  // Top-level fields are joined unwrapped, and empty parts still get their joiner (recorded quirk).
  return parts.join(' AND ');
}

function renderOperators(
  name: string,
  sized: boolean,
  ops: Record<string, unknown>,
  valueBase: string,
  sink: Sink,
): string {
  const parts = Object.entries(ops).map(([op, v]) => renderOperator(name, sized, op, v, valueBase, sink));
  return parts.length > 1 ? `(${parts.join(' AND ')})` : parts.join('');
}

function renderOperator(
  name: string,
  sized: boolean,
  op: string,
  value: unknown,
  valueBase: string,
  sink: Sink,
): string {
  const operand = sized ? `size(${name})` : name;
  const placeholder = `${valueBase}${op}`;
  const bind = (suffix: string, v: unknown): string => {
    sink.expressionValues[placeholder + suffix] = toDynamoDB(v);
    return placeholder + suffix;
  };
  if (Object.hasOwn(COMPARISONS, op)) return `(${operand} ${COMPARISONS[op]} ${bind('', value)})`;
  switch (op) {
    case 'contains':
      return `(contains(${operand},${bind('', value)}))`;
    case 'notContains':
      return `(NOT contains(${operand},${bind('', value)}))`;
    case 'beginsWith':
      return `(begins_with(${operand},${bind('', value)}))`;
    case 'between':
      // Bounds past the second are ignored; fewer than two cannot be rendered.
      if (!Array.isArray(value) || value.length < 2) throw new Unrenderable();
      return `(${operand} BETWEEN ${bind('_start', value[0])} AND ${bind('_end', value[1])})`;
    case 'in':
      if (!Array.isArray(value)) throw new Unrenderable();
      // AWS renders an empty list as the literal "(null)".
      if (value.length === 0) return '(null)';
      return `(${operand} IN (${value.map((v, i) => bind(`_${i}`, v)).join(', ')}))`;
    case 'attributeExists':
      if (typeof value !== 'boolean') throw new Unrenderable();
      return value ? `(attribute_exists(${operand}))` : `(attribute_not_exists(${operand}))`;
    case 'attributeType': {
      const code =
        typeof value === 'string' && Object.hasOwn(ATTRIBUTE_TYPES, value) ? ATTRIBUTE_TYPES[value] : undefined;
      if (code === undefined) throw new Unrenderable();
      return `(attribute_type(${operand},${bind('', code)}))`;
    }
    case 'size':
      // A nested size extends the value name but does not nest the size() call (recorded).
      if (!isPlainObject(value)) throw new Unrenderable();
      return renderOperators(name, true, value, `${placeholder}_`, sink);
    default:
      throw new Unrenderable();
  }
}

/** Renders a DynamoDB filter object to {expression, expressionNames, expressionValues}, or null when AWS would. */
export function renderDynamoDBExpression(filter: unknown): RenderedExpression | null {
  if (!isPlainObject(filter)) return null;
  const sink: Sink = { expressionNames: {}, expressionValues: {} };
  try {
    const expression = renderObject(filter, '', sink);
    return { expression, ...sink };
  } catch (err) {
    if (err instanceof Unrenderable) return null;
    throw err;
  }
}

/** util.transform.toDynamoDBFilterExpression / toDynamoDBConditionExpression: a JSON string, or null. */
function toDynamoDBExpressionString(filter: unknown): string | null {
  const rendered = renderDynamoDBExpression(filter);
  return rendered === null ? null : JSON.stringify(rendered);
}

interface SubscriptionFilterEntry {
  fieldName: string;
  operator: string;
  value: unknown;
}
type Alternatives = SubscriptionFilterEntry[][];

function product(left: Alternatives, right: Alternatives): Alternatives {
  const out: Alternatives = [];
  for (const l of left) for (const r of right) out.push([...l, ...r]);
  return out;
}

function subscriptionAlternatives(obj: Record<string, unknown>, ignored: ReadonlySet<string>): Alternatives | null {
  let groups: Alternatives = [[]];
  for (const [key, value] of Object.entries(obj)) {
    if (key === 'and' || key === 'or') {
      if (!Array.isArray(value)) return null;
      const members: Alternatives[] = [];
      for (const member of value) {
        if (!isPlainObject(member)) return null;
        const alts = subscriptionAlternatives(member, ignored);
        if (alts === null) return null;
        members.push(alts);
      }
      groups = key === 'and' ? members.reduce(product, groups) : product(groups, members.flat());
    } else if (!ignored.has(key)) {
      // `not` is not special here: AWS reads it as a field name (recorded).
      if (!isPlainObject(value)) return null;
      groups = product(
        groups,
        Object.entries(value).map(([operator, v]) => [{ fieldName: key, operator, value: v }]),
      );
    }
  }
  return groups;
}

/** util.transform.toSubscriptionFilter: groups ANDed inside, ORed across, multiplied out (docs/appsync-facts.md §1.4). */
export function toSubscriptionFilter(
  filter: unknown,
  ignoredFields?: unknown,
  rules?: unknown,
): { filterGroup: { filters: SubscriptionFilterEntry[] }[] } | null {
  if (!isPlainObject(filter)) return null;
  const ignored = new Set(Array.isArray(ignoredFields) ? ignoredFields.map(String) : []);
  let groups = subscriptionAlternatives(filter, ignored);
  if (groups === null) return null;
  if (isPlainObject(rules) && Object.keys(rules).length > 0) {
    // Each rule is an alternative: at least one must hold, on top of every group.
    const ruleAlternatives: Alternatives = [];
    for (const [key, value] of Object.entries(rules)) {
      const alts = subscriptionAlternatives({ [key]: value }, new Set());
      if (alts === null) return null;
      ruleAlternatives.push(...alts);
    }
    groups = product(groups, ruleAlternatives);
  }
  return { filterGroup: groups.filter((g) => g.length > 0).map((filters) => ({ filters })) };
}

const OPENSEARCH_SIMPLE: Record<string, string> = {
  eq: 'term',
  match: 'match',
  matchPhrase: 'match_phrase',
  matchPhrasePrefix: 'match_phrase_prefix',
  multiMatch: 'multi_match',
  wildcard: 'wildcard',
  regexp: 'regexp',
};

function openSearchOperator(field: string, op: string, value: unknown): unknown {
  if (Object.hasOwn(OPENSEARCH_SIMPLE, op)) return { [OPENSEARCH_SIMPLE[op]]: { [field]: value } };
  switch (op) {
    case 'ne':
      return { bool: { must_not: { term: { [field]: value } } } };
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return { range: { [field]: { [op]: value } } };
    case 'range':
      if (!Array.isArray(value) || value.length < 2) throw new Unrenderable();
      return { range: { [field]: { gte: value[0], lte: value[1] } } };
    case 'exists':
      return value ? { exists: { field } } : { bool: { must_not: { exists: { field } } } };
    default:
      throw new Unrenderable();
  }
}

function openSearchObject(obj: Record<string, unknown>): unknown {
  const clauses: unknown[] = [];
  for (const [key, value] of Object.entries(obj)) {
    if (key === 'and' || key === 'or') {
      if (!Array.isArray(value)) throw new Unrenderable();
      const members = value.map((m) => {
        if (!isPlainObject(m)) throw new Unrenderable();
        return openSearchObject(m);
      });
      clauses.push({ bool: { [key === 'and' ? 'must' : 'should']: members } });
    } else if (key === 'not') {
      if (!isPlainObject(value)) throw new Unrenderable();
      clauses.push({ bool: { must_not: openSearchObject(value) } });
    } else {
      if (!isPlainObject(value)) throw new Unrenderable();
      const ops = Object.entries(value).map(([op, v]) => openSearchOperator(key, op, v));
      clauses.push(ops.length === 1 ? ops[0] : { bool: { must: ops } });
    }
  }
  return { bool: { must: clauses } };
}

/** util.transform.toElasticsearchQueryDSL: a JSON string of bool/term/range queries (shape per the @aws-appsync/utils JSDoc). */
export function toElasticsearchQueryDSL(obj: unknown): string | null {
  if (!isPlainObject(obj)) return null;
  try {
    return JSON.stringify(openSearchObject(obj));
  } catch (err) {
    if (err instanceof Unrenderable) return null;
    throw err;
  }
}

/** Creates the util.transform object. */
export function createTransformUtils(): Record<string, unknown> {
  return {
    toDynamoDBFilterExpression: (filter: unknown) => toDynamoDBExpressionString(filter),
    toDynamoDBConditionExpression: (condition: unknown) => toDynamoDBExpressionString(condition),
    toSubscriptionFilter,
    toElasticsearchQueryDSL,
  };
}
