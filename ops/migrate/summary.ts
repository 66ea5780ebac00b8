// The report's summary (report.json, and what the command prints): counts per table and per code,
// the groups of usernames that differ only by case, throughput, consumed capacity and peak memory.
import type { Checkpoint, Phase, TableCounters } from './checkpoint.ts';
import type { ReportFile } from './reportFile.ts';

/** A set of stored usernames that are one name once lowercased: reported, never merged. */
export interface CaseGroup {
  normalized: string;
  names: string[];
}

/** Everything report.json holds. */
export interface MigrationSummary {
  target: string;
  dryRun: boolean;
  startedAt: string;
  finishedAt: string;
  runs: number;
  tables: Record<Phase, TableCounters>;
  fixed: Record<string, number>;
  unfixable: Record<string, number>;
  notes: Record<string, number>;
  caseGroups: CaseGroup[];
  throughput: { items: number; seconds: number; itemsPerSecond: number };
  consumedCapacity: { read: number; write: number };
  /** This process's peak resident set size (the last run's, when resumed). */
  peakRssMb: number;
  reportFile: string;
}

/** The summary of a finished checkpoint; reads the report once for the case groups. */
export async function summarize(
  checkpoint: Checkpoint,
  report: ReportFile,
  finishedAt: Date,
): Promise<MigrationSummary> {
  const byKind = (kind: string) =>
    Object.fromEntries(
      Object.entries(checkpoint.codes)
        .filter(([code]) => code.startsWith(`${kind}:`))
        .map(([code, n]) => [code.slice(kind.length + 1), n]),
    );
  const items = Object.values(checkpoint.tables).reduce((sum, t) => sum + t.scanned, 0);
  const seconds = checkpoint.elapsedMs / 1000;
  return {
    target: checkpoint.target,
    dryRun: checkpoint.dryRun,
    startedAt: checkpoint.startedAt,
    finishedAt: finishedAt.toISOString(),
    runs: checkpoint.runs,
    tables: checkpoint.tables,
    fixed: byKind('fixed'),
    unfixable: byKind('unfixable'),
    notes: byKind('note'),
    caseGroups: await caseGroups(report),
    throughput: {
      items,
      seconds: Math.round(seconds * 10) / 10,
      itemsPerSecond: seconds > 0 ? Math.round(items / seconds) : 0,
    },
    consumedCapacity: { read: Math.round(checkpoint.consumed.read), write: Math.round(checkpoint.consumed.write) },
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    reportFile: report.path,
  };
}

// Only mixed-case names are held in memory, not the table.
async function caseGroups(report: ReportFile): Promise<CaseGroup[]> {
  const groups = new Map<string, Set<string>>();
  const add = (normalized: string, name: string) =>
    groups.set(normalized, (groups.get(normalized) ?? new Set()).add(name));
  for await (const finding of report.read()) {
    if (finding.code === 'username-case' && finding.value) add(finding.value, finding.key.username);
    if (finding.code === 'case-collision' && finding.value) {
      add(finding.value.toLowerCase(), finding.key.username);
      add(finding.value.toLowerCase(), finding.value);
    }
  }
  return [...groups.entries()]
    .filter(([, names]) => names.size > 1)
    .map(([normalized, names]) => ({ normalized, names: [...names].sort() }))
    .sort((a, b) => a.normalized.localeCompare(b.normalized));
}

/** The summary as people read it at the end of a run. */
export function formatSummary(s: MigrationSummary, checkpointFile: string, summaryFile: string): string {
  const counts = (title: string, codes: Record<string, number>) => [
    `  ${title}:${Object.keys(codes).length === 0 ? ' none' : ''}`,
    ...Object.entries(codes)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([code, n]) => `    ${code.padEnd(32)} ${n.toLocaleString('en-US')}`),
  ];
  return [
    `${s.dryRun ? 'Dry run (nothing written)' : 'Migration'} of ${s.target}: ${s.throughput.items.toLocaleString('en-US')} items in ${s.throughput.seconds} s (${s.throughput.itemsPerSecond} items/s${s.runs > 1 ? `, ${s.runs} runs` : ''}), peak memory ${s.peakRssMb} MB`,
    ...(['profiles', 'users', 'links'] as const).map(
      (t) =>
        `  ${t.padEnd(9)} scanned ${s.tables[t].scanned.toLocaleString('en-US')}, ${s.dryRun ? 'would change' : 'changed'} ${s.tables[t].changed.toLocaleString('en-US')}`,
    ),
    ...counts(s.dryRun ? 'would fix' : 'fixed', s.fixed),
    ...counts('cannot fix (rows kept as they are, still readable)', s.unfixable),
    ...counts('notes', s.notes),
    `  usernames that differ only by case (reported, never merged): ${s.caseGroups.length === 0 ? 'none' : ''}`,
    ...s.caseGroups.slice(0, 10).map((g) => `    ${g.names.join(' / ')}`),
    ...(s.caseGroups.length > 10 ? [`    … and ${s.caseGroups.length - 10} more in ${summaryFile}`] : []),
    `  capacity consumed: ${s.consumedCapacity.read} read, ${s.consumedCapacity.write} write units`,
    `  report: ${s.reportFile} (one finding a line), summary: ${summaryFile}, checkpoint: ${checkpointFile}`,
  ].join('\n');
}
