import { defineConfig } from 'vitest/config';

// One run: unit, contract, infrastructure and integration suites. The global setup starts the
// real local services once per run (DynamoDB Local, …) and hands their endpoints to the suites.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/globalSetup.ts'],
    setupFiles: ['test/support/removeTempDirs.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
