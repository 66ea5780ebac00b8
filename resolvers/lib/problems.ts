/** A refused input: which field (GraphQL path, e.g. "input.projects[2].link") and why. */
export interface InputProblem {
  field: string;
  message: string;
}

/** A validation outcome: the accepted value, or the first problem found. */
export type Checked<T> = { ok: true; value: T } | { ok: false; problem: InputProblem };

/** Builds the refusal for `field`. */
export function refuse<T>(field: string, message: string): Checked<T> {
  return { ok: false, problem: { field, message } };
}
