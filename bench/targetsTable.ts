// The closing table of the rows with a target (README "Benchmarks"):
// each measured ratio or count next to its target, so one run says what holds.
import type { FanOutResult } from './fanOut.ts';
import type { LoadResult } from './measure.ts';
import type { ScaleRow } from './readAtScale.ts';

/** What the targets are judged on, all from one run. */
export interface TargetInputs {
  graphqlRead: LoadResult;
  sdkRead: LoadResult;
  restRead?: LoadResult;
  graphqlReadAlternating?: LoadResult;
  write: LoadResult;
  fanOut: FanOutResult;
  scale: ScaleRow[];
}

const times = (value: number) => `${value.toFixed(2)}×`;
const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');

function targetRows(t: TargetInputs): string[][] {
  const throughput = t.graphqlRead.requestsPerSecond / t.sdkRead.requestsPerSecond;
  const p99 = t.graphqlRead.p99 / t.sdkRead.p99;
  const rows = [
    ['GraphQL read / raw SDK, throughput', times(throughput), '≥ 0.70×', verdict(throughput >= 0.7)],
    ['GraphQL read / raw SDK, p99 latency', times(p99), '≤ 1.50×', verdict(p99 <= 1.5)],
  ];
  if (t.restRead && t.graphqlReadAlternating) {
    const rest = t.restRead.requestsPerSecond / t.graphqlReadAlternating.requestsPerSecond;
    rows.push(['REST public read / GraphQL read, throughput', times(rest), '≥ 0.80×', verdict(rest >= 0.8)]);
  }
  rows.push([
    'saveLink (write) over GraphQL',
    `${t.write.requestsPerSecond.toFixed(0)} req/s, p50 ${t.write.p50.toFixed(1)} / p99 ${t.write.p99.toFixed(1)} ms`,
    'measured',
    '',
  ]);
  const all = t.fanOut.delivered === t.fanOut.subscribers;
  rows.push([
    `real-time fan-out, ${t.fanOut.subscribers} subscribers, one save`,
    `${t.fanOut.delivered}/${t.fanOut.subscribers}, p50 ${t.fanOut.p50.toFixed(0)} / p99 ${t.fanOut.p99.toFixed(0)} ms`,
    'all delivered',
    verdict(all),
  ]);
  const [small, large] = [t.scale[0], t.scale.at(-1)];
  if (small && large && large !== small) {
    const cost = small.result.requestsPerSecond / large.result.requestsPerSecond;
    rows.push([
      `read cost at ${large.profiles} / ${small.profiles} profiles`,
      times(cost),
      '≤ 1.20×',
      verdict(cost <= 1.2),
    ]);
  }
  return rows;
}

/** The targets as an aligned Markdown table. */
export function formatTargetsTable(inputs: TargetInputs): string {
  const table = [['measurement', 'measured', 'target', ''], ...targetRows(inputs)];
  const widths = table[0].map((_, col) => Math.max(...table.map((row) => row[col].length)));
  const line = (row: string[]) => `| ${row.map((cell, col) => cell.padEnd(widths[col])).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  return [line(table[0]), rule, ...table.slice(1).map(line)].join('\n');
}
