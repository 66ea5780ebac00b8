// Layer rules enforced by tooling (docs/architecture.md §8, local/README.md): no import cycles anywhere
// in our code; production code (resolvers/, functions/, cdk/) never reaches local/ or test/; the
// emulator (local/) never reaches the code it runs; and everything outside local/ except local's own
// unit tests uses it through local/index.ts. esbuild's metafile gives the real import graph,
// type-only imports erased, as bundling sees it (eslint.config.js checks the type imports too).
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const LAYERS = ['resolvers', 'functions', 'cdk', 'local', 'ops', 'bench', 'test'];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return entry === 'node_modules' ? [] : sources(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

let graph: Map<string, string[]>;

beforeAll(async () => {
  const entryPoints = LAYERS.flatMap((layer) => sources(join(ROOT, layer)));
  const result = await build({
    entryPoints,
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outdir: join(ROOT, 'dist', 'import-graph'),
    absWorkingDir: ROOT,
    logLevel: 'silent',
  });
  graph = new Map(
    Object.entries(result.metafile.inputs).map(([file, input]) => [
      file,
      input.imports.filter((i) => !i.external).map((i) => i.path),
    ]),
  );
});

/** Every import edge from a file matching `from` to a different-layer file matching `to`, as "a → b". */
function crossingsFrom(from: RegExp, to: RegExp): string[] {
  return [...graph.entries()].flatMap(([file, imports]) => {
    const source = relative(ROOT, resolve(ROOT, file));
    if (!from.test(source)) return [];
    return imports
      .map((i) => relative(ROOT, resolve(ROOT, i)))
      .filter((target) => to.test(target) && !from.test(target))
      .map((target) => `${source} → ${target}`);
  });
}

describe('import graph', () => {
  it('has no cycles', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (file: string, stack: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'visiting') {
        cycles.push([...stack.slice(stack.indexOf(file)), file].join(' → '));
        return;
      }
      state.set(file, 'visiting');
      for (const next of graph.get(file) ?? []) visit(next, [...stack, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);
    expect(cycles).toEqual([]);
  });

  it('keeps resolvers/, functions/, cdk/ and ops/ away from local/ and test/', () => {
    const crossings = [...graph.entries()].flatMap(([file, imports]) => {
      const from = relative(ROOT, resolve(ROOT, file));
      if (!/^(resolvers|functions|cdk|ops)\//.test(from)) return [];
      return imports
        .filter((i) => /^(local|test)\//.test(relative(ROOT, resolve(ROOT, i))))
        .map((i) => `${from} → ${i}`);
    });
    expect(crossings).toEqual([]);
  });

  it('keeps local/ away from cdk/, resolvers/, functions/, test/ and bench/', () => {
    expect(crossingsFrom(/^local\//, /^(cdk|resolvers|functions|test|bench)\//)).toEqual([]);
  });

  it('lets bench/, the CLIs and tests other than local unit tests reach local/ only through local/index.ts', () => {
    const internal = /^local\/(?!index\.ts$|cli\/requireNode24\.ts$)/;
    const users = /^(bench\/|local\/cli\/|test\/(?!unit\/)|test\/unit\/(functions|lib)\/)/;
    expect(crossingsFrom(users, internal)).toEqual([]);
  });

  it('sees the whole codebase (the graph is not trivially empty)', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get('resolvers/Mutation.saveProfile/3.writeProfile.ts')).toContain('resolvers/lib/writeRequests.ts');
  });
});
