// The progress bar on stderr: the current table, items scanned of its (estimated) size, the rate
// and the time left for the whole migration. On a terminal it redraws one line; in a log (CI, a
// pipe) it prints a line every few seconds instead.
import type { Phase } from './checkpoint.ts';

/** What the bar shows. */
export interface ProgressState {
  phase: Phase;
  /** 1-based position of the phase, and how many there are. */
  step: number;
  steps: number;
  scanned: number;
  /** DescribeTable's ItemCount: exact locally, up to six hours old on AWS. */
  estimate: number;
  /** Items scanned across all phases, and their estimated total. */
  overallScanned: number;
  overallEstimate: number;
  itemsPerSecond: number;
  fixed: number;
  unfixable: number;
}

const BAR = 24;

/** One line of progress, e.g. "[2/3] users    ██████░░░░ 61% 6,100/10,000 · 840 items/s · ETA 0:09 · fixed 120 · unfixable 3". */
export function formatProgress(s: ProgressState): string {
  const share = s.estimate > 0 ? Math.min(1, s.scanned / s.estimate) : 0;
  const filled = Math.round(share * BAR);
  const left = Math.max(0, s.overallEstimate - s.overallScanned);
  const eta = s.itemsPerSecond > 0 ? duration(left / s.itemsPerSecond) : '–';
  return [
    `[${s.step}/${s.steps}] ${s.phase.padEnd(8)} ${'█'.repeat(filled)}${'░'.repeat(BAR - filled)} ${String(Math.round(share * 100)).padStart(3)}%`,
    `${s.scanned.toLocaleString('en-US')}/${s.estimate.toLocaleString('en-US')}`,
    `${Math.round(s.itemsPerSecond).toLocaleString('en-US')} items/s`,
    `ETA ${eta}`,
    `fixed ${s.fixed.toLocaleString('en-US')}`,
    `unfixable ${s.unfixable.toLocaleString('en-US')}`,
  ].join(' · ');
}

/** Seconds as m:ss (or h:mm:ss). */
export function duration(seconds: number): string {
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** Where progress goes. */
export interface ProgressSink {
  update(state: ProgressState): void;
  /** Ends the bar (a final newline on a terminal). */
  finish(): void;
}

/** Progress on `stream`: redrawn on a terminal at most 10 times a second, else a line every `logEveryMs`. */
export function streamProgress(stream: NodeJS.WriteStream, logEveryMs = 5000): ProgressSink {
  const tty = stream.isTTY === true;
  let last = 0;
  let lastPhase: Phase | null = null;
  let pending: ProgressState | null = null;
  return {
    update(state) {
      pending = state;
      const now = performance.now();
      const phaseChanged = state.phase !== lastPhase;
      if (!phaseChanged && now - last < (tty ? 100 : logEveryMs)) return;
      if (tty && phaseChanged && lastPhase !== null) stream.write('\n');
      stream.write(tty ? `\r${formatProgress(state)}\x1b[K` : `${formatProgress(state)}\n`);
      last = now;
      lastPhase = state.phase;
      pending = null;
    },
    finish() {
      if (pending) stream.write(tty ? `\r${formatProgress(pending)}\x1b[K` : `${formatProgress(pending)}\n`);
      if (tty) stream.write('\n');
    },
  };
}

/** Progress nobody sees (tests, the bench). */
export const silentProgress: ProgressSink = { update: () => undefined, finish: () => undefined };
