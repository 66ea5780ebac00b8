// Java DateTimeFormatter patterns for util.time (docs/appsync-facts.md §1.2). Covers the common letters
// (y u M d H h k K m s S a E Z X x z VV D) and quoted literals; unknown letters throw, as Java does.

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export type PatternToken = { kind: 'field'; letter: string; count: number } | { kind: 'literal'; text: string };

/** Splits a DateTimeFormatter pattern into letter runs and literal text ('' is a quote). */
function tokenizePattern(pattern: string): PatternToken[] {
  const tokens: PatternToken[] = [];
  let i = 0;
  const pushLiteral = (text: string) => {
    const last = tokens[tokens.length - 1];
    if (last?.kind === 'literal') last.text += text;
    else tokens.push({ kind: 'literal', text });
  };
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === "'") {
      if (pattern[i + 1] === "'") {
        pushLiteral("'");
        i += 2;
        continue;
      }
      let text = '';
      i += 1;
      for (;;) {
        if (i >= pattern.length) throw new Error(`Pattern ends with an incomplete string literal: ${pattern}`);
        if (pattern[i] === "'") {
          if (pattern[i + 1] === "'") {
            text += "'";
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        text += pattern[i];
        i += 1;
      }
      pushLiteral(text);
    } else if (/[A-Za-z]/.test(c)) {
      let count = 1;
      while (pattern[i + count] === c) count += 1;
      tokens.push({ kind: 'field', letter: c, count });
      i += count;
    } else if (c === '[' || c === ']' || c === '{' || c === '}' || c === '#') {
      throw new Error(`Pattern feature '${c}' is not supported by the local util.time`);
    } else {
      pushLiteral(c);
      i += 1;
    }
  }
  return tokens;
}

/** A resolved time zone: its offset at an instant, and the names Java would print. */
export interface Zone {
  id: string;
  offsetMinutesAt(epochMs: number): number;
  shortNameAt(epochMs: number): string;
  longNameAt(epochMs: number): string;
}

const OFFSET_RE = /^(?:UTC|GMT|UT)?([+-])(\d{1,2})(?::?(\d{2}))?(?::?(\d{2}))?$/;

function fixedZone(id: string, minutes: number): Zone {
  return { id, offsetMinutesAt: () => minutes, shortNameAt: () => id, longNameAt: () => id };
}

/** Resolves "UTC", "Z", "+08:00", "GMT+8" or an IANA zone ID such as "Australia/Perth". */
export function resolveZone(timezone: string | undefined): Zone {
  if (timezone === undefined || timezone === null) return fixedZone('UTC', 0);
  const tz = String(timezone).trim();
  if (tz === 'Z' || tz === 'UTC' || tz === 'GMT' || tz === 'UT') return fixedZone(tz === 'Z' ? 'Z' : tz, 0);
  const m = OFFSET_RE.exec(tz);
  if (m) {
    const minutes = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
    return fixedZone(tz, minutes);
  }
  let probe: Intl.DateTimeFormat;
  try {
    probe = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'longOffset' });
  } catch {
    throw new Error(`Unknown time-zone ID: ${tz}`);
  }
  const part = (fmt: Intl.DateTimeFormat, ms: number) =>
    fmt.formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value ?? '';
  const shortFmt = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'short' });
  const longFmt = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'long' });
  return {
    id: tz,
    offsetMinutesAt(ms) {
      const name = part(probe, ms); // "GMT+08:00" or "GMT"
      const om = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
      return om ? (om[1] === '-' ? -1 : 1) * (Number(om[2]) * 60 + Number(om[3])) : 0;
    },
    shortNameAt: (ms) => part(shortFmt, ms),
    longNameAt: (ms) => part(longFmt, ms),
  };
}

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millis: number;
  weekday: number;
  dayOfYear: number;
  offsetMinutes: number;
}

function fieldsAt(epochMs: number, zone: Zone): Fields {
  const offsetMinutes = zone.offsetMinutesAt(epochMs);
  const d = new Date(epochMs + offsetMinutes * 60_000);
  const startOfYear = Date.UTC(d.getUTCFullYear(), 0, 1);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millis: d.getUTCMilliseconds(),
    weekday: d.getUTCDay(),
    dayOfYear:
      Math.floor((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - startOfYear) / 86_400_000) + 1,
    offsetMinutes,
  };
}

const pad = (n: number, width: number) => String(Math.abs(n)).padStart(width, '0');

function formatOffset(minutes: number, withColon: boolean, hoursOnly = false): string {
  const sign = minutes < 0 ? '-' : '+';
  const h = pad(Math.floor(Math.abs(minutes) / 60), 2);
  const m = pad(Math.abs(minutes) % 60, 2);
  if (hoursOnly && m === '00') return `${sign}${h}`;
  return withColon ? `${sign}${h}:${m}` : `${sign}${h}${m}`;
}

