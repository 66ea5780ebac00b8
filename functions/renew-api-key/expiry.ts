// AppSync's rule for an API key's expiry (UpdateApiKey `expires`): epoch seconds, between 1 and
// 365 days from now, rounded down to the hour.

const HOUR = 3600;
const DAY = 86_400;

/** The expiry `validityDays` (1–365) after `now`, as AppSync accepts it. */
export function renewedExpiry(now: Date, validityDays: number): number {
  if (!Number.isInteger(validityDays) || validityDays < 1 || validityDays > 365) {
    throw new RangeError(`API key validity must be a whole number of days from 1 to 365, not ${validityDays}.`);
  }
  const seconds = Math.floor(now.getTime() / 1000) + validityDays * DAY;
  return seconds - (seconds % HOUR);
}

/** Whole and fractional days from `now` until `expires` (epoch seconds); negative once expired. */
export function daysLeft(expires: number, now: Date): number {
  return (expires - now.getTime() / 1000) / DAY;
}
