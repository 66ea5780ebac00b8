// Code AppSync refuses to run, reported as EvaluateCode reports it: HTTP 200 with
// `error: {message, codeErrors: [{errorType, value, location: {line, column, span}}]}` and no
// evaluation. Recorded from AWS [O]: a regex literal gives the message
// "Error: code.js(5,44): error @aws-appsync/no-regex: Regex literals are not supported."; the API
// reference names LINT_ERROR and PARSER_ERROR as error types and "Parsing error: Unterminated string
// literal" as a value, with line/column 0 and span -1 when unknown (API_CodeError,
// API_CodeErrorLocation). AWS also type-checks against @aws-appsync/utils (TS2551 "Property … does
// not exist") — not emulated: such code fails when it runs instead.
import type { Linter } from 'eslint';

/** A CodeErrorLocation: 1-based line and column, span in characters (-1 when unknown). */
export interface CodeErrorLocation {
  line: number;
  column: number;
  span: number;
}

/** One CodeError of an EvaluateCode answer. */
export interface CodeError {
  errorType: string;
  value: string;
  location: CodeErrorLocation;
}

/** EvaluateCodeErrorDetail. */
export interface EvaluateCodeErrorDetail {
  message: string;
  codeErrors?: CodeError[];
}

const UNKNOWN_LOCATION: CodeErrorLocation = { line: 0, column: 0, span: -1 };

/** ESLint's verdict on the code (the @aws-appsync/eslint-plugin rules AppSync applies) as CodeErrors. */
export function lintCodeErrors(code: string, messages: Linter.LintMessage[]): CodeError[] {
  return messages.map((message) => ({
    errorType: message.fatal || message.ruleId === null ? 'PARSER_ERROR' : 'LINT_ERROR',
    value: message.ruleId ? `${message.ruleId}: ${message.message}` : message.message,
    location: { line: message.line, column: message.column, span: spanOf(code, message) },
  }));
}

/** Problems found outside the linter (translation failures, unknown imports), which carry no position. */
export function unlocatedCodeErrors(details: string[]): CodeError[] {
  return details.map((value) => ({ errorType: 'PARSER_ERROR', value, location: UNKNOWN_LOCATION }));
}

/** The error detail: one `code.js(line,column): error …` line per problem, as AWS words it. */
export function codeErrorDetail(codeErrors: CodeError[]): EvaluateCodeErrorDetail {
  const lines = codeErrors.map(({ location, value }) =>
    location.line > 0 ? `code.js(${location.line},${location.column}): error ${value}` : `code.js: error ${value}`,
  );
  return { message: `Error: ${lines.join('\n')}`, codeErrors };
}

function spanOf(code: string, message: Linter.LintMessage): number {
  if (message.endLine === undefined || message.endColumn === undefined) return -1;
  const lines = code.split('\n');
  const offset = (line: number, column: number) =>
    lines.slice(0, line - 1).reduce((sum, text) => sum + text.length + 1, 0) + column - 1;
  return Math.max(0, offset(message.endLine, message.endColumn) - offset(message.line, message.column));
}
