// A tiny structured logger in the shape of Powertools' Logger: one JSON object per line with
// level, timestamp, service and the fields given. It writes to process.stdout directly, as
// Powertools does, so Lambda's patched console does not prefix the JSON with text.

type Fields = Record<string, unknown>;

export interface Logger {
  info(message: string, fields?: Fields): void;
  warn(message: string, fields?: Fields): void;
  error(message: string, fields?: Fields): void;
}

/** Creates a JSON-lines logger for one function (`service`); LOG_LEVEL=WARN or ERROR quiets it. */
export function createLogger(service: string): Logger {
  const levels = ['INFO', 'WARN', 'ERROR'];
  const minimum = Math.max(0, levels.indexOf((process.env.LOG_LEVEL ?? 'INFO').toUpperCase()));
  const write = (level: string, message: string, fields: Fields = {}): void => {
    if (levels.indexOf(level) < minimum) return;
    const line = { level, timestamp: new Date().toISOString(), service, message, ...fields };
    process.stdout.write(`${JSON.stringify(line, errorReplacer)}\n`);
  };
  return {
    info: (message, fields) => write('INFO', message, fields),
    warn: (message, fields) => write('WARN', message, fields),
    error: (message, fields) => write('ERROR', message, fields),
  };
}

function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  return value;
}
