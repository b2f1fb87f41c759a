/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // Transpile only, with esbuild, as the npm scripts load TypeScript: `npm run typecheck`
    // type-checks the whole tree once.
    '^.+\\.ts$': '<rootDir>/scripts/jest-transform.js',
  },
  setupFilesAfterEnv: ['<rootDir>/__tests__/support/setup.ts'],
  globalSetup: '<rootDir>/__tests__/support/global-setup.ts',
  globalTeardown: '<rootDir>/__tests__/support/global-teardown.ts',
  // A hang guard, not a speed target: every test does a bounded amount of work (counted
  // requests, runs, items), and a loaded two-core machine may take five times as long as a quiet
  // one (the 10,000 hostile requests: 41 s quiet, over 180 s at load 25). Twenty minutes catches
  // a hang without racing the machine; no test sets a shorter limit of its own.
  testTimeout: 20 * 60_000,
  // DynamoDB Local (Java) and terraform share two cores with the test workers.
  maxWorkers: 2,
  // A worker whose heap has grown past this after a test file is replaced by a fresh one: memory
  // that files leave behind (module registries, synthesized stacks) does not pile up over a run.
  // At 600MB two workers held 782 and 754 MB at the suite's peak (1,884 MB for the tree); at
  // 300MB they hold about 250 MB each and the peak is terraform's plan (provider 628 MB).
  workerIdleMemoryLimit: '300MB',
  verbose: false,
};
