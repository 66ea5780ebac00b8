// Java DateTimeFormatter patterns for util.time (docs/appsync-facts.md §1.2). Covers the common letters
// (y u M d H h k K m s S a E Z X x z VV D), quoted literals and optional sections `[…]`; unknown
// letters and the reserved characters `{ } #` throw, as Java does.

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

export type PatternToken =
  | { kind: 'field'; letter: string; count: number }
  | { kind: 'literal'; text: string }
  | { kind: 'optionalStart' }
  | { kind: 'optionalEnd' };

/** Reads a quoted literal starting at `start` (the opening quote); returns its text and the index after it. */
function quotedLiteral(pattern: string, start: number): { text: string; next: number } {
  let text = '';
  let i = start + 1;
  for (;;) {
    if (i >= pattern.length) throw new Error(`Pattern ends with an incomplete string literal: ${pattern}`);
    if (pattern[i] === "'") {
      if (pattern[i + 1] !== "'") return { text, next: i + 1 };
      text += "'";
      i += 2;
      continue;
    }
    text += pattern[i];
    i += 1;
  }
}

/**
 * Splits a DateTimeFormatter pattern into letter runs, literal text ('' is a quote) and optional
 * sections. As in Java, `]` without `[` is refused and sections still open at the end are closed.
 */
function tokenizePattern(pattern: string): PatternToken[] {
  const tokens: PatternToken[] = [];
  let depth = 0;
  let i = 0;
  const pushLiteral = (text: string) => {
    const last = tokens[tokens.length - 1];
    if (last?.kind === 'literal') last.text += text;
    else tokens.push({ kind: 'literal', text });
  };
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === "'") {
      const literal = pattern[i + 1] === "'" ? { text: "'", next: i + 2 } : quotedLiteral(pattern, i);
      pushLiteral(literal.text);
      i = literal.next;
    } else if (/[A-Za-z]/.test(c)) {
      let count = 1;
      while (pattern[i + count] === c) count += 1;
      tokens.push({ kind: 'field', letter: c, count });
      i += count;
    } else if (c === '[') {
      tokens.push({ kind: 'optionalStart' });
      depth += 1;
      i += 1;
    } else if (c === ']') {
      if (depth === 0) throw new Error('Pattern invalid as it contains ] without previous [');
      tokens.push({ kind: 'optionalEnd' });
      depth -= 1;
      i += 1;
    } else if (c === '{' || c === '}' || c === '#') {
      throw new Error(`Pattern includes reserved character: '${c}'`);
    } else {
      pushLiteral(c);
      i += 1;
    }
  }
  for (; depth > 0; depth -= 1) tokens.push({ kind: 'optionalEnd' });
  return tokens;
}

/** A resolved time zone: its offset at an instant, and the names Java would print. */
export interface Zone {
  id: string;
  /** The offset from UTC in seconds (Java offsets may carry seconds: "-07:00:30"). */
  offsetSecondsAt(epochMs: number): number;
  shortNameAt(epochMs: number): string;
  longNameAt(epochMs: number): string;
}

const OFFSET_RE = /^(?:UTC|GMT|UT)?([+-])(\d{1,2})(?::?(\d{2}))?(?::?(\d{2}))?$/;

function fixedZone(id: string, seconds: number): Zone {
  return { id, offsetSecondsAt: () => seconds, shortNameAt: () => id, longNameAt: () => id };
}

/** Resolves "UTC", "Z", "+08:00", "GMT+8" or an IANA zone ID such as "Australia/Perth". */
export function resolveZone(timezone: string | undefined): Zone {
  if (timezone === undefined || timezone === null) return fixedZone('UTC', 0);
  const tz = String(timezone).trim();
  if (tz === 'Z' || tz === 'UTC' || tz === 'GMT' || tz === 'UT') return fixedZone(tz === 'Z' ? 'Z' : tz, 0);
  const m = OFFSET_RE.exec(tz);
  if (m) {
    const seconds = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0));
    return fixedZone(tz, seconds);
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
    offsetSecondsAt(ms) {
      const name = part(probe, ms); // "GMT+08:00" or "GMT"
      const om = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
      return om ? (om[1] === '-' ? -1 : 1) * (Number(om[2]) * 3600 + Number(om[3]) * 60) : 0;
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
  offsetSeconds: number;
}

function fieldsAt(epochMs: number, zone: Zone): Fields {
  const offsetSeconds = zone.offsetSecondsAt(epochMs);
  const d = new Date(epochMs + offsetSeconds * 1000);
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
    offsetSeconds,
  };
}

const pad = (n: number, width: number) => String(Math.abs(n)).padStart(width, '0');

/** Java's offset patterns: `+HHmm` (minutes only when not zero), `+HHMM`, `+HH:MM`, `+HHMMss` and `+HH:MM:ss` (seconds only when not zero). */
type OffsetPattern = '+HHmm' | '+HHMM' | '+HH:MM' | '+HHMMss' | '+HH:MM:ss';

