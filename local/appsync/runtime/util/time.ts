// util.time (docs/appsync-facts.md §1.2): formats follow Java DateTimeFormatter, zones are IDs or offsets.
import { formatEpochMillis, parseWithPattern, resolveZone } from './javaDateFormat.ts';

// ISO 8601 with an offset; AppSync parses with Java's offset-aware ISO parser, so a zone is required.
const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)$/;

/** Parses an ISO 8601 date-time with offset to epoch milliseconds; throws like Java on bad text. */
function parseISO8601(text: string): number {
  const m = ISO_RE.exec(String(text));
  if (!m) throw new Error(`Text '${text}' could not be parsed`);
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const millis = frac ? Math.floor(Number(`0.${frac}`) * 1000 + 1e-6) : 0;
  const local = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0), millis);
  if (zone === 'Z') return local;
  const zm = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  const offset = zm ? (zm[1] === '-' ? -1 : 1) * (Number(zm[2]) * 60 + Number(zm[3] ?? 0)) : 0;
  return local - offset * 60_000;
}

const toMillis = (value: unknown): number => {
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Error(`util.time: ${String(value)} is not an epoch millisecond value`);
  return Math.trunc(n);
};

/** Creates the util.time object reading the clock from `now`. */
export function createTimeUtils(now: () => number): Record<string, unknown> {
  return {
    nowISO8601: (): string => new Date(now()).toISOString(),
    nowEpochSeconds: (): number => Math.floor(now() / 1000),
    nowEpochMilliSeconds: (): number => Math.floor(now()),
    nowFormatted: (format: string, timezone?: string): string =>
      formatEpochMillis(now(), String(format), resolveZone(timezone)),
    parseFormattedToEpochMilliSeconds: (timestamp: string, format: string, timezone?: string): number =>
      parseWithPattern(
        String(timestamp),
        String(format),
        timezone === undefined || timezone === null ? undefined : resolveZone(timezone),
      ),
    parseISO8601ToEpochMilliSeconds: (timestamp: string): number => parseISO8601(timestamp),
    epochMilliSecondsToSeconds: (ms: number): number => Math.floor(toMillis(ms) / 1000),
    epochMilliSecondsToISO8601: (ms: number): string => new Date(toMillis(ms)).toISOString(),
    epochMilliSecondsToFormatted: (ms: number, format: string, timezone?: string): string =>
      formatEpochMillis(toMillis(ms), String(format), resolveZone(timezone)),
  };
}
