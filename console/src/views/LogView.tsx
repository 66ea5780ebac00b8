// The request log, live: the same lines the terminal prints for every GraphQL request (status,
// operation, auth mode, duration, error types), streamed as server-sent events; failures stand out.
import { useEffect, useRef } from 'react';
import type { ConsoleLogLine } from '../consoleApi.ts';

/** Whether a line reports a failure (an HTTP error or GraphQL errors). */
export function isErrorLine(line: ConsoleLogLine): boolean {
  return line.status >= 400 || line.errorTypes.length > 0;
}

/** The log lines, newest at the bottom, kept in view as they arrive. */
export function LogView({ lines, onClear }: { lines: ConsoleLogLine[]; onClear(): void }) {
  const end = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Recent Chromium returns a promise from scrollIntoView: it must not become the effect's cleanup.
    void end.current?.scrollIntoView({ block: 'end' });
  }, [lines.length]);
  return (
    <div className="log-view">
      <header>
        <h2>Request log</h2>
        <span className="hint">the terminal's lines, live</span>
        <button type="button" onClick={onClear} disabled={lines.length === 0}>
          Clear
        </button>
      </header>
      <div className="log-lines" data-testid="request-log">
        {lines.length === 0 && <p className="hint">No requests yet.</p>}
        {lines.map((line) => (
          <div key={line.id} className={isErrorLine(line) ? 'log-line error' : 'log-line'} data-testid="log-line">
            {line.line}
          </div>
        ))}
        <div ref={end} />
      </div>
    </div>
  );
}
