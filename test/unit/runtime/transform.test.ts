import { describe, expect, it } from 'vitest';
import { createAppSyncGlobals } from '../../../local/appsync/runtime/globals.ts';
import { invocation, sourceOf } from './invocationFactory.ts';
import { matchesSubscriptionFilter } from '../../../local/appsync/realtime/subscriptionFilter.ts';
import type { SubscriptionFilter } from '../../../local/appsync/realtime/subscriptionFilter.ts';

const { util } = createAppSyncGlobals(sourceOf(invocation()));
const transform = util.transform as Record<string, (...args: unknown[]) => unknown>;
const filter = (f: unknown) => {
  const out = transform.toDynamoDBFilterExpression(f);
  return out === null ? null : JSON.parse(out as string);
};
const condition = (f: unknown) => JSON.parse(transform.toDynamoDBConditionExpression(f) as string);

const N = (n: number) => ({ N: n });
const S = (s: string) => ({ S: s });

// Expected values: AWS EvaluateCode output recorded in localstack/appsync-utils
// __tests__/__snapshots__/transform.test.js.snap (docs/appsync-facts.md §1.4). AWS orders the name/value maps
// arbitrarily, so results are compared parsed; the expression string is compared verbatim.
describe('util.transform.toDynamoDBFilterExpression', () => {
  it('returns a compact JSON string, not an object', () => {
    expect(transform.toDynamoDBFilterExpression({ content: { contains: 'foo' } })).toBe(
      '{"expression":"(contains(#content,:content_contains))","expressionNames":{"#content":"content"},"expressionValues":{":content_contains":{"S":"foo"}}}',
    );
    expect(transform.toDynamoDBConditionExpression({ and: [{ id: { attributeExists: false } }] })).toBe(
      '{"expression":"(attribute_not_exists(#id))","expressionNames":{"#id":"id"},"expressionValues":{}}',
    );
  });

  it.each([
    ['eq', '='],
    ['ne', '<>'],
    ['lt', '<'],
    ['le', '<='],
    ['gt', '>'],
    ['ge', '>='],
  ])('renders the comparison %s as %s', (op, symbol) => {
    expect(filter({ v: { [op]: 'x' } })).toEqual({
      expression: `(#v ${symbol} :v_${op})`,
      expressionNames: { '#v': 'v' },
      expressionValues: { [`:v_${op}`]: S('x') },
    });
  });

  it.each([
    ['a number keeps its numeric type', 10, N(10)],
    ['a fractional number', 1.5, N(1.5)],
    ['a boolean', true, { BOOL: true }],
    ['null', null, { NULL: null }],
    ['an object', { a: 1 }, { M: { a: N(1) } }],
    ['a list', [1, 2], { L: [N(1), N(2)] }],
  ])('types an operand: %s', (_name, operand, typed) => {
    expect(filter({ v: { eq: operand } }).expressionValues).toEqual({ ':v_eq': typed });
  });

  it('renders the function operators with no space after the comma', () => {
    expect(filter({ v: { contains: 'x' } }).expression).toBe('(contains(#v,:v_contains))');
    expect(filter({ v: { notContains: 'x' } }).expression).toBe('(NOT contains(#v,:v_notContains))');
    expect(filter({ v: { beginsWith: 'x' } }).expression).toBe('(begins_with(#v,:v_beginsWith))');
  });

  it('names between bounds start and end and ignores bounds past the second', () => {
    const expected = {
      expression: '(#v BETWEEN :v_between_start AND :v_between_end)',
      expressionNames: { '#v': 'v' },
      expressionValues: { ':v_between_start': S('1'), ':v_between_end': S('9') },
    };
    expect(filter({ v: { between: ['1', '9'] } })).toEqual(expected);
    expect(filter({ v: { between: ['1', '9', '3'] } })).toEqual(expected);
    expect(filter({ v: { between: [1, 9] } }).expressionValues).toEqual({
      ':v_between_start': N(1),
      ':v_between_end': N(9),
    });
  });

  it('separates in values with a comma and a space', () => {
    expect(filter({ v: { in: ['a', 'b'] } })).toEqual({
      expression: '(#v IN (:v_in_0, :v_in_1))',
      expressionNames: { '#v': 'v' },
      expressionValues: { ':v_in_0': S('a'), ':v_in_1': S('b') },
    });
    expect(filter({ v: { in: ['a'] } }).expression).toBe('(#v IN (:v_in_0))');
  });

  it('renders attributeExists without values', () => {
    expect(filter({ v: { attributeExists: true } })).toEqual({
      expression: '(attribute_exists(#v))',
      expressionNames: { '#v': 'v' },
      expressionValues: {},
    });
    expect(filter({ v: { attributeExists: false } }).expression).toBe('(attribute_not_exists(#v))');
  });

  it('maps every friendly attributeType name to its type code', () => {
    const names = [
      '_null',
      'string',
      'stringSet',
      'number',
      'numberSet',
      'binary',
      'binarySet',
      'boolean',
      'list',
      'map',
    ];
    const codes = ['NULL', 'S', 'SS', 'N', 'NS', 'B', 'BS', 'BOOL', 'L', 'M'];
    const fields = 'abcdefghij'.split('');
    const result = filter(Object.fromEntries(fields.map((f, i) => [f, { attributeType: names[i] }])));
    expect(result.expression).toBe(fields.map((f) => `(attribute_type(#${f},:${f}_attributeType))`).join(' AND '));
    expect(result.expressionValues).toEqual(
      Object.fromEntries(fields.map((f, i) => [`:${f}_attributeType`, S(codes[i])])),
    );
  });

  it('renders size comparisons, ranges, functions and nesting', () => {
    expect(filter({ v: { size: { gt: 2 } } })).toEqual({
      expression: '(size(#v) > :v_size_gt)',
      expressionNames: { '#v': 'v' },
      expressionValues: { ':v_size_gt': N(2) },
    });
    expect(filter({ v: { size: { between: [1, 3] } } }).expression).toBe(
      '(size(#v) BETWEEN :v_size_between_start AND :v_size_between_end)',
    );
    expect(filter({ v: { size: { contains: 'x' } } }).expression).toBe('(contains(size(#v),:v_size_contains))');
    expect(filter({ v: { size: { attributeExists: true } } }).expression).toBe('(attribute_exists(size(#v)))');
    expect(filter({ v: { size: { gt: 2, lt: 5 } } }).expression).toBe(
      '((size(#v) > :v_size_gt) AND (size(#v) < :v_size_lt))',
    );
    expect(filter({ v: { size: { size: { gt: 1 } } } })).toEqual({
      expression: '(size(#v) > :v_size_size_gt)',
      expressionNames: { '#v': 'v' },
      expressionValues: { ':v_size_size_gt': N(1) },
    });
  });

  it.each([
    [
      'two top-level fields are joined without wrapping',
      { a: { eq: 1 }, b: { eq: 2 } },
      '(#a = :a_eq) AND (#b = :b_eq)',
    ],
    ['a field carrying two operators is wrapped', { v: { ge: 1, le: 5 } }, '((#v >= :v_ge) AND (#v <= :v_le))'],
    ['an and of one member is not wrapped', { and: [{ a: { eq: 1 } }] }, '(#a = :and_0_a_eq)'],
    [
      'an and of two members is wrapped',
      { and: [{ a: { eq: 1 } }, { b: { eq: 2 } }] },
      '((#a = :and_0_a_eq) AND (#b = :and_1_b_eq))',
    ],
    ['an or of two members', { or: [{ a: { eq: 1 } }, { b: { eq: 2 } }] }, '((#a = :or_0_a_eq) OR (#b = :or_1_b_eq))'],
    ['not of a comparison', { not: { a: { eq: 1 } } }, '(NOT (#a = :not_a_eq))'],
    [
      'not of a group',
      { not: { and: [{ a: { eq: 1 } }, { b: { eq: 2 } }] } },
      '(NOT ((#a = :not_and_0_a_eq) AND (#b = :not_and_1_b_eq)))',
    ],
    ['not of a not', { not: { not: { a: { eq: 1 } } } }, '(NOT (NOT (#a = :not_not_a_eq)))'],
    [
      'not inside an and',
      { and: [{ not: { a: { eq: 1 } } }, { b: { eq: 2 } }] },
      '((NOT (#a = :and_0_not_a_eq)) AND (#b = :and_1_b_eq))',
    ],
    [
      'an and inside an or',
      { or: [{ and: [{ a: { eq: 1 } }, { b: { eq: 2 } }] }, { c: { eq: 3 } }] },
      '(((#a = :or_0_and_0_a_eq) AND (#b = :or_0_and_1_b_eq)) OR (#c = :or_1_c_eq))',
    ],
    [
      'an or inside an and',
      { and: [{ or: [{ a: { eq: 1 } }, { b: { eq: 2 } }] }, { c: { eq: 3 } }] },
      '(((#a = :and_0_or_0_a_eq) OR (#b = :and_0_or_1_b_eq)) AND (#c = :and_1_c_eq))',
    ],
    [
      'value names carry every level of nesting',
      { and: [{ or: [{ and: [{ a: { eq: 1 } }] }] }] },
      '(#a = :and_0_or_0_and_0_a_eq)',
    ],
    ['a field beside a group', { a: { eq: 1 }, and: [{ b: { eq: 2 } }] }, '(#a = :a_eq) AND (#b = :and_0_b_eq)'],
    ['a dotted field name is used verbatim', { 'a.b': { eq: 1 } }, '(#a.b = :a.b_eq)'],
  ])('groups: %s', (_name, input, expression) => {
    expect(filter(input).expression).toBe(expression);
  });

  it('keeps dotted names verbatim in the maps too', () => {
    expect(filter({ 'a.b': { eq: 1 } })).toEqual({
      expression: '(#a.b = :a.b_eq)',
      expressionNames: { '#a.b': 'a.b' },
      expressionValues: { ':a.b_eq': N(1) },
    });
  });

  it.each([
    ['an empty filter', {}, { expression: '', expressionNames: {}, expressionValues: {} }],
    ['an empty group', { and: [] }, { expression: '', expressionNames: {}, expressionValues: {} }],
    [
      'a field without operators keeps its name',
      { v: {} },
      { expression: '', expressionNames: { '#v': 'v' }, expressionValues: {} },
    ],
    [
      'a size without operators keeps its name',
      { v: { size: {} } },
      { expression: '', expressionNames: { '#v': 'v' }, expressionValues: {} },
    ],
    ['not of an empty filter', { not: {} }, { expression: '(NOT )', expressionNames: {}, expressionValues: {} }],
    [
      'an empty list of values',
      { v: { in: [] } },
      { expression: '(null)', expressionNames: { '#v': 'v' }, expressionValues: {} },
    ],
    [
      'an empty field beside a comparison',
      { a: { eq: 1 }, b: {} },
      {
        expression: '(#a = :a_eq) AND ',
        expressionNames: { '#a': 'a', '#b': 'b' },
        expressionValues: { ':a_eq': N(1) },
      },
    ],
    [
      'an empty member of a group',
      { and: [{ a: { eq: 1 } }, {}] },
      {
        expression: '((#a = :and_0_a_eq) AND )',
        expressionNames: { '#a': 'a' },
        expressionValues: { ':and_0_a_eq': N(1) },
      },
    ],
  ])('renders degenerate input like AWS: %s', (_name, input, expected) => {
    expect(filter(input)).toEqual(expected);
  });

  it.each([
    ['no filter at all', undefined],
    ['null', null],
    ['an array', []],
    ['a string', 'string'],
    ['an unknown operator', { v: { foo: 1 } }],
    ['a field holding a value', { v: 'x' }],
    ['a field nested in a field', { a: { b: { eq: 1 } } }],
    ['an and given a map', { and: { a: { eq: 1 } } }],
    ['an and given null', { and: null }],
    ['a group holding a null member', { and: [{ a: { eq: 1 } }, null] }],
    ['a not given a list', { not: [{ a: { eq: 1 } }] }],
    ['a range with one bound', { v: { between: [1] } }],
    ['a range that is not a list', { v: { between: 'x' } }],
    ['in given a non-list', { v: { in: 'x' } }],
    ['attributeExists given a string', { v: { attributeExists: 'yes' } }],
    ['attributeType given a type code', { v: { attributeType: 'S' } }],
    ['attributeType given an unknown name', { v: { attributeType: 'bogus' } }],
    ['size given a value', { v: { size: 3 } }],
  ])('answers null for a filter it cannot render: %s', (_name, input) => {
    expect(transform.toDynamoDBFilterExpression(input)).toBeNull();
  });

  it('renders conditions exactly like filters', () => {
    for (const input of [
      { content: { eq: 'x' } },
      { and: [{ content: { eq: 'x' } }, { version: { attributeExists: true } }] },
      { not: { id: { between: ['1', '9'] } } },
    ]) {
      expect(condition(input)).toEqual(filter(input));
    }
    expect(condition({ not: { id: { between: ['1', '9'] } } })).toEqual({
      expression: '(NOT (#id BETWEEN :not_id_between_start AND :not_id_between_end))',
      expressionNames: { '#id': 'id' },
      expressionValues: { ':not_id_between_start': S('1'), ':not_id_between_end': S('9') },
    });
  });

  it('renders the Amplify model conditions and list filters', () => {
    expect(condition({ and: [{ id: { attributeExists: true } }, { _version: { eq: 1 } }] })).toEqual({
      expression: '((attribute_exists(#id)) AND (#_version = :and_1__version_eq))',
      expressionNames: { '#id': 'id', '#_version': '_version' },
      expressionValues: { ':and_1__version_eq': N(1) },
    });
    expect(filter({ or: [{ content: { beginsWith: 'a' } }, { id: { between: ['1', '9'] } }] }).expression).toBe(
      '((begins_with(#content,:or_0_content_beginsWith)) OR (#id BETWEEN :or_1_id_between_start AND :or_1_id_between_end))',
    );
    expect(filter({ and: [{ content: { contains: 'a' } }, { done: { eq: true } }] })).toEqual({
      expression: '((contains(#content,:and_0_content_contains)) AND (#done = :and_1_done_eq))',
      expressionNames: { '#content': 'content', '#done': 'done' },
      expressionValues: { ':and_0_content_contains': S('a'), ':and_1_done_eq': { BOOL: true } },
    });
  });
});

