// The request log, live in the browser: the very lines the terminal prints (consoleRequestLog's
// format), kept in a short backlog and pushed to every open page as server-sent events.
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { consoleRequestLog } from '../../http/requestLog.ts';
import type { RequestLogEntry, RequestLogSink } from '../../http/requestLog.ts';

/** One log line as the page receives it. */
export interface ConsoleLogLine {
  id: number;
  line: string;
  status: number;
  errorTypes: string[];
}

/** A request log that fans out to open pages. */
export interface RequestLogStream {
  /** A sink that writes to `sink` (the terminal) and to every page. */
  tap(sink: RequestLogSink): RequestLogSink;
  routes: Hono;
  /** Ends every open stream (the stack is stopping). */
  close(): void;
}

const BACKLOG = 200;

/** Creates the stream; pages get the backlog first, then each new line. */
export function createRequestLogStream(): RequestLogStream {
  const backlog: ConsoleLogLine[] = [];
  const listeners = new Set<(line: ConsoleLogLine) => void>();
  const closers = new Set<() => void>();
  let nextId = 1;

  const publish = (entry: RequestLogEntry) =>
    consoleRequestLog((line) => {
      const logLine = { id: nextId, line, status: entry.status, errorTypes: entry.errorTypes };
      nextId += 1;
      backlog.push(logLine);
      if (backlog.length > BACKLOG) backlog.shift();
      for (const listener of listeners) listener(logLine);
    })(entry);

  const routes = new Hono();
  routes.get('/log', (c) =>
    streamSSE(c, async (stream) => {
      const send = (line: ConsoleLogLine) => stream.writeSSE({ id: String(line.id), data: JSON.stringify(line) });
      for (const line of backlog) await send(line);
      await new Promise<void>((resolve) => {
        const listener = (line: ConsoleLogLine) => void send(line);
        const close = () => {
          listeners.delete(listener);
          closers.delete(close);
          resolve();
        };
        listeners.add(listener);
        closers.add(close);
        stream.onAbort(close);
      });
    }),
  );

  return {
    tap: (sink) => (entry) => {
      sink(entry);
      publish(entry);
    },
    routes,
    close: () => {
      for (const close of [...closers]) close();
    },
  };
}
