import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // dist/ built from the current sources first: child processes and worker threads run it (test/build-dist.ts)
    globalSetup: ['test/build-dist.ts'],
    // a temporary HOME and key file per test process: tests never touch the user's config directory
    setupFiles: ['test/setup-key.ts'],
  },
});
