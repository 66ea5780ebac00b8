// Reading a function's configuration from its environment (set by the CDK stack, or by the local
// Lambda runtime from the same template).

/** The value of environment variable `name`; throws at cold start when it is missing. */
export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Environment variable ${name} is not set.`);
  return value;
}

/** The value of `name` as a positive integer; throws when missing or not one. */
export function requiredPositiveInteger(name: string): number {
  const value = Number(requiredEnv(name));
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`Environment variable ${name} must be a positive integer.`);
  return value;
}
