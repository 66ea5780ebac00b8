// util.matches(pattern, value): java.util.regex semantics where JS RegExp allows. Java's
// String.matches needs the WHOLE string to match, so the pattern is anchored [? docs/appsync-facts.md §1.1].

const POSIX: Record<string, string> = {
  Lower: 'a-z',
  Upper: 'A-Z',
  ASCII: '\\x00-\\x7F',
  Alpha: 'a-zA-Z',
  Digit: '0-9',
  Alnum: 'a-zA-Z0-9',
  Punct: '!-\\/:-@\\[-`{-~',
  Graph: '!-~',
  Print: ' -~',
  Blank: ' \\t',
  Cntrl: '\\x00-\\x1F\\x7F',
  XDigit: '0-9a-fA-F',
  Space: ' \\t\\n\\x0B\\f\\r',
};

/** Translates the Java-only parts of a regex (POSIX classes, \A \Z \z, possessive and atomic forms, leading flags). */
function javaRegexToJs(pattern: string): { source: string; flags: string } {
  let source = String(pattern);
  let flags = '';
  const inline = /^\(\?([imsx]+)\)/.exec(source);
  if (inline) {
    source = source.slice(inline[0].length);
    for (const f of inline[1]) if (f !== 'x' && !flags.includes(f)) flags += f;
  }
  source = source
    .replace(
      /\\p\{(?:Is)?(Lower|Upper|ASCII|Alpha|Digit|Alnum|Punct|Graph|Print|Blank|Cntrl|XDigit|Space)\}/g,
      (_m, name: string) => `[${POSIX[name]}]`,
    )
    .replace(
      /\\P\{(?:Is)?(Lower|Upper|ASCII|Alpha|Digit|Alnum|Punct|Graph|Print|Blank|Cntrl|XDigit|Space)\}/g,
      (_m, name: string) => `[^${POSIX[name]}]`,
    )
    .replace(/\\A/g, '^')
    .replace(/\\[Zz]/g, '$')
    .replace(/\\h/g, '[ \\t\\xA0\\u1680\\u180e\\u2000-\\u200a\\u202f\\u205f\\u3000]')
    .replace(/\(\?>/g, '(?:')
    // Possessive quantifiers have no JS form; matching greedily accepts a superset [?].
    .replace(/(?<!\\)([*+?}])\+/g, '$1');
  if (/\\[pP]\{/.test(source)) flags += 'u';
  return { source, flags };
}

/** util.matches: true when the whole value matches the Java-style pattern. */
export function matches(pattern: unknown, value: unknown): boolean {
  const { source, flags } = javaRegexToJs(String(pattern));
  let re: RegExp;
  try {
    re = new RegExp(`^(?:${source})$`, flags);
  } catch (err) {
    throw new Error(`util.matches: invalid pattern ${JSON.stringify(pattern)}: ${(err as Error).message}`);
  }
  return re.test(String(value));
}
