// Bundles the local console (console/src, React + GraphiQL 5) into static files under
// dist/console, served by `npm start` at the API port's root. Everything the page needs is in the
// output — the Monaco editor's workers and fonts included — so nothing is fetched from the network
// at run time. `npm run build` runs this; the local stack runs it too when the bundle is missing
// or older than its sources (local/console/ensureConsoleBundle.ts).
import { copyFileSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import type { BuildOptions } from 'esbuild';

/** Where the bundle goes, relative to the repository root. */
export const CONSOLE_OUT_DIR = join('dist', 'console');
/** The URL path the bundle's files are served under. */
export const CONSOLE_ASSETS_PATH = '/_console/assets';

const ROOT = resolve(import.meta.dirname, '..');

// Monaco runs its language services in web workers; each is its own classic-script bundle, and
// the page's MonacoEnvironment (console/src/monacoWorkers.ts) points Monaco at them by label.
const WORKERS: Record<string, string> = {
  'editor.worker': 'monaco-editor/esm/vs/editor/editor.worker.js',
  'json.worker': 'monaco-editor/esm/vs/language/json/json.worker.js',
  'graphql.worker': 'monaco-graphql/esm/graphql.worker.js',
};

/** Builds the console into `outDir` (default dist/console); returns each file's size in bytes. */
export async function buildConsole(outDir = join(ROOT, CONSOLE_OUT_DIR)): Promise<Record<string, number>> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const common: BuildOptions = {
    bundle: true,
    minify: process.env.CONSOLE_MINIFY !== 'false',
    target: 'es2022',
    platform: 'browser',
    absWorkingDir: ROOT,
    outdir: outDir,
    logLevel: 'warning',
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': JSON.stringify(process.env.CONSOLE_NODE_ENV ?? 'production') },
  };
  await Promise.all([
    build({
      ...common,
      entryPoints: { app: join(ROOT, 'console', 'src', 'main.tsx') },
      format: 'esm',
      jsx: 'automatic',
      loader: { '.ttf': 'file', '.woff': 'file', '.woff2': 'file' },
      assetNames: '[name]',
      publicPath: CONSOLE_ASSETS_PATH,
    }),
    build({ ...common, entryPoints: WORKERS, format: 'iife' }),
  ]);
  copyFileSync(join(ROOT, 'console', 'index.html'), join(outDir, 'index.html'));
  return Object.fromEntries(readdirSync(outDir).map((file) => [file, statSync(join(outDir, file)).size]));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = performance.now();
  const sizes = await buildConsole();
  const total = Object.values(sizes).reduce((sum, size) => sum + size, 0);
  const files = Object.entries(sizes)
    .map(([file, size]) => `${file} ${(size / 1024).toFixed(0)} KiB`)
    .join(', ');
  process.stdout.write(
    `console bundle: ${(total / 1024 / 1024).toFixed(2)} MiB in ${((performance.now() - started) / 1000).toFixed(1)} s (${files})\n`,
  );
}
