/** Parses an AWSJSON input string (RFC 8259) into the value resolvers receive, or reports it invalid. */
export function parseAwsJson(value: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(value) as unknown };
  } catch {
    return { ok: false };
  }
}

/** Serializes a resolver's value for an AWSJSON field: strings pass through, anything else is JSON-encoded. */
export function serializeAwsJson(value: unknown): string {
  // AppSync hands back a string result as-is (it is assumed to hold JSON already) and encodes
  // maps, lists and scalars to a JSON string (docs/appsync-facts.md §7, marked [?]).
  return typeof value === 'string' ? value : JSON.stringify(value);
}
