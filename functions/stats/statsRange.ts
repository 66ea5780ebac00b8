// myStats' date range: two AWSDate values, at most 366 days apart (a leap year), `from` not after
// `to`. Stats are kept per UTC day, so a date with a UTC offset other than Z is refused rather
// than silently shifted.
import { BadRequestError } from '../lib/errors.ts';
import { addDays, dayStartMs, daysInRange } from './days.ts';

/** The longest range myStats answers, in days (both ends included). */
export const MAX_RANGE_DAYS = 366;

/** A checked range of UTC days. */
export interface DayRange {
  from: string;
  to: string;
  /** Every day from `from` to `to`, in order. */
  days: string[];
}

/** Validates `from`/`to` (AWSDate, `YYYY-MM-DD` or with a `Z`); throws BadRequest naming the field. */
export function parseDayRange(from: unknown, to: unknown): DayRange {
  const first = plainDay('from', from);
  const last = plainDay('to', to);
  const count = daysInRange(first, last);
  if (count < 1) throw new BadRequestError(`to: must not be before from (${first}).`);
  if (count > MAX_RANGE_DAYS) {
    throw new BadRequestError(`to: a range covers at most ${MAX_RANGE_DAYS} days; ${first} to ${last} is ${count}.`);
  }
  return { from: first, to: last, days: Array.from({ length: count }, (_, i) => addDays(first, i)) };
}

function plainDay(field: string, value: unknown): string {
  const text = typeof value === 'string' ? value.trim().replace(/Z$/, '') : '';
  if (Number.isNaN(dayStartMs(text))) {
    throw new BadRequestError(`${field}: must be a date as YYYY-MM-DD (a UTC day), not ${JSON.stringify(value)}.`);
  }
  return text;
}
