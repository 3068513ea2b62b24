import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'examples/**/*.test.ts', 'contracts/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // Builds dist/ when it is missing or stale: the CLI, package and precompiled-schema tests run it.
    globalSetup: ['test/build-dist.ts'],
  },
});
