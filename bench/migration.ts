// The migration's bench rows (ops/migrate): seed-era data generated into the bench's local stack,
// then `npm run migrate` as a process of its own, once per table size, reading its report for the
// throughput (items scanned per second, fixes and all) and the process's peak resident memory.
// The tables grow from one size to the next (each run scans everything), so the memory column
// shows whether memory follows the table's size; the target is at least 500 items/s.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalOutputs } from '../local/index.ts';
import type { MigrationSummary } from '../ops/migrate/summary.ts';
import { generateLegacyData } from '../ops/seedLegacy/generateLegacyData.ts';
import { dynamoDbClient, resolveTarget } from '../ops/target.ts';

/** One migrated table size. */
export interface MigrationRow {
  profilesInTables: number;
  items: number;
  itemsPerSecond: number;
  peakRssMb: number;
  seconds: number;
}

/** Generates up to each of `sizes` profiles in turn and migrates after each; one row per size. */
export async function measureMigration(
  rootDir: string,
  outputs: LocalOutputs,
  sizes: number[],
): Promise<MigrationRow[]> {
  const outputsFile = join(outputs.dataDir, 'outputs.json');
  const target = resolveTarget({ outputs: outputsFile });
  const client = dynamoDbClient(target);
  const rows: MigrationRow[] = [];
  let total = 0;
  try {
    for (const [i, size] of sizes.entries()) {
      await generateLegacyData(client, target.tables, {
        profiles: size - total,
        seed: 100 + i,
        assetsBaseUrl: `https://${outputs.bucket}.s3.amazonaws.com`,
      });
      total = size;
      const summary = await migrateInChild(rootDir, outputsFile);
      rows.push({
        profilesInTables: total,
        items: summary.throughput.items,
        itemsPerSecond: summary.throughput.itemsPerSecond,
        peakRssMb: summary.peakRssMb,
        seconds: summary.throughput.seconds,
      });
    }
  } finally {
    client.destroy();
  }
  return rows;
}

async function migrateInChild(rootDir: string, outputsFile: string): Promise<MigrationSummary> {
  const stateDir = mkdtempSync(join(tmpdir(), 'prolynk-bench-migrate-'));
  try {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(rootDir, 'ops', 'migrate', 'cli.ts'),
        '--outputs',
        outputsFile,
        '--state-dir',
        stateDir,
        '--rate',
        '1000000',
      ],
      { cwd: rootDir, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-2000)));
    const [code] = await once(child, 'exit');
    if (code !== 0) throw new Error(`migrate exited with ${String(code)}:\n${stderr}`);
    return JSON.parse(readFileSync(join(stateDir, 'report.json'), 'utf8')) as MigrationSummary;
  } finally {
    rmSync(stateDir, { recursive: true, force: true });
  }
}

/** The rows as a Markdown table, with the memory ratio between the largest and the smallest table. */
export function formatMigrationTable(rows: MigrationRow[]): string {
  const table = [
    ['profiles in the tables', 'items scanned', 'seconds', 'items/s', 'peak RSS MB'],
    ...rows.map((r) => [
      String(r.profilesInTables),
      String(r.items),
      r.seconds.toFixed(1),
      String(r.itemsPerSecond),
      String(r.peakRssMb),
    ]),
  ];
  if (rows.length > 1) {
    const [first, last] = [rows[0], rows[rows.length - 1]];
    table.push([
      `ratio (${last.profilesInTables}/${first.profilesInTables})`,
      (last.items / first.items).toFixed(1),
      '',
      '',
      (last.peakRssMb / first.peakRssMb).toFixed(2),
    ]);
  }
  const widths = table[0].map((_, col) => Math.max(...table.map((row) => row[col].length)));
  const line = (row: string[]) =>
    `| ${row.map((cell, col) => (col > 0 ? cell.padStart(widths[col]) : cell.padEnd(widths[col]))).join(' | ')} |`;
  const rule = `|${widths.map((w, col) => (col > 0 ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(table[0]), rule, ...table.slice(1).map(line)].join('\n');
}
