// The bench's closing table, plain text so it pastes into a closing note unchanged.
import type { LoadResult } from './measure.ts';

/** A labelled measurement. */
export interface BenchRow {
  label: string;
  result: LoadResult;
}

const pad = (text: string, width: number, right = false) => (right ? text.padStart(width) : text.padEnd(width));

/** Formats the two measurements and their ratio (a/b) as an aligned Markdown table. */
export function formatBenchTable(a: BenchRow, b: BenchRow): string {
  const rows: string[][] = [
    ['', 'requests', 'req/s', 'p50 ms', 'p99 ms'],
    ...[a, b].map(({ label, result }) => [
      label,
      String(result.completed),
      result.requestsPerSecond.toFixed(0),
      result.p50.toFixed(2),
      result.p99.toFixed(2),
    ]),
    [
      'ratio (a/b)',
      '',
      (a.result.requestsPerSecond / b.result.requestsPerSecond).toFixed(2),
      (a.result.p50 / b.result.p50).toFixed(2),
      (a.result.p99 / b.result.p99).toFixed(2),
    ],
  ];
  const widths = rows[0].map((_, col) => Math.max(...rows.map((row) => row[col].length)));
  const line = (row: string[]) => `| ${row.map((cell, col) => pad(cell, widths[col], col > 0)).join(' | ')} |`;
  const rule = `|${widths.map((w, col) => (col > 0 ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(rows[0]), rule, ...rows.slice(1).map(line)].join('\n');
}
