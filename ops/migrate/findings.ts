// What the migration says about a row: a fix it made (or would make, in a dry run), a breach of
// today's rules it cannot fix (the row stays as it is, and stays readable), or a note.

/** The three kinds of report lines. */
export type FindingKind = 'fixed' | 'unfixable' | 'note';

/** One report line (ops/migrate/report.ts writes them as JSON Lines). */
export interface Finding {
  kind: FindingKind;
  table: 'users' | 'profiles' | 'links';
  /** The row's key. */
  key: Record<string, string>;
  /** A stable code to count and grep by, e.g. "project-id", "profile-field", "username-case". */
  code: string;
  /** The attribute concerned, when there is one. */
  field?: string;
  message: string;
  /** The offending value, shortened for the report. */
  value?: string;
}

const PREVIEW = 80;

/** A short, single-line rendering of a stored value for the report. */
export function preview(value: unknown): string {
  const text = typeof value === 'string' ? value : value === undefined ? '(absent)' : JSON.stringify(value);
  return text.length > PREVIEW ? `${text.slice(0, PREVIEW)}… (${text.length} characters)` : text;
}
