// `npm start` serves the synthesized template, so it must be current: re-synthesize when any
// source the template is built from is newer than cdk.out, reuse it otherwise (a warm start).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = ['schema.graphql', 'resolvers', 'functions', 'cdk', 'cdk.json', 'package-lock.json'];
// The stack `cdk/app.ts` synthesizes without `-c stage` (cdk/config/naming.ts stackIdFor): a
// cdk.out left by `cdk synth -c stage=prod` holds another stage and is synthesized again.
const LOCAL_STACK_ID = 'ProLynk-local';

/** Synthesizes into cdk.out unless it is newer than every source; returns whether it ran. */
export function ensureCloudAssembly(rootDir: string, cdkOutDir: string): { synthesized: boolean; ms: number } {
  const started = performance.now();
  const manifest = join(cdkOutDir, 'manifest.json');
  const builtAt = existsSync(manifest) ? statSync(manifest).mtimeMs : 0;
  const newest = Math.max(...SOURCES.map((s) => newestMtime(join(rootDir, s))));
  if (builtAt > newest && holdsLocalStack(manifest)) {
    return { synthesized: false, ms: performance.now() - started };
  }
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(rootDir, 'cdk', 'app.ts')], {
    cwd: rootDir,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    throw new Error(`cdk synth failed (exit ${result.status}); run \`npm run synth\` to see why.`);
  }
  return { synthesized: true, ms: performance.now() - started };
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((entry) => newestMtime(join(path, entry))));
}

function holdsLocalStack(manifest: string): boolean {
  const { artifacts = {} } = JSON.parse(readFileSync(manifest, 'utf8')) as { artifacts?: Record<string, unknown> };
  return LOCAL_STACK_ID in artifacts;
}
