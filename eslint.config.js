// One lint setup for the repo: TypeScript everywhere, APPSYNC_JS rules on resolver code (the code
// AppSync itself would reject must fail here first), and import boundaries between layers.
import tseslint from 'typescript-eslint';
import appsync from '@aws-appsync/eslint-plugin';

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
