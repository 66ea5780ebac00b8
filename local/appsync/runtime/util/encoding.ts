// util.urlEncode/urlDecode/base64Encode/base64Decode/escapeJavaScript (docs/appsync-facts.md §1.1). AppSync runs
// these on the JVM, so they follow java.net.URLEncoder and Apache Commons' escapeJavaScript.

/** application/x-www-form-urlencoded, UTF-8, like java.net.URLEncoder (space → '+', keeps .-*_). */
export function urlEncode(value: unknown): string {
  const bytes = Buffer.from(String(value), 'utf8');
  let out = '';
  for (const b of bytes) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9.\-*_]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Decodes form-urlencoded text like java.net.URLDecoder; a malformed escape throws. */
export function urlDecode(value: unknown): string {
  const text = String(value).replace(/\+/g, ' ');
  if (/%(?![0-9A-Fa-f]{2})/.test(text))
    throw new Error(`URLDecoder: Illegal hex characters in escape (%) pattern in '${String(value)}'`);
  return decodeURIComponent(text);
}

/** Base64 of the UTF-8 bytes of a string. */
export function base64Encode(value: unknown): string {
  return Buffer.from(String(value), 'utf8').toString('base64');
}

/** Decodes base64 to a UTF-8 string. */
export function base64Decode(value: unknown): string {
  return Buffer.from(String(value), 'base64').toString('utf8');
}

const SHORT_ESCAPES: Record<string, string> = {
  "'": "\\'",
  '"': '\\"',
  '\\': '\\\\',
  '/': '\\/',
  '\b': '\\b',
  '\n': '\\n',
  '\t': '\\t',
  '\f': '\\f',
  '\r': '\\r',
};

/** Escapes a string for a JavaScript string literal, as Commons Lang's escapeJavaScript does. */
export function escapeJavaScript(value: unknown): string {
  let out = '';
  for (const ch of String(value)) {
    if (Object.hasOwn(SHORT_ESCAPES, ch)) {
      out += SHORT_ESCAPES[ch];
      continue;
    }
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x20 || code > 0x7e) {
      // Code points above the BMP are escaped as their two UTF-16 units, as Java strings hold them.
      for (let i = 0; i < ch.length; i += 1)
        out += `\\u${ch.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0')}`;
    } else {
      out += ch;
    }
  }
  return out;
}
