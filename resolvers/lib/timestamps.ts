// Seed-era rows may hold timestamps that Python wrote without a zone (`datetime.utcnow().isoformat()`
// gives "2024-03-01T10:00:00.123456"): ISO 8601, but not an AWSDateTime, which AppSync refuses to
// serialize (docs/appsync-facts.md §7). The seed's Lambdas ran in UTC, so such a value is UTC.
// No regex literals: APPSYNC_JS rejects them.

/** True for a date-time string whose time part carries no zone ("Z" or an offset). */
export function lacksZone(value: unknown): boolean {
  if (typeof value !== 'string') {
    return false;
  }
  const parts = value.split('T');
  if (parts.length !== 2 || parts[0].length < 10 || parts[1].length === 0) {
    return false;
  }
  const time = parts[1];
  return !time.endsWith('Z') && !time.endsWith('z') && time.indexOf('+') < 0 && time.indexOf('-') < 0;
}

/** A stored timestamp as an AWSDateTime: a zone-less date-time is read as UTC; anything else is returned as it is. */
export function asDateTime(value: unknown): string {
  return (lacksZone(value) ? `${value as string}Z` : value) as string;
}
