// Basic (argument) filtering (docs/appsync-facts.md §8.3): every argument the subscriber supplied must equal
// the payload's field of the same name; omitted arguments match everything, and an explicit null
// means "the field is null".
import { isDeepStrictEqual } from 'node:util';

/** Whether a payload matches the subscriber's supplied arguments. */
export function matchesArguments(args: Record<string, unknown>, payload: unknown): boolean {
  const fields = payload !== null && typeof payload === 'object' ? (payload as Record<string, unknown>) : {};
  return Object.entries(args).every(([name, expected]) => isDeepStrictEqual(fields[name] ?? null, expected));
}
