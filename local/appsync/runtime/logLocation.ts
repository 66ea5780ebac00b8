// Where a console.log / console.error call sits in the code as it was handed to AppSync.
// EvaluateCode prefixes each log line with it ("INFO - code.js:13:5: …", docs/appsync-facts.md §3).
// Bundles run as esbuild's CommonJS translation behind a one-line wrapper, so the position V8
// reports is mapped back to the original through the translation's source map.
import { SourceMap } from 'node:module';

/** A 1-based line and column in the original code. */
export interface SourceLocation {
  line: number;
  column: number;
}

/** The source map of one translated bundle plus how many lines the wrapper adds before it. */
export interface TranslatedSource {
  fileName: string;
  map: SourceMap;
  wrapperLines: number;
}

/** Parses esbuild's JSON source map once, for callerLocation. */
export function parseSourceMap(json: string): SourceMap {
  return new SourceMap(JSON.parse(json));
}

/** The innermost stack frame inside `source.fileName`, as a position in the original code. */
export function callerLocation(source: TranslatedSource): SourceLocation | undefined {
  const stack = new Error().stack ?? '';
  const marker = `${source.fileName}:`;
  for (const frame of stack.split('\n')) {
    const at = frame.lastIndexOf(marker);
    if (at < 0) continue;
    const [line, column] = frame
      .slice(at + marker.length)
      .replace(/\)$/, '')
      .split(':')
      .map(Number);
    if (!Number.isInteger(line) || !Number.isInteger(column)) return undefined;
    const entry = source.map.findEntry(line - 1 - source.wrapperLines, column - 1);
    if (!('originalLine' in entry)) return undefined;
    return { line: entry.originalLine + 1, column: entry.originalColumn + 1 };
  }
  return undefined;
}
