import { defineConfig } from 'vitest/config';

// One run: unit, contract, infrastructure and integration suites. The global setup starts the
// real local services once per run (DynamoDB Local, …) and hands their endpoints to the suites.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/globalSetup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // The pinned AWS SDK's Node 22 notice (see README) would repeat in every worker.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
