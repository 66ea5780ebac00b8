import { readFileSync } from 'node:fs';

// The first line of a handler file says how synth wires it:
// - `// @dataSource <Name>`: its own code, run against that data source;
// - `// @function <name>`: a pipeline step that IS the shared AppSync function
//   resolvers/functions/<name>.ts (created once, whichever pipelines use it).
const HEADER = /^\s*\/\/\s*@(dataSource|function)\s+(\S+)\s*$/;

/** What the wiring needs to know about one handler file before it is bundled. */
export interface HandlerSource {
  /** The `// @dataSource <Name>` header, when the first line holds one. */
  dataSourceName?: string;
  /** The `// @function <name>` header, when the first line holds one: the shared function the step is. */
  sharedFunctionName?: string;
  /** Whether anything but comments and blank lines follows. */
  hasCode: boolean;
}

/** Reads a resolver or function file's first-line header and whether it holds any code. */
export function readHandlerSource(file: string): HandlerSource {
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const header = HEADER.exec(text.split(/\r?\n/, 1)[0] ?? '');
  const hasCode = stripComments(text).trim() !== '';
  if (header?.[1] === 'dataSource') return { dataSourceName: header[2], hasCode };
  if (header?.[1] === 'function') return { sharedFunctionName: header[2], hasCode };
  return { hasCode };
}

/** Removes line and block comments; enough to tell a comment-only file from one with code. */
function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"])\/\/.*$/gm, '$1');
}
