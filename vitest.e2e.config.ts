import { defineConfig } from 'vitest/config';

// End-to-end tests: the built app through `intseg serve` in headless Chromium (playwright-core).
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    globalSetup: ['test/setup/build-all.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
