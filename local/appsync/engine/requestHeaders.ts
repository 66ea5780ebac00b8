// ctx.request.headers (docs/appsync-facts.md §4): lowercase names, a header sent twice becomes an array, and
// `cookie` is never exposed to resolvers.

/** Normalises the caller's HTTP headers into what AppSync puts on ctx.request.headers. */
export function resolverRequestHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [rawName, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const name = rawName.toLowerCase();
    if (name === 'cookie') continue;
    const existing = out[name];
    if (existing === undefined) out[name] = value;
    else
      out[name] = [...(Array.isArray(existing) ? existing : [existing]), ...(Array.isArray(value) ? value : [value])];
  }
  return out;
}
