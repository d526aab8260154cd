import { defineConfig } from 'vitest/config';

export const config = defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Real databases are files on disk; forks keep native modules isolated per test file.
    pool: 'forks',
    // Builds the dashboard once when src/web changed, for the browser tests in test/browser/.
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // CI also writes a JSON report, from which .ci/run prints its `N passed, N failed` line.
    reporters:
      process.env.CI === undefined || process.env.CI === ''
        ? ['default']
        : ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});

// Vitest reads the default export; this is the one permitted default export in the project.
export default config;
