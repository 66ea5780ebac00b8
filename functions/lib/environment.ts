// Every environment variable a function needs, in one table, read and checked in one place: a
// function whose stack forgot one fails at init naming all that are missing, instead of calling
// AWS with an empty table name. The infrastructure tests check the stack sets each function's list.

/** The variables each function (its folder under functions/) cannot run without. */
export const REQUIRED_ENVIRONMENT = {
  presign: ['S3_BUCKET', 'ASSETS_BASE_URL'],
  'pre-signup': ['PROFILES_TABLE'],
  'post-confirmation': ['USERS_TABLE', 'PROFILES_TABLE'],
  publish: ['AWS_REGION', 'GRAPHQL_URL', 'USERS_TABLE', 'PROFILES_TABLE', 'LINKS_TABLE'],
  rest: ['AWS_REGION', 'GRAPHQL_URL'],
  'renew-api-key': ['GRAPHQL_API_ID', 'API_KEY_VALIDITY_DAYS'],
  stats: ['STATS_TABLE', 'VISITORS_TABLE', 'PROFILES_TABLE', 'LINKS_TABLE'],
} as const;

/** A function folder that has an entry in REQUIRED_ENVIRONMENT. */
export type FunctionName = keyof typeof REQUIRED_ENVIRONMENT;

/** The function's required variables by name; throws one error naming every missing or empty one. */
export function readEnvironment<F extends FunctionName>(
  fn: F,
  env: NodeJS.ProcessEnv = process.env,
): Record<(typeof REQUIRED_ENVIRONMENT)[F][number], string> {
  const names: readonly string[] = REQUIRED_ENVIRONMENT[fn];
  const missing = names.filter((name) => !env[name]);
  if (missing.length > 0) {
    throw new Error(
      `functions/${fn}: environment variable${missing.length > 1 ? 's' : ''} ${missing.join(', ')} not set.`,
    );
  }
  return Object.fromEntries(names.map((name) => [name, env[name] as string])) as Record<
    (typeof REQUIRED_ENVIRONMENT)[F][number],
    string
  >;
}

/** An optional variable: undefined when unset or empty (e.g. S3_ENDPOINT, set only by the local stack). */
export function optionalEnvironment(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env[name] || undefined;
}
