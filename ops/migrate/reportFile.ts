// The report's findings, one JSON object a line, appended page by page (memory stays flat in the
// table's size). On resume the file is cut back to the length the checkpoint recorded, so a page
// processed twice is reported once.
import {
  appendFileSync,
  closeSync,
  createReadStream,
  existsSync,
  openSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { createInterface } from 'node:readline';
import type { Finding } from './findings.ts';

/** An append-only JSON Lines file of findings. */
export class ReportFile {
  constructor(readonly path: string) {}

  /** Starts an empty report. */
  reset(): void {
    writeFileSync(this.path, '');
  }

  /** Cuts the report back to `bytes` (what a checkpoint recorded). */
  truncateTo(bytes: number): void {
    if (!existsSync(this.path)) writeFileSync(this.path, '');
    if (statSync(this.path).size < bytes)
      throw new Error(`${this.path} is shorter than its checkpoint says; pass --restart.`);
    truncateSync(this.path, bytes);
  }

  /** Appends `findings`; returns the file's new length. */
  append(findings: Finding[]): number {
    if (findings.length > 0) appendFileSync(this.path, findings.map((f) => `${JSON.stringify(f)}\n`).join(''));
    return this.length();
  }

  /** The file's length in bytes. */
  length(): number {
    return statSync(this.path).size;
  }

  /** Every finding, streamed. */
  async *read(): AsyncGenerator<Finding> {
    const lines = createInterface({ input: createReadStream(this.path), crlfDelay: Number.POSITIVE_INFINITY });
    for await (const line of lines) if (line !== '') yield JSON.parse(line) as Finding;
  }
}

/** Ensures `path` exists (used before the first append of a fresh run). */
export function touch(path: string): void {
  closeSync(openSync(path, 'a'));
}