function formatField(letter: string, count: number, f: Fields, zone: Zone, epochMs: number): string {
  switch (letter) {
    case 'y':
    case 'u':
      return count === 2 ? pad(f.year % 100, 2) : pad(f.year, count);
    case 'M':
    case 'L':
      if (count >= 4) return MONTHS[f.month - 1];
      if (count === 3) return MONTHS[f.month - 1].slice(0, 3);
      return pad(f.month, count);
    case 'd':
      return pad(f.day, count);
    case 'D':
      return pad(f.dayOfYear, count);
    case 'H':
      return pad(f.hour, count);
    case 'k':
      return pad(f.hour === 0 ? 24 : f.hour, count);
    case 'K':
      return pad(f.hour % 12, count);
    case 'h':
      return pad(f.hour % 12 === 0 ? 12 : f.hour % 12, count);
    case 'm':
      return pad(f.minute, count);
    case 's':
      return pad(f.second, count);
    case 'S':
      return pad(f.millis, 3).padEnd(count, '0').slice(0, count);
    case 'a':
      return f.hour < 12 ? 'AM' : 'PM';
    case 'E':
      return count >= 4 ? DAYS[f.weekday] : DAYS[f.weekday].slice(0, 3);
    case 'Z':
      if (count <= 3) return formatOffset(f.offsetMinutes, false);
      if (count === 4) return f.offsetMinutes === 0 ? 'GMT' : `GMT${formatOffset(f.offsetMinutes, true)}`;
      return f.offsetMinutes === 0 ? 'Z' : formatOffset(f.offsetMinutes, true);
    case 'X':
    case 'x':
      if (letter === 'X' && f.offsetMinutes === 0) return 'Z';
      if (count === 1) return formatOffset(f.offsetMinutes, false, true);
      return formatOffset(f.offsetMinutes, count >= 3);
    case 'z':
      return count >= 4 ? zone.longNameAt(epochMs) : zone.shortNameAt(epochMs);
    case 'V':
      return zone.id;
    default:
      throw new Error(`Unknown pattern letter: ${letter}`);
  }
}

/** Formats an instant with a Java DateTimeFormatter pattern in the given zone. */
export function formatEpochMillis(epochMs: number, pattern: string, zone: Zone): string {
  const fields = fieldsAt(epochMs, zone);
  return tokenizePattern(pattern)
    .map((t) => (t.kind === 'literal' ? t.text : formatField(t.letter, t.count, fields, zone, epochMs)))
    .join('');
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What a pattern's fields set while parsing: the date-time fields, AM/PM and a zone ID. */
type Parsed = Partial<Fields> & { pm?: boolean; zoneId?: string };
type Setter = (parsed: Parsed, text: string) => void;
/** A field's regular expression (one capturing group, or a non-capturing one for ignored text) and what its match sets. */
type FieldParser = { re: string; set: Setter };
type FieldParserFactory = (count: number, nextIsDigitField: boolean) => FieldParser;

// Adjacent numeric fields (yyyyMMdd) need fixed widths; otherwise Java accepts more digits.
const digits = (count: number, nextIsDigitField: boolean): string =>
  nextIsDigitField || count > 1 ? `(\\d{${Math.max(1, count)}})` : '(\\d+)';

const numberField =
  (key: keyof Fields): FieldParserFactory =>
  (count, nextIsDigitField) => ({
    re: digits(count, nextIsDigitField),
    set: (p, t) => {
      p[key] = Number(t);
    },
  });

const hourField =
  (modulo: 12 | 24): FieldParserFactory =>
  (count, nextIsDigitField) => ({
    re: digits(count, nextIsDigitField),
    set: (p, t) => {
      p.hour = Number(t) % modulo;
    },
  });

const yearField: FieldParserFactory = (count, nextIsDigitField) => {
  if (count === 2)
    return {
      re: '(\\d{2})',
      set: (p, t) => {
        p.year = 2000 + Number(t);
      },
    };
  return {
    re: nextIsDigitField ? `([+-]?\\d{${count}})` : '([+-]?\\d{1,9})',
    set: (p, t) => {
      p.year = Number(t);
    },
  };
};

const monthField: FieldParserFactory = (count, nextIsDigitField) => {
  if (count < 3) return numberField('month')(count, nextIsDigitField);
  const names = count >= 4 ? MONTHS : MONTHS.map((m) => m.slice(0, 3));
  return {
    re: `(${names.join('|')})`,
    set: (p, t) => {
      p.month = names.indexOf(t) + 1;
    },
  };
};

const fractionField: FieldParserFactory = (count) => ({
  re: `(\\d{${count}})`,
  set: (p, t) => {
    p.millis = Math.floor(Number(`0.${t}`) * 1000 + 1e-6);
  },
});

const amPmField: FieldParserFactory = () => ({
  re: '(AM|PM|am|pm)',
  set: (p, t) => {
    p.pm = t.toUpperCase() === 'PM';
  },
});

// Day names are checked for shape only: the date comes from the other fields.
const dayNameField: FieldParserFactory = (count) => {
  const names = count >= 4 ? DAYS : DAYS.map((d) => d.slice(0, 3));
  return { re: `(?:${names.join('|')})`, set: () => undefined };
};

// Lenient about the colon: the AWS docs parse "+08:00" with a 'Z' pattern.
const offsetField: FieldParserFactory = () => ({
  re: '(Z|GMT|[+-]\\d{2}(?::?\\d{2})?)',
  set: (p, t) => {
    const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(t);
    p.offsetMinutes = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) : 0;
  },
});

