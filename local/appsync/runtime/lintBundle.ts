// AppSync checks APPSYNC_JS code when a resolver or function is created, before it ever runs, and
// rejects unsupported syntax (try, while, classes, ++, regex literals, …) with BadRequestException
// "The code contains one or more errors" (docs/appsync-facts.md §3). The same rules ship as
// @aws-appsync/eslint-plugin's `base` set, so running them over the deployed bundle makes code
// AWS rejects fail here too, even if the source-level lint was bypassed.
import { createHash } from 'node:crypto';
import { Linter } from 'eslint';
import appsyncPlugin from '@aws-appsync/eslint-plugin';
import { CODE_ERRORS_MESSAGE, CodeRejectedError } from './codeErrors.ts';

interface BaseConfig {
  plugins: Linter.Config['plugins'];
  rules: Linter.RulesRecord;
}

const base = (appsyncPlugin.configs as unknown as { base: BaseConfig }).base;

// espree (ESLint's own parser) instead of the plugin's TypeScript parser: bundles are plain
// JavaScript and none of the `base` rules need type information, and espree is several times faster.
const config: Linter.Config[] = [
  {
    files: ['**/*.js'],
    plugins: base.plugins,
    rules: base.rules,
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module' },
  },
];

const linter = new Linter({ configType: 'flat' });
const messagesByHash = new Map<string, Linter.LintMessage[]>();

/** The APPSYNC_JS rule violations and parse errors in a bundle, as ESLint reports them; cached by code hash. */
export function lintBundleMessages(code: string): Linter.LintMessage[] {
  const hash = createHash('sha256').update(code).digest('hex');
  const cached = messagesByHash.get(hash);
  if (cached) return cached;
  const messages = linter.verify(code, config, 'bundle.js').filter((message) => message.severity === 2);
  messagesByHash.set(hash, messages);
  return messages;
}

/** Lists the APPSYNC_JS rule violations in a bundle as `line:column message (rule)`. */
function findBundleProblems(code: string): string[] {
  return lintBundleMessages(code).map(
    (message) => `${message.line}:${message.column} ${message.message}${message.ruleId ? ` (${message.ruleId})` : ''}`,
  );
}

/** Throws CodeRejectedError ("The code contains one or more errors.") when AppSync would reject the bundle. */
export function lintBundle(code: string, bundleName: string): void {
  const problems = findBundleProblems(code);
  if (problems.length > 0) throw new CodeRejectedError(CODE_ERRORS_MESSAGE, bundleName, problems);
}