function formatOffset(seconds: number, pattern: OffsetPattern): string {
  const sign = seconds < 0 ? '-' : '+';
  const abs = Math.abs(seconds);
  const h = pad(Math.floor(abs / 3600), 2);
  const m = pad(Math.floor(abs / 60) % 60, 2);
  const s = pad(abs % 60, 2);
  const colon = pattern.includes(':') ? ':' : '';
  if (pattern === '+HHmm') return m === '00' ? `${sign}${h}` : `${sign}${h}${m}`;
  if (pattern.endsWith('ss') && s !== '00') return `${sign}${h}${colon}${m}${colon}${s}`;
  return `${sign}${h}${colon}${m}`;
}

const OFFSET_PATTERNS: readonly OffsetPattern[] = ['+HHmm', '+HHMM', '+HH:MM', '+HHMMss', '+HH:MM:ss'];

/** Offset letters: X gives "Z" for zero; x and Z give the zero offset in digits; ZZZZ is localized ("GMT+08:00"). */
function formatOffsetField(letter: string, count: number, seconds: number): string {
  if (count > 5) throw new Error(`Too many pattern letters: ${letter}`);
  if (letter === 'Z' && count <= 3) return formatOffset(seconds, '+HHMM');
  if (letter === 'Z' && count === 4) return seconds === 0 ? 'GMT' : `GMT${formatOffset(seconds, '+HH:MM:ss')}`;
  const pattern = letter === 'Z' ? '+HH:MM:ss' : OFFSET_PATTERNS[count - 1];
  if (seconds === 0 && letter !== 'x') return 'Z';
  return formatOffset(seconds, pattern);
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
    case 'X':
    case 'x':
      return formatOffsetField(letter, count, f.offsetSeconds);
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
  // An optional section prints when every field in it is available: a zoned instant has them all.
  return tokenizePattern(pattern)
    .map((t) => {
      if (t.kind === 'literal') return t.text;
      return t.kind === 'field' ? formatField(t.letter, t.count, fields, zone, epochMs) : '';
    })
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
  re: '(Z|GMT|[+-]\\d{2}(?::?\\d{2}(?::?\\d{2})?)?)',
  set: (p, t) => {
    const m = /^([+-])(\d{2}):?(\d{2})?:?(\d{2})?$/.exec(t);
    p.offsetSeconds = m
      ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0))
      : 0;
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

/** The next field token after index `i`, looking through optional-section markers (for adjacent value parsing). */
function nextField(tokens: readonly PatternToken[], i: number): PatternToken | undefined {
  for (let j = i + 1; j < tokens.length; j += 1) {
    const kind = tokens[j].kind;
    if (kind !== 'optionalStart' && kind !== 'optionalEnd') return tokens[j];
  }
  return undefined;
}

/** The pattern as one anchored regular expression, and a setter per capturing group in order. */
function patternRegExp(pattern: string): { re: RegExp; setters: Setter[] } {
  const tokens = tokenizePattern(pattern);
  const setters: Setter[] = [];
  let re = '^';
  tokens.forEach((t, i) => {
    if (t.kind === 'literal') re += escapeRe(t.text);
    // An optional section is parsed when it matches and skipped otherwise, as in Java.
    else if (t.kind === 'optionalStart') re += '(?:';
    else if (t.kind === 'optionalEnd') re += ')?';
    else {
      const next = nextField(tokens, i);
      const nextIsDigitField =
        next?.kind === 'field' && NUMERIC_LETTERS.has(next.letter) && !(next.letter === 'M' && next.count >= 3);
      const p = parserFor(t.letter, t.count, nextIsDigitField);
      re += p.re;
      if (p.re.startsWith('(') && !p.re.startsWith('(?:')) setters.push(p.set);
    }
  });
  return { re: new RegExp(`${re}$`), setters };
}

/** Parses text with a Java pattern to epoch millis; the zone comes from the text, else `fallbackZone`, else it fails. */
export function parseWithPattern(text: string, pattern: string, fallbackZone: Zone | undefined): number {
  const { re, setters } = patternRegExp(pattern);
  const match = re.exec(String(text));
  if (!match) throw new Error(`Text '${text}' could not be parsed`);
  const parsed: Parsed = {};
  // A field inside an optional section that was skipped has no match, and sets nothing.
  setters.forEach((set, i) => {
    if (match[i + 1] !== undefined) set(parsed, match[i + 1]);
  });
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
  if (parsed.offsetSeconds !== undefined) return local - parsed.offsetSeconds * 1000;
  const zone = parsed.zoneId !== undefined ? resolveZone(parsed.zoneId) : fallbackZone;
  if (!zone) throw new Error(`Text '${text}' could not be parsed: the format has no time zone and none was given`);
  return localToEpoch(local, zone);
}

/** Converts a wall-clock time (as if UTC) in `zone` to an instant, taking the earlier one in an overlap. */
function localToEpoch(localAsUtc: number, zone: Zone): number {
  const first = localAsUtc - zone.offsetSecondsAt(localAsUtc) * 1000;
  return localAsUtc - zone.offsetSecondsAt(first) * 1000;
}
