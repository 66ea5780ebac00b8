// The console page is a bundle (console/build.ts). `npm run build` makes it; a stack started from
// a fresh clone, or after the console's sources changed, rebuilds it in the background instead of
// serving a stale or missing page (the API is ready meanwhile; only the page waits).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CONSOLE_OUT_DIR, buildConsole } from '../../console/build.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const SOURCES = ['console', 'package-lock.json'];

/** Where the bundle is served from. */
export const CONSOLE_BUNDLE_DIR = join(ROOT, CONSOLE_OUT_DIR);

/** Whether dist/console is older than any of the console's sources (or missing). */
export function consoleBundleIsStale(bundleDir = CONSOLE_BUNDLE_DIR): boolean {
  const marker = join(bundleDir, 'index.html');
  if (!existsSync(marker)) return true;
  const builtAt = statSync(marker).mtimeMs;
  return SOURCES.some((source) => newestMtime(join(ROOT, source)) > builtAt);
}

/** Resolves when the bundle is current: at once if it is, else after rebuilding it. */
export function ensureConsoleBundle(bundleDir = CONSOLE_BUNDLE_DIR): Promise<void> {
  if (!consoleBundleIsStale(bundleDir)) return Promise.resolve();
  return buildConsole(bundleDir).then(() => undefined);
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((entry) => newestMtime(join(path, entry))));
}
