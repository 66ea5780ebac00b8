// The style rule "no function outside tests longer than 80 lines", checked on local/ and bench/ with
// the TypeScript AST: every function, method, constructor, accessor and arrow function, from its
// first line to its last (nested functions count inside their parent too).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const CHECKED = ['local', 'bench'];
const MAX_LINES = 80;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return entry === 'node_modules' ? [] : sources(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every function with a body in `text`, as `{ name, line, lines }`. */
function functionLengths(fileName: string, text: string): { name: string; line: number; lines: number }[] {
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found: { name: string; line: number; lines: number }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const first = file.getLineAndCharacterOfPosition(node.getStart(file)).line;
      const last = file.getLineAndCharacterOfPosition(node.getEnd()).line;
      found.push({ name: functionName(node, file), line: first + 1, lines: last - first + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

function functionName(node: ts.Node, file: ts.SourceFile): string {
  const named = (node as { name?: ts.Node }).name;
  if (named) return named.getText(file);
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent))
    return parent.name.getText(file);
  return '<anonymous>';
}

describe('function length', () => {
  it('measures what it should: a 3-line function, an arrow inside it, a method', () => {
    const text = 'function outer() {\n  const inner = () => 1;\n}\nclass C {\n  m() {\n    return 1;\n  }\n}\n';
    expect(functionLengths('probe.ts', text)).toEqual([
      { name: 'outer', line: 1, lines: 3 },
      { name: 'inner', line: 2, lines: 1 },
      { name: 'm', line: 5, lines: 3 },
    ]);
  });

  it(`keeps every function in ${CHECKED.join('/ and ')}/ at ${MAX_LINES} lines or fewer`, () => {
    const tooLong = CHECKED.flatMap((dir) => sources(join(ROOT, dir))).flatMap((path) =>
      functionLengths(path, readFileSync(path, 'utf8'))
        .filter((fn) => fn.lines > MAX_LINES)
        .map((fn) => `${relative(ROOT, path)}:${fn.line} ${fn.name} (${fn.lines} lines)`),
    );
    expect(tooLong).toEqual([]);
  });
});
