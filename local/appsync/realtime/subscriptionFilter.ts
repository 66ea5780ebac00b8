// Enhanced subscription filters (docs/appsync-facts.md §8.4): {filterGroup:[{filters:[{fieldName, operator,
// value}]}]}; filters in a group are ANDed, groups are ORed. Evaluated against each published
// payload; pure, so it can be tested against the examples in AWS's documentation.

/** One rule: a payload field (dotted path), an operator and the value to compare with. */
export interface SubscriptionFilterRule {
  fieldName: string;
  operator: string;
  value: unknown;
}

/** The filter a subscription resolver sets with extensions.setSubscriptionFilter. */
export interface SubscriptionFilter {
  filterGroup: { filters: SubscriptionFilterRule[] }[];
}

// "fieldName may be a dotted path, up to 5 levels; deeper rules are ignored" [D].
const MAX_PATH_DEPTH = 5;

type Comparable = number | string;

const isComparablePair = (a: unknown, b: unknown): a is Comparable =>
  (typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string');

function contains(field: unknown, value: unknown): boolean {
  if (typeof field === 'string' && typeof value === 'string') return field.includes(value);
  if (Array.isArray(field)) return field.some((element) => element === value);
  return false;
}

const OPERATORS: Record<string, (field: unknown, value: unknown) => boolean> = {
  eq: (field, value) => field === value,
  ne: (field, value) => field !== value,
  lt: (field, value) => isComparablePair(field, value) && field < (value as Comparable),
  le: (field, value) => isComparablePair(field, value) && field <= (value as Comparable),
  gt: (field, value) => isComparablePair(field, value) && field > (value as Comparable),
  ge: (field, value) => isComparablePair(field, value) && field >= (value as Comparable),
  contains,
  notContains: (field, value) => !contains(field, value),
  beginsWith: (field, value) => typeof field === 'string' && typeof value === 'string' && field.startsWith(value),
  in: (field, value) => Array.isArray(value) && value.some((candidate) => candidate === field),
  notIn: (field, value) => Array.isArray(value) && !value.some((candidate) => candidate === field),
  between: (field, value) =>
    Array.isArray(value) &&
    value.length >= 2 &&
    isComparablePair(field, value[0]) &&
    isComparablePair(field, value[1]) &&
    value[0] <= field &&
    field <= value[1],
  containsAny: (field, value) =>
    Array.isArray(field) && Array.isArray(value) && value.some((candidate) => field.includes(candidate)),
};

/** The value at a dotted path in the payload; undefined when any step is missing. */
export function valueAtPath(payload: unknown, path: string): unknown {
  let current = payload;
  for (const segment of path.split('.')) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

function ruleMatches(rule: SubscriptionFilterRule, payload: unknown): boolean {
  if (rule.fieldName.split('.').length > MAX_PATH_DEPTH) return true;
  const operator = OPERATORS[rule.operator];
  // Operators are case-sensitive; an unknown one never matches rather than leaking everything.
  if (!operator) return false;
  return operator(valueAtPath(payload, rule.fieldName), rule.value);
}

/** Whether a published payload passes the filter: some group whose every rule matches. */
export function matchesSubscriptionFilter(filter: SubscriptionFilter, payload: unknown): boolean {
  // An empty filterGroup (toSubscriptionFilter({}) gives one) restricts nothing [?].
  if (filter.filterGroup.length === 0) return true;
  return filter.filterGroup.some((group) => group.filters.every((rule) => ruleMatches(rule, payload)));
}

/** Narrows what a resolver passed to setSubscriptionFilter; anything else is not a filter. */
export function isSubscriptionFilter(value: unknown): value is SubscriptionFilter {
  if (value === null || typeof value !== 'object') return false;
  const groups = (value as { filterGroup?: unknown }).filterGroup;
  return (
    Array.isArray(groups) &&
    groups.every((group) => {
      const filters = (group as { filters?: unknown } | null)?.filters;
      return (
        Array.isArray(filters) &&
        filters.every(
          (rule) =>
            typeof (rule as { fieldName?: unknown } | null)?.fieldName === 'string' &&
            typeof (rule as { operator?: unknown }).operator === 'string',
        )
      );
    })
  );
}
