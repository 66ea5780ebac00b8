// Command-line options the ops tools share: where they work (ops/target.ts) and --help.
import type { ParseArgsConfig } from 'node:util';
import type { TargetOptions } from './target.ts';

/** parseArgs options naming the target. */
export const TARGET_OPTIONS = {
  outputs: { type: 'string' },
  endpoint: { type: 'string' },
  stage: { type: 'string' },
  region: { type: 'string' },
  project: { type: 'string' },
  'users-table': { type: 'string' },
  'profiles-table': { type: 'string' },
  'links-table': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} satisfies ParseArgsConfig['options'];

/** The usage lines for TARGET_OPTIONS. */
export const TARGET_USAGE = [
  'Target (default: the local stack of `npm start`, read from .prolynk/outputs.json):',
  '  --outputs FILE        another local stack outputs.json',
  '  --endpoint URL        any DynamoDB endpoint (local credentials unless AWS_ACCESS_KEY_ID is set)',
  '  --stage NAME          a deployed stage; region and credentials from the standard AWS chain',
  '  --region REGION       the region (default: AWS_REGION, or the profile)',
  '  --project NAME        the project prefix of seed-named tables (default prolynk)',
  '  --users-table, --profiles-table, --links-table NAME   explicit table names',
].join('\n');

/** TargetOptions from parsed values. */
export function targetOptions(values: Record<string, string | boolean | undefined>): TargetOptions {
  const text = (key: string) => (typeof values[key] === 'string' ? (values[key] as string) : undefined);
  return {
    outputs: text('outputs'),
    endpoint: text('endpoint'),
    stage: text('stage'),
    region: text('region'),
    project: text('project'),
    usersTable: text('users-table'),
    profilesTable: text('profiles-table'),
    linksTable: text('links-table'),
  };
}

/** A positive integer option, or an error naming it. */
export function positiveInteger(name: string, value: string | undefined, fallback?: number): number {
  if (value === undefined && fallback !== undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0)
    throw new Error(`--${name} must be a positive whole number (got ${value ?? 'nothing'}).`);
  return parsed;
}
