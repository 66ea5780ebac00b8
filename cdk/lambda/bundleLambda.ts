// One bundling recipe for every Lambda in functions/ (docs/architecture.md §2): esbuild, ESM for
// Node 24, minified, with an external source map, and EVERYTHING bundled — the AWS SDK v3
// modular clients included — so a function runs the SDK version we pinned and tested, not
// whatever the Lambda runtime happens to ship.
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

// Some SDK dependencies are CommonJS and call require() for Node built-ins, which an ESM bundle
// does not define; this gives them one.
const REQUIRE_BANNER =
  "import { createRequire as __prolynkCreateRequire } from 'node:module'; const require = __prolynkCreateRequire(import.meta.url);";

export interface BundleLambdaOptions {
  /** Where bundles go (one folder per function); default `<repo>/dist/lambda`. Tests use a temporary folder. */
  outRoot?: string;
  /** Where function sources live (one folder per function with an index.ts); default `<repo>/functions`. */
  functionsDir?: string;
}

export interface LambdaBundle {
  /** The folder holding index.mjs and its map: what lambda.Code.fromAsset takes. */
  directory: string;
  /** Size of index.mjs in bytes. */
  bytes: number;
}

/** Bundles functions/<name>/index.ts into <outRoot>/<name>/index.mjs (handler `index.handler`) and returns its folder and size. */
export function bundleLambda(name: string, options: BundleLambdaOptions = {}): LambdaBundle {
  const directory = join(options.outRoot ?? join(REPO_ROOT, 'dist', 'lambda'), name);
  const outfile = join(directory, 'index.mjs');
  const functionsDir = options.functionsDir ?? join(REPO_ROOT, 'functions');
  const result = buildSync({
    entryPoints: [join(functionsDir, name, 'index.ts')],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node24',
    minify: true,
    sourcemap: 'external',
    // Prefer the SDK's ESM builds, which tree-shake better.
    mainFields: ['module', 'main'],
    banner: { js: REQUIRE_BANNER },
    // Credentials come from the environment on Lambda: the SDK's whole default chain is not needed.
    alias: { '@aws-sdk/credential-provider-node': join(REPO_ROOT, 'functions', 'lib', 'lambdaCredentials.ts') },
    legalComments: 'none',
    logLevel: 'silent',
  });
  if (result.errors.length > 0) {
    throw new Error(`Bundling functions/${name} failed: ${result.errors.map((error) => error.text).join('; ')}`);
  }
  return { directory, bytes: statSync(outfile).size };
}
