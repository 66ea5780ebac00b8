// `npm run bench:lambda`: each Lambda bundle's minified size against the 500 KB budget, and its
// init time on this Node (24) — the time to import the bundle (Powertools, the SDK clients, the
// handler's module scope) in a fresh process, as a cold start does — median of several runs.
// Tracing is on, as in a deployed stage, so the X-Ray SDK's set-up is included.
import '../local/cli/requireNode24.ts';
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { REQUIRED_ENVIRONMENT } from '../functions/lib/environment.ts';
import type { FunctionName } from '../functions/lib/environment.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' } } });
const runs = Number(values.runs);
const BUDGET = 500 * 1024;
const bundlesDir = resolve(import.meta.dirname, '..', 'dist', 'lambda');

// What Lambda and the stack would set; the values only need to exist for the module scope to run.
function environmentFor(name: string): NodeJS.ProcessEnv {
  const required = Object.fromEntries(
    (REQUIRED_ENVIRONMENT[name as FunctionName] ?? []).map((variable) => [variable, `bench-${variable.toLowerCase()}`]),
  );
  return {
    PATH: process.env.PATH,
    ...required,
    GRAPHQL_URL: 'https://example.appsync-api.eu-west-1.amazonaws.com/graphql',
    ASSETS_BASE_URL: 'https://assets.example.com',
    API_KEY_VALIDITY_DAYS: '365',
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
    AWS_LAMBDA_FUNCTION_NAME: name,
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    LAMBDA_TASK_ROOT: join(bundlesDir, name),
    POWERTOOLS_TRACE_ENABLED: 'true',
    POWERTOOLS_METRICS_NAMESPACE: 'bench',
    AWS_XRAY_CONTEXT_MISSING: 'IGNORE_ERROR',
  };
}

function importMs(name: string): number {
  const file = pathToFileURL(join(bundlesDir, name, 'index.mjs')).href;
  const script = `const t = performance.now(); await import(${JSON.stringify(file)}); console.log(performance.now() - t);`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    env: environmentFor(name),
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(`${name}: ${child.stderr}`);
  return Number(child.stdout.trim().split('\n').at(-1));
}

const median = (numbers: number[]) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)];

const rows = readdirSync(bundlesDir).map((name) => {
  const bytes = statSync(join(bundlesDir, name, 'index.mjs')).size;
  const times = Array.from({ length: runs }, () => importMs(name));
  return { name, bytes, median: median(times), min: Math.min(...times), max: Math.max(...times) };
});

process.stdout.write(`Lambda bundles on Node ${process.version} (${runs} fresh processes each; budget 500 KB)\n\n`);
process.stdout.write(
  '| function | minified KB | budget | init ms (median) | min | max |\n|---|---:|---|---:|---:|---:|\n',
);
for (const row of rows) {
  const kb = (row.bytes / 1024).toFixed(0);
  const within = row.bytes <= BUDGET ? 'ok' : 'OVER';
  process.stdout.write(
    `| ${row.name} | ${kb} | ${within} | ${row.median.toFixed(0)} | ${row.min.toFixed(0)} | ${row.max.toFixed(0)} |\n`,
  );
}
