// Parsing and validating a query depend only on its text (the schema is fixed for the engine's
// life), and clients send the same few operations over and over: remember the outcome for recent
// texts so each request pays for execution only. Bounded, least recently used first out.

/** A bounded map from query text to its parse/validate outcome. */
export interface DocumentCache<T> {
  get(query: string, compute: () => T): T;
}

/** Creates a cache holding at most `capacity` query texts. */
export function createDocumentCache<T>(capacity: number): DocumentCache<T> {
  const entries = new Map<string, T>();
  return {
    get(query, compute) {
      const hit = entries.get(query);
      if (hit !== undefined) {
        // Re-insert so Map order tracks recency.
        entries.delete(query);
        entries.set(query, hit);
        return hit;
      }
      const value = compute();
      entries.set(query, value);
      if (entries.size > capacity) entries.delete(entries.keys().next().value as string);
      return value;
    },
  };
}
