import { defineConfig } from 'vitest/config';

// Unit and integration tests: core, main (services, storage, inference process), renderer logic.
// End-to-end browser tests live in vitest.e2e.config.ts.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['test/setup/build-node.ts'],
  },
});
