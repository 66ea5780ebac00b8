// Error entries in AppSync's exact shape and key order (docs/appsync-facts.md §5):
// field errors {path, data, errorType, errorInfo, locations:[{line, column, sourceName}], message};
// validation errors {path:null, locations, message} with no errorType; errors GraphQL itself
// raises while completing values (non-null violations) {path, locations:null, message}.
import type { FieldError } from '../runtime/contract.ts';

/** A location as AppSync prints it: sourceName is always null. */
export interface AppSyncLocation {
  line: number;
  column: number;
  sourceName: null;
}

/** One entry of the response's `errors` array. */
export type AppSyncErrorEntry =
  | {
      path: (string | number)[];
      data: unknown;
      errorType: string | null;
      errorInfo: unknown;
      locations: AppSyncLocation[];
      message: string;
    }
  | { path: (string | number)[] | null; locations: AppSyncLocation[] | null; message: string };

/** Adds AppSync's `sourceName: null` to line/column pairs. */
export function appSyncLocations(
  locations: readonly { line: number; column: number }[] | undefined,
): AppSyncLocation[] {
  return (locations ?? []).map(({ line, column }) => ({ line, column, sourceName: null }));
}

/** A resolver-raised field error (util.error / appendError / authorization / code error). */
export function formatFieldError(
  path: (string | number)[],
  locations: AppSyncLocation[],
  error: FieldError,
): AppSyncErrorEntry {
  return {
    path,
    data: error.data ?? null,
    errorType: error.errorType ?? null,
    errorInfo: error.errorInfo ?? null,
    locations,
    message: error.message,
  };
}

/** A request-level error (validation, syntax): no path, no errorType. */
export function formatRequestError(locations: AppSyncLocation[] | null, message: string): AppSyncErrorEntry {
  return { path: null, locations, message };
}

/** An error from completing a value, e.g. AppSync's non-null violation (path set, locations null). */
export function formatCompletionError(path: (string | number)[], message: string): AppSyncErrorEntry {
  return { path, locations: null, message };
}

/** The path as AppSync writes it inside messages: `/getPost/items[0]/title`. */
function appSyncPathString(path: readonly (string | number)[]): string {
  return path.map((segment) => (typeof segment === 'number' ? `[${segment}]` : `/${segment}`)).join('');
}

/** AppSync's non-null violation text, e.g. "Cannot return null for non-nullable type: 'ID' within parent 'User' (/getUser/id)". */
export function nonNullMessage(typeName: string, parentTypeName: string, path: readonly (string | number)[]): string {
  return `Cannot return null for non-nullable type: '${typeName}' within parent '${parentTypeName}' (${appSyncPathString(path)})`;
}
