// One line per GraphQL operation: when, operation, auth mode, status, duration, error types.
// Quiet in tests (the sink is a no-op there); readable in a terminal.

/** What one handled request looked like. */
export interface RequestLogEntry {
  operation: string;
  authMode: string;
  status: number;
  durationMs: number;
  errorTypes: string[];
}

/** Where request log lines go. */
export type RequestLogSink = (entry: RequestLogEntry) => void;

/** A sink that writes one readable line per request to `write` (stdout by default). */
export function consoleRequestLog(
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): RequestLogSink {
  return (entry) => {
    const errors = entry.errorTypes.length > 0 ? ` errors=${entry.errorTypes.join(',')}` : '';
    const time = new Date().toISOString().slice(11, 23);
    write(
      `${time} ${entry.status} ${entry.operation} auth=${entry.authMode} ${entry.durationMs.toFixed(1)}ms${errors}`,
    );
  };
}

/** A sink that drops everything (tests). */
export const silentRequestLog: RequestLogSink = () => {};
