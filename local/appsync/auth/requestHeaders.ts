/** Request headers as Node delivers them (names may be any case; repeated headers are arrays). */
export type RequestHeaders = Record<string, string | string[] | undefined>;

/** The first value of a header, looked up case-insensitively; undefined when absent or empty. */
export function headerValue(headers: RequestHeaders, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    const first = Array.isArray(value) ? value[0] : value;
    return first === undefined || first === '' ? undefined : first;
  }
  return undefined;
}

/** All headers with lower-case names and repeated values joined by commas, as SigV4 canonicalises them. */
export function lowerCaseHeaders(headers: RequestHeaders): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const lower = key.toLowerCase();
    const joined = Array.isArray(value) ? value.join(',') : value;
    result[lower] = lower in result ? `${result[lower]},${joined}` : joined;
  }
  return result;
}