const f = (fieldName: string, operator: string, value: unknown) => ({ fieldName, operator, value });
const groups = (...gs: ReturnType<typeof f>[][]) => ({ filterGroup: gs.map((filters) => ({ filters })) });

// Expected values: AWS EvaluateCode output recorded in localstack/appsync-utils
// __tests__/__snapshots__/transform-subscription.test.js.snap (docs/appsync-facts.md §1.4).
describe('util.transform.toSubscriptionFilter', () => {
  it.each([
    ['one operator on one field', [{ a: { eq: 1 } }], groups([f('a', 'eq', 1)])],
    ['two fields are combined', [{ a: { eq: 1 }, b: { eq: 2 } }], groups([f('a', 'eq', 1), f('b', 'eq', 2)])],
    [
      'an and combines its members',
      [{ and: [{ a: { eq: 1 } }, { b: { eq: 2 } }] }],
      groups([f('a', 'eq', 1), f('b', 'eq', 2)]),
    ],
    ['a field beside an and', [{ z: { eq: 0 }, and: [{ a: { eq: 1 } }] }], groups([f('z', 'eq', 0), f('a', 'eq', 1)])],
    [
      'a field path is kept as written',
      [{ 'loc.addr.country': { eq: 'USA' } }],
      groups([f('loc.addr.country', 'eq', 'USA')]),
    ],
    ['two operators on one field', [{ a: { eq: 1, ne: 2 } }], groups([f('a', 'eq', 1)], [f('a', 'ne', 2)])],
    [
      'an or splits into a group per member',
      [{ or: [{ a: { eq: 1 } }, { b: { eq: 2 } }] }],
      groups([f('a', 'eq', 1)], [f('b', 'eq', 2)]),
    ],
    [
      'an or nested in an and',
      [{ and: [{ a: { eq: 1 } }, { or: [{ b: { eq: 2 } }, { c: { eq: 3 } }] }] }],
      groups([f('a', 'eq', 1), f('b', 'eq', 2)], [f('a', 'eq', 1), f('c', 'eq', 3)]),
    ],
    [
      'the comparisons',
      [{ a: { le: 1 }, b: { lt: 2 }, c: { ge: 3 }, d: { gt: 4 } }],
      groups([f('a', 'le', 1), f('b', 'lt', 2), f('c', 'ge', 3), f('d', 'gt', 4)]),
    ],
    [
      'membership',
      [{ a: { in: [1, 2] }, b: { notIn: ['x'] } }],
      groups([f('a', 'in', [1, 2]), f('b', 'notIn', ['x'])]),
    ],
    ['between', [{ a: { between: [1, 9] } }], groups([f('a', 'between', [1, 9])])],
    [
      'the string operators',
      [{ a: { contains: 'x' }, b: { notContains: 'y' }, c: { beginsWith: 'z' } }],
      groups([f('a', 'contains', 'x'), f('b', 'notContains', 'y'), f('c', 'beginsWith', 'z')]),
    ],
    ['containsAny', [{ a: { containsAny: ['x', 'y'] } }], groups([f('a', 'containsAny', ['x', 'y'])])],
    ['a boolean value', [{ a: { eq: false } }], groups([f('a', 'eq', false)])],
    ['an unknown operator passes through', [{ a: { bogus: 1 } }], groups([f('a', 'bogus', 1)])],
    ['not is treated as a field', [{ not: { a: { eq: 1 } } }], groups([f('not', 'a', { eq: 1 })])],
    ['ignored fields drop a field', [{ a: { eq: 1 }, b: { eq: 2 } }, ['a']], groups([f('b', 'eq', 2)])],
    ['ignored fields reach into an and', [{ a: { eq: 1 }, and: [{ b: { eq: 2 } }] }, ['b']], groups([f('a', 'eq', 1)])],
    [
      'rules are added as alternatives',
      [{ a: { eq: 1 } }, [], { r1: { gte: 250 }, r2: { eq: 'p' } }],
      groups([f('a', 'eq', 1), f('r1', 'gte', 250)], [f('a', 'eq', 1), f('r2', 'eq', 'p')]),
    ],
    ['rules on their own', [{}, [], { r1: { eq: 1 } }], groups([f('r1', 'eq', 1)])],
    ['an empty filter', [{}], { filterGroup: [] }],
    ['a field with no operator', [{ a: {} }], { filterGroup: [] }],
    ['an empty and', [{ and: [] }], { filterGroup: [] }],
  ])('%s', (_name, args, expected) => {
    expect(transform.toSubscriptionFilter(...(args as unknown[]))).toEqual(expected);
  });

  it('multiplies operators, and-members and or-members out in order', () => {
    const result = transform.toSubscriptionFilter({
      percentageUp: { lte: 50, gte: 20 },
      and: [{ title: { ne: 'Book1' } }, { downvotes: { gt: 2000 } }],
      or: [{ author: { eq: 'Admin' } }, { isPublished: { eq: false } }],
    });
    const common = [f('title', 'ne', 'Book1'), f('downvotes', 'gt', 2000)];
    expect(result).toEqual(
      groups(
        [f('percentageUp', 'lte', 50), ...common, f('author', 'eq', 'Admin')],
        [f('percentageUp', 'lte', 50), ...common, f('isPublished', 'eq', false)],
        [f('percentageUp', 'gte', 20), ...common, f('author', 'eq', 'Admin')],
        [f('percentageUp', 'gte', 20), ...common, f('isPublished', 'eq', false)],
      ),
    );
  });

  // AWS's documented examples for the second and third arguments (transformation-helpers-in-utils-transform.html,
  // "Subscription filter arguments" [D]): an `or` member whose only field is ignored is dropped, not
  // kept as a group that lets every event through.
  const BOOKS = {
    percentageUp: { lte: 50, gte: 20 },
    and: [{ title: { ne: 'Book1' } }, { downvotes: { gt: 20 } }],
    or: [{ author: { eq: 'Admin' } }, { isPublished: { eq: false } }],
  };
  const kept = [f('title', 'ne', 'Book1'), f('downvotes', 'gt', 20), f('isPublished', 'eq', false)];

  it('drops ignored fields, and an or-member left empty by them (AWS example, argument 2)', () => {
    const result = transform.toSubscriptionFilter(BOOKS, ['percentageUp', 'author']);
    expect(result).toEqual(groups(kept));
    // An unpublished book passes; a published one is blocked (it would pass an empty group).
    expect(
      matchesSubscriptionFilter(result as SubscriptionFilter, { title: 'B', downvotes: 30, isPublished: false }),
    ).toBe(true);
    expect(
      matchesSubscriptionFilter(result as SubscriptionFilter, { title: 'B', downvotes: 30, isPublished: true }),
    ).toBe(false);
  });

  it('adds each rule as an alternative after ignoring fields; rules may name an ignored field (AWS example, argument 3)', () => {
    // AWS's page shows the input's `downvotes: {lt: 20}` as `gt` in the output, a typo: operators are copied as written.
    const input = { ...BOOKS, and: [{ title: { ne: 'Book1' } }, { downvotes: { lt: 20 } }] };
    const common = [f('title', 'ne', 'Book1'), f('downvotes', 'lt', 20), f('isPublished', 'eq', false)];
    expect(
      transform.toSubscriptionFilter(input, ['percentageUp', 'author'], {
        upvotes: { gte: 250 },
        author: { eq: 'Person1' },
      }),
    ).toEqual(groups([...common, f('upvotes', 'gte', 250)], [...common, f('author', 'eq', 'Person1')]));
  });

  it.each([
    [
      'an or whose members are all ignored constrains nothing',
      [{ a: { eq: 1 }, or: [{ b: { eq: 2 } }, { c: { eq: 3 } }] }, ['b', 'c']],
      groups([f('a', 'eq', 1)]),
    ],
    [
      'an and member left empty constrains nothing',
      [{ or: [{ and: [{ b: { eq: 2 } }] }, { c: { eq: 3 } }] }, ['b']],
      groups([f('c', 'eq', 3)]),
    ],
    ['a field without operators beside another field', [{ a: { eq: 1 }, b: {} }], groups([f('a', 'eq', 1)])],
  ])('%s', (_name, args, expected) => {
    expect(transform.toSubscriptionFilter(...(args as unknown[]))).toEqual(expected);
  });

  it.each([
    ['null', null],
    ['no filter', undefined],
    ['an array', []],
    ['a JSON string', '{"a":{"eq":1}}'],
  ])('answers null for %s', (_name, input) => {
    expect(transform.toSubscriptionFilter(input)).toBeNull();
  });
});

// Expected value: the example in the @aws-appsync/utils 2.1.1 JSDoc of toElasticsearchQueryDSL [T].
describe('util.transform.toElasticsearchQueryDSL', () => {
  it('renders fields as a bool must of per-field bool musts', () => {
    const out = JSON.parse(
      transform.toElasticsearchQueryDSL({
        upvotes: { ne: 15, range: [10, 20] },
        title: { eq: 'hihihi', wildcard: 'h*i' },
      }) as string,
    );
    expect(out).toEqual({
      bool: {
        must: [
          {
            bool: {
              must: [{ bool: { must_not: { term: { upvotes: 15 } } } }, { range: { upvotes: { gte: 10, lte: 20 } } }],
            },
          },
          { bool: { must: [{ term: { title: 'hihihi' } }, { wildcard: { title: 'h*i' } }] } },
        ],
      },
    });
  });
});
