// `npm start` serves the synthesized template, so it must be current: re-synthesize when any
// source the template is built from is newer than cdk.out, reuse it otherwise (a warm start).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = ['schema.graphql', 'resolvers', 'functions', 'cdk', 'package-lock.json'];

/** Synthesizes into cdk.out unless it is newer than every source; returns whether it ran. */
export function ensureCloudAssembly(rootDir: string, cdkOutDir: string): { synthesized: boolean; ms: number } {
  const started = performance.now();
  const manifest = join(cdkOutDir, 'manifest.json');
  const builtAt = existsSync(manifest) ? statSync(manifest).mtimeMs : 0;
  const newest = Math.max(...SOURCES.map((s) => newestMtime(join(rootDir, s))));
  if (builtAt > newest) {
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
