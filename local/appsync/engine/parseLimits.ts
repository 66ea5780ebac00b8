// The limits graphql-java's parser (AppSync's GraphQL engine) puts on a document before it parses
// it, against denial of service (graphql-java ParserOptions defaults; docs/appsync-facts.md §5.1):
// at most 1,048,576 characters, 15,000 grammar tokens and 500 nested grammar rules. A document
// past one is refused as a syntax error with graphql-java's message, never parsed: a document
// nested a few thousand levels deep would otherwise overflow graphql-js's recursive parser.
// The token limit is graphql-js's own `maxTokens`; the other two are checked here first.

/** graphql-java ParserOptions.MAX_QUERY_TOKENS, passed to graphql-js's parse as maxTokens. */
export const MAX_TOKENS = 15_000;
const MAX_CHARACTERS = 1_048_576;
const MAX_RULE_DEPTH = 500;
// graphql-java enters about three grammar rules per nesting level (selectionSet → selection →
// field, or value → objectValue → objectField), plus three for document → definition → operation.
const RULES_PER_LEVEL = 3;
const MAX_NESTING = Math.floor((MAX_RULE_DEPTH - RULES_PER_LEVEL) / RULES_PER_LEVEL);

/** graphql-java's words for graphql-js's maxTokens error, or undefined for any other syntax error. */
export function tokenLimitMessage(graphqlJsMessage: string): string | undefined {
  if (!/Document contains more th(?:an|at) \d+ tokens/.test(graphqlJsMessage)) return undefined;
  return `More than ${MAX_TOKENS} 'grammar' tokens have been presented. To prevent Denial Of Service attacks, parsing has been cancelled.`;
}

/** Why a document is refused before parsing, and where. */
export interface ParseLimitViolation {
  message: string;
  line: number;
  column: number;
}

/** The first parse limit `query` exceeds, or undefined; a linear scan that skips strings and comments. */
export function parseLimitViolation(query: string): ParseLimitViolation | undefined {
  if (query.length > MAX_CHARACTERS) {
    return {
      message: `More than ${MAX_CHARACTERS} characters have been presented. To prevent Denial Of Service attacks, parsing has been cancelled.`,
      line: 1,
      column: 1,
    };
  }
  const at = deepestNesting(query);
  if (at === undefined) return undefined;
  return {
    message: `More than ${MAX_RULE_DEPTH} deep 'grammar' rules have been entered. To prevent Denial Of Service attacks, parsing has been cancelled.`,
    ...lineAndColumn(query, at),
  };
}

// The offset of the bracket that nests past MAX_NESTING, outside strings and comments.
function deepestNesting(query: string): number | undefined {
  let depth = 0;
  for (let i = 0; i < query.length; i += 1) {
    const char = query[i];
    if (char === '#') {
      while (i < query.length && query[i] !== '\n' && query[i] !== '\r') i += 1;
    } else if (char === '"') {
      i = endOfString(query, i);
    } else if (char === '{' || char === '(' || char === '[') {
      depth += 1;
      if (depth > MAX_NESTING) return i;
    } else if (char === '}' || char === ')' || char === ']') {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}

// The index of a string's closing quote (block strings """…""" included).
function endOfString(query: string, start: number): number {
  if (query.startsWith('"""', start)) {
    const close = query.indexOf('"""', start + 3);
    return close < 0 ? query.length : close + 2;
  }
  for (let i = start + 1; i < query.length; i += 1) {
    if (query[i] === '\\') i += 1;
    else if (query[i] === '"' || query[i] === '\n') return i;
  }
  return query.length;
}

function lineAndColumn(query: string, offset: number): { line: number; column: number } {
  const before = query.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}
