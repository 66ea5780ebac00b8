// Hand-written DynamoDB request pieces. The @aws-appsync/utils/dynamodb helpers cannot express
// everything we need (ADD on a counter that may not exist yet, SET and REMOVE in one update
// without relying on the helper's undocumented REMOVE rendering), and AppSync accepts raw request
// objects, so writes are spelled out here with stable placeholder names.
import { util } from '@aws-appsync/utils';

/** An AppSync expression object: condition, update or key condition. */
export interface Expression {
  expression: string;
  expressionNames: Record<string, string>;
  expressionValues: Record<string, unknown>;
}

/** SET each attribute of `set` and REMOVE each name in `remove`, with #sN/:sN and #rN placeholders. */
export function updateExpression(set: Record<string, unknown>, remove: string[]): Expression {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets = Object.keys(set).map((attribute, i) => {
    names[`#s${i}`] = attribute;
    values[`:s${i}`] = util.dynamodb.toDynamoDB(set[attribute]);
    return `#s${i} = :s${i}`;
  });
  const removes = remove
    .filter((a) => !Object.hasOwn(set, a))
    .map((attribute, i) => {
      names[`#r${i}`] = attribute;
      return `#r${i}`;
    });
  const clauses = [
    sets.length > 0 ? `SET ${sets.join(', ')}` : '',
    removes.length > 0 ? `REMOVE ${removes.join(', ')}` : '',
  ];
  return { expression: clauses.filter((c) => c !== '').join(' '), expressionNames: names, expressionValues: values };
}

/** A condition expression with its own placeholders (values converted to DynamoDB form). */
export function condition(
  expression: string,
  names: Record<string, string>,
  values: Record<string, unknown>,
): Expression {
  const typed: Record<string, unknown> = {};
  Object.keys(values).forEach((k) => {
    typed[k] = util.dynamodb.toDynamoDB(values[k]);
  });
  return { expression, expressionNames: names, expressionValues: typed };
}

/** The environment's table names (AppSync environment variables set by the CDK stack). */
export function tables(env: unknown): { users: string; profiles: string; links: string; assetsBaseUrl: string } {
  const e = env as Record<string, string>;
  return { users: e.USERS_TABLE, profiles: e.PROFILES_TABLE, links: e.LINKS_TABLE, assetsBaseUrl: e.ASSETS_BASE_URL };
}
