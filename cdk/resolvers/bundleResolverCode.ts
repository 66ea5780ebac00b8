import { relative, resolve } from 'node:path';
import { buildSync } from 'esbuild';

/** AppSync rejects Resolver.code / Function.code longer than this many characters. */
export const APPSYNC_CODE_LIMIT = 32_768;

/** Why a resolver file cannot be deployed as APPSYNC_JS code; the message names the file. */
export class ResolverBundleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ResolverBundleError';
  }
}

/** Bundles one resolver or function file into the single ESM module APPSYNC_JS accepts. */
export function bundleResolverCode(file: string, options: { workingDir?: string } = {}): string {
  const shown = relative(process.cwd(), file) || file;
  let code: string;
  try {
    const result = buildSync({
      entryPoints: [resolve(file)],
      // esbuild names each bundled module in a comment relative to this, so the bundle (and the template) does not depend on the cwd.
      absWorkingDir: resolve(options.workingDir ?? process.cwd()),
      write: false,
      bundle: true,
      format: 'esm',
      // APPSYNC_JS is neither Node nor a browser; es2020 keeps `?.` and `??` and lowers newer syntax.
      platform: 'neutral',
      mainFields: ['module', 'main'],
      target: 'es2020',
      // The runtime provides these modules; AWS asks that they never be bundled.
      external: ['@aws-appsync/utils', '@aws-appsync/utils/*'],
      // Source maps would count against the 32 KB code limit; unminified code stays readable in the console.
      sourcemap: false,
      treeShaking: true,
      minify: false,
      legalComments: 'none',
      logLevel: 'silent',
    });
    code = result.outputFiles[0]?.text ?? '';
  } catch (error) {
    const detail = (error as { errors?: { text: string; location?: { line: number } | null }[] }).errors
      ?.map((message) => `${message.text}${message.location ? ` (line ${message.location.line})` : ''}`)
      .join('; ');
    throw new ResolverBundleError(`${shown}: esbuild failed: ${detail ?? String(error)}`);
  }
  if (code.length > APPSYNC_CODE_LIMIT) {
    throw new ResolverBundleError(
      `${shown}: the bundle is ${code.length} characters; AppSync accepts at most ${APPSYNC_CODE_LIMIT}`,
    );
  }
  return code;
}
