import { readFileSync } from 'node:fs';

const DATA_SOURCE_HEADER = /^\s*\/\/\s*@dataSource\s+([_A-Za-z][_0-9A-Za-z]*)\s*$/;
const SHARED_REFERENCE =
  /^export\s*(?:\*|\{\s*(?:request\s*,\s*response|response\s*,\s*request)\s*,?\s*\})\s*from\s*(['"])\.\.\/functions\/([_A-Za-z][_0-9A-Za-z]*)(?:\.ts|\.js)?\1\s*;?$/;

/** What the wiring needs to know about one handler file before it is bundled. */
export interface HandlerSource {
  /** The `// @dataSource <Name>` header, when the first line holds one. */
  dataSourceName?: string;
  /** For a pipeline step that only re-exports a shared function: that function's name. */
  sharedFunctionName?: string;
}

/** Reads a resolver or function file's data-source header and whether it only re-exports a shared function. */
export function readHandlerSource(file: string): HandlerSource {
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const dataSourceName = DATA_SOURCE_HEADER.exec(firstLine)?.[1];
  const code = stripComments(text)
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .join(' ');
  const sharedFunctionName = SHARED_REFERENCE.exec(code)?.[2];
  return { dataSourceName, sharedFunctionName };
}

/** Removes line and block comments; good enough for the one-statement files it is asked about. */
function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"])\/\/.*$/gm, '$1');
}
