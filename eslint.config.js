// One lint setup for the repo: TypeScript everywhere, APPSYNC_JS rules on resolver code (the code
// AppSync itself would reject must fail here first), and import boundaries between layers.
import tseslint from 'typescript-eslint';
import appsync from '@aws-appsync/eslint-plugin';

// local/README.md "One public surface": bench/, the CLIs and every test except local's own unit
// tests import local/index.ts, never a file behind it. The Node version guard is the one exception:
// it must run before anything else loads.
const LOCAL_INTERNALS = {
  regex: '^(\\.\\./)+local/(?!index\\.ts$|cli/requireNode24\\.ts$)',
  message: 'Import the emulator through local/index.ts (local/README.md "One public surface").',
};
const LOCAL_INTERNALS_FROM_CLI = {
  regex: '^\\.\\./(?!index\\.ts$)',
  message: 'The CLIs use the emulator through local/index.ts (local/README.md "One public surface").',
};
// Unit tests of local's own units (everything under test/unit/ except the tests of deployed code).
const LOCAL_UNIT_TESTS = ['test/unit/**/*.ts'];
const DEPLOYED_CODE_UNIT_TESTS = ['test/unit/functions/**/*.ts', 'test/unit/lib/**/*.ts'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'cdk.out/**', 'dist/**', 'generated/**', '.prolynk/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['resolvers/**/*.ts'],
    ...appsync.configs.recommended,
    languageOptions: {
      ...appsync.configs.recommended.languageOptions,
      parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    // Production code never reaches into the local emulator or the tests.
    files: ['resolvers/**/*.ts', 'functions/**/*.ts', 'cdk/**/*.ts', 'ops/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/local/**', '../local/*', '../../local/*'],
              message: 'resolvers/, functions/, cdk/ and ops/ never import local/.',
            },
            { group: ['**/test/**'], message: 'Production code never imports test helpers.' },
          ],
        },
      ],
    },
  },
  {
    // The emulator stands on its own: it reads the synthesized template, never the code that produces it.
    files: ['local/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/cdk/**', '**/resolvers/**', '**/functions/**', '**/test/**', '**/bench/**'],
              message: 'local/ never imports cdk/, resolvers/, functions/, test/ or bench/ (local/README.md).',
            },
          ],
        },
      ],
    },
  },
  {
    // Outside local/, the emulator is used through its index; only local's unit tests reach its internals.
    files: ['local/cli/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [LOCAL_INTERNALS_FROM_CLI] }] },
  },
  {
    files: ['bench/**/*.ts', 'test/**/*.ts'],
    ignores: LOCAL_UNIT_TESTS,
    rules: { 'no-restricted-imports': ['error', { patterns: [LOCAL_INTERNALS] }] },
  },
  {
    files: DEPLOYED_CODE_UNIT_TESTS,
    rules: { 'no-restricted-imports': ['error', { patterns: [LOCAL_INTERNALS] }] },
  },
  {
    files: ['test/**/*.ts'],
    // Tests read arbitrary GraphQL/JSON response bodies.
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name='only']", message: 'No .only committed.' },
        { selector: "CallExpression[callee.property.name='skip']", message: 'No .skip committed.' },
      ],
    },
  },
);
