// Timestamps as the seed's Python 3.11 Lambdas wrote them. The seed document says only "ISO 8601";
// Python's two idioms give `datetime.now(timezone.utc).isoformat()` →
// "2024-03-01T10:00:00.123456+00:00" and the older `datetime.utcnow().isoformat()` →
// "2024-03-01T10:00:00.123456", without a zone. Both have microseconds.

/** `at` as Python's isoformat() of an aware (`+00:00`) or naive UTC datetime, with `micros` (0–999) below the millisecond. */
export function pythonIsoformat(at: Date, naive: boolean, micros: number): string {
  const base = at.toISOString().slice(0, 23);
  return `${base}${String(micros).padStart(3, '0')}${naive ? '' : '+00:00'}`;
}
