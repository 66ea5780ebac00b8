// AppSync's date/time scalars follow java.time's ISO parsers (AppSync runs on graphql-java): the
// documented quirks — 1–9 fraction digits, optional seconds, a trailing '.' ("12:00:34."), offsets
// with seconds, years before 0000 written -YYYY — are exactly java.time's behaviour, so we copy it.
// Sources: docs/appsync-facts.md §7; AppSync's own scalar descriptions (introspection).

const YEAR = String.raw`([+-]?)(\d{4,9})`;
const DATE = String.raw`${YEAR}-(\d{2})-(\d{2})`;
const TIME = String.raw`(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{0,9})?)?`;
const OFFSET = String.raw`(Z|[+-]\d{2}:\d{2}(?::\d{2})?)`;

const dateOnly = new RegExp(String.raw`^${DATE}${OFFSET}?$`);
const timeOnly = new RegExp(String.raw`^${TIME}${OFFSET}?$`);
const dateTime = new RegExp(String.raw`^${DATE}T${TIME}${OFFSET}$`);

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

// java.time's year field: exactly four digits unsigned; more than four digits need a sign, and a
// '+' is only accepted when the year exceeds four digits.
function isValidYear(sign: string, digits: string): boolean {
  if (digits.length > 4) return sign !== '';
  return sign !== '+';
}

function isValidDate(sign: string, yearDigits: string, month: string, day: string): boolean {
  if (!isValidYear(sign, yearDigits)) return false;
  const year = Number(sign === '-' ? `-${yearDigits}` : yearDigits);
  const m = Number(month);
  const d = Number(day);
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(Math.abs(year), m);
}

function isValidTime(hour: string, minute: string, second: string | undefined): boolean {
  return Number(hour) <= 23 && Number(minute) <= 59 && (second === undefined || Number(second) <= 59);
}

// java.time's ZoneOffset: ±18:00 at most, minutes and seconds below 60.
function isValidOffset(offset: string | undefined): boolean {
  if (offset === undefined || offset === 'Z') return true;
  const [h, m, s = '00'] = offset.slice(1).split(':');
  const seconds = Number(h) * 3600 + Number(m) * 60 + Number(s);
  return Number(m) <= 59 && Number(s) <= 59 && seconds <= 18 * 3600;
}

/** Whether a string is a valid AWSDate: YYYY-MM-DD with an optional zone offset. */
export function isAwsDate(value: string): boolean {
  const match = dateOnly.exec(value);
  if (!match) return false;
  const [, sign, year, month, day, offset] = match;
  return isValidDate(sign, year, month, day) && isValidOffset(offset);
}

/** Whether a string is a valid AWSTime: hh:mm[:ss[.fraction]] with an optional zone offset. */
export function isAwsTime(value: string): boolean {
  const match = timeOnly.exec(value);
  if (!match) return false;
  const [, hour, minute, second, offset] = match;
  return isValidTime(hour, minute, second) && isValidOffset(offset);
}

/** Whether a string is a valid AWSDateTime: date 'T' time with a compulsory zone offset. */
export function isAwsDateTime(value: string): boolean {
  const match = dateTime.exec(value);
  if (!match) return false;
  const [, sign, year, month, day, hour, minute, second, offset] = match;
  return isValidDate(sign, year, month, day) && isValidTime(hour, minute, second) && isValidOffset(offset);
}