const zoneIdField: FieldParserFactory = () => ({
  re: '([A-Za-z_]+(?:/[A-Za-z_]+)*|[+-]\\d{2}:?\\d{2})',
  set: (p, t) => {
    p.zoneId = t;
  },
});

// The parser of each pattern letter the emulator reads.
const FIELD_PARSERS: Record<string, FieldParserFactory> = {
  y: yearField,
  u: yearField,
  M: monthField,
  L: monthField,
  d: numberField('day'),
  H: hourField(24),
  k: hourField(24),
  h: hourField(12),
  K: hourField(12),
  m: numberField('minute'),
  s: numberField('second'),
  S: fractionField,
  a: amPmField,
  E: dayNameField,
  Z: offsetField,
  X: offsetField,
  x: offsetField,
  V: zoneIdField,
  z: zoneIdField,
};

function parserFor(letter: string, count: number, nextIsDigitField: boolean): FieldParser {
  const factory = Object.hasOwn(FIELD_PARSERS, letter) ? FIELD_PARSERS[letter] : undefined;
  if (!factory) throw new Error(`Unknown pattern letter: ${letter}`);
  return factory(count, nextIsDigitField);
}

const NUMERIC_LETTERS = new Set(['y', 'u', 'M', 'L', 'd', 'H', 'k', 'h', 'K', 'm', 's', 'S']);

/** Parses text with a Java pattern to epoch millis; the zone comes from the text, else `fallbackZone`, else it fails. */
export function parseWithPattern(text: string, pattern: string, fallbackZone: Zone | undefined): number {
  const tokens = tokenizePattern(pattern);
  const setters: Setter[] = [];
  let re = '^';
  tokens.forEach((t, i) => {
    if (t.kind === 'literal') {
      re += escapeRe(t.text);
      return;
    }
    const next = tokens[i + 1];
    const nextIsDigitField =
      next?.kind === 'field' && NUMERIC_LETTERS.has(next.letter) && !(next.letter === 'M' && next.count >= 3);
    const p = parserFor(t.letter, t.count, nextIsDigitField);
    re += p.re;
    if (p.re.startsWith('(') && !p.re.startsWith('(?:')) setters.push(p.set);
  });
  const match = new RegExp(`${re}$`).exec(String(text));
  if (!match) throw new Error(`Text '${text}' could not be parsed`);
  const parsed: Parsed = {};
  setters.forEach((set, i) => set(parsed, match[i + 1]));
  const hour = (parsed.hour ?? 0) + (parsed.pm ? 12 : 0);
  const local = Date.UTC(
    parsed.year ?? 1970,
    (parsed.month ?? 1) - 1,
    parsed.day ?? 1,
    hour,
    parsed.minute ?? 0,
    parsed.second ?? 0,
    parsed.millis ?? 0,
  );
  if (parsed.offsetMinutes !== undefined) return local - parsed.offsetMinutes * 60_000;
  const zone = parsed.zoneId !== undefined ? resolveZone(parsed.zoneId) : fallbackZone;
  if (!zone) throw new Error(`Text '${text}' could not be parsed: the format has no time zone and none was given`);
  return localToEpoch(local, zone);
}

/** Converts a wall-clock time (as if UTC) in `zone` to an instant, taking the earlier one in an overlap. */
function localToEpoch(localAsUtc: number, zone: Zone): number {
  const first = localAsUtc - zone.offsetMinutesAt(localAsUtc) * 60_000;
  return localAsUtc - zone.offsetMinutesAt(first) * 60_000;
}
