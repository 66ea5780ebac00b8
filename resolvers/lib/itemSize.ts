// DynamoDB limits an item to 400 KB counted in UTF-8 bytes, while GraphQL lengths count UTF-16
// characters: 1,000 CJK characters are 3,000 bytes. Per-character bounds alone let a maximal
// profile of multi-byte text reach ~840 KiB, so the lists that dominate it also get byte budgets.

/**
 * UTF-8 length of `s` (a surrogate pair is 4 bytes: 2 per UTF-16 unit). Compares characters
 * because APPSYNC_JS disallows charCodeAt and has no TextEncoder.
 */
export function utf8Length(s: string): number {
  return s
    .split('')
    .reduce((n, c) => n + (c < '\u0080' ? 1 : c < '\u0800' ? 2 : c >= '\ud800' && c <= '\udfff' ? 2 : 3), 0);
}

/** Bytes a stored value costs, estimated high: its JSON text in UTF-8 (quotes and commas outweigh DynamoDB's type bytes). */
export function storedSize(value: unknown): number {
  return utf8Length(JSON.stringify(value));
}
