// IAM's evaluation of identity-based policy statements for one action on one resource, as far as a
// data source's service role needs it: an explicit Deny wins, then any Allow, else the request is
// implicitly denied. Action names match case-insensitively, resources case-sensitively, both with
// `*` and `?` wildcards; NotAction and NotResource invert the match
// (docs/appsync-facts.md §2.4). Conditions are not evaluated: a statement with one is taken to apply.

/** One statement of a policy document, with intrinsic functions already resolved. */
export interface IamPolicyStatement {
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: unknown;
}

/** IAM's verdict: allowed, denied by a Deny statement, or denied because nothing allows it. */
export type IamDecision = 'allow' | 'explicitDeny' | 'implicitDeny';

const list = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

// Patterns compiled once: every data-source call checks the same few.
const compiled = new Map<string, RegExp>();

function wildcardPattern(pattern: string, ignoreCase: boolean): RegExp {
  const key = `${ignoreCase ? 'i' : 's'}${pattern}`;
  let re = compiled.get(key);
  if (re === undefined) {
    const body = pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.');
    re = new RegExp(`^${body}$`, ignoreCase ? 'is' : 's');
    compiled.set(key, re);
  }
  return re;
}

function matchesAny(patterns: readonly string[], value: string, ignoreCase: boolean): boolean {
  return patterns.some((pattern) => wildcardPattern(pattern, ignoreCase).test(value));
}

function applies(statement: IamPolicyStatement, action: string, resource: string): boolean {
  const actionMatches =
    statement.NotAction !== undefined
      ? !matchesAny(list(statement.NotAction), action, true)
      : matchesAny(list(statement.Action), action, true);
  const resourceMatches =
    statement.NotResource !== undefined
      ? !matchesAny(list(statement.NotResource), resource, false)
      : matchesAny(list(statement.Resource), resource, false);
  return actionMatches && resourceMatches;
}

/** Whether `statements` allow `action` (e.g. `dynamodb:Scan`) on the resource ARN. */
export function evaluatePolicy(
  statements: readonly IamPolicyStatement[],
  action: string,
  resource: string,
): IamDecision {
  const matching = statements.filter((statement) => applies(statement, action, resource));
  if (matching.some((statement) => statement.Effect === 'Deny')) return 'explicitDeny';
  return matching.some((statement) => statement.Effect === 'Allow') ? 'allow' : 'implicitDeny';
}
