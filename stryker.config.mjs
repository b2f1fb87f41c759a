// Mutation testing, one folder per run: `npm run test:mutation` runs each of MUTATED_FOLDERS in
// turn; `STRYKER_FOLDER=src/domain npx stryker run` runs one. Each folder keeps its results in
// __tests__/mutation/incremental/<folder>.json (committed), so a later run only tests mutants in
// code or tests that changed since. Reports: .build/mutation/<folder>.html and .json.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const base = require('./jest.config.js');

/**
 * The tests that exercise each mutated folder. Suites of other concerns (terraform plan, load,
 * robustness, synth in fresh processes) are left out: they would only slow every mutant down.
 */
const TESTS_BY_FOLDER = {
  constructs: [
    '__tests__/config',
    '__tests__/policy',
    '__tests__/security/policy-table.test.ts',
    '__tests__/security/account-logging-role.test.ts',
    '__tests__/stacks/bootstrap-stack.test.ts',
    '__tests__/stacks/function-permissions.test.ts',
    '__tests__/stacks/service-stack.test.ts',
  ],
  policy: ['__tests__/policy'],
  // The domain's own unit tests: loading the handler tests costs seconds per mutant.
  'src/domain': ['__tests__/domain', '__tests__/mutation'],
  'src/data': [
    '__tests__/data',
    '__tests__/functions',
    '__tests__/security/conditional-writes.test.ts',
    '__tests__/mutation',
  ],
};
const MUTATED_FOLDERS = Object.keys(TESTS_BY_FOLDER);
const folder = process.env.STRYKER_FOLDER;
if (folder !== undefined && !MUTATED_FOLDERS.includes(folder)) {
  throw new Error(`STRYKER_FOLDER must be one of ${MUTATED_FOLDERS.join(', ')}, not ${folder}`);
}
const name = folder?.replace(/\//g, '-') ?? 'all';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  mutate: (folder ? [folder] : MUTATED_FOLDERS).map((f) => `${f}/**/*.ts`),
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    enableFindRelatedTests: false,
    config: {
      ...base,
      roots: ['<rootDir>/__tests__'],
      testMatch: [...new Set((folder ? [folder] : MUTATED_FOLDERS).flatMap((f) => TESTS_BY_FOLDER[f]))].map((t) =>
        t.endsWith('.ts') ? `<rootDir>/${t}` : `<rootDir>/${t}/**/*.test.ts`,
      ),
      // The property-based fuzz test covers nearly every line and takes about 15 s: it would run for
      // almost every mutant. The targeted tests are what the score should measure.
      testPathIgnorePatterns: ['/node_modules/', '\\.property\\.test\\.ts$'],
      globalSetup: '<rootDir>/__tests__/mutation/global-setup.ts',
      globalTeardown: '<rootDir>/__tests__/mutation/global-teardown.ts',
    },
  },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  coverageAnalysis: 'perTest',
  incremental: true,
  incrementalFile: `__tests__/mutation/incremental/${name}.json`,
  // Two cores are shared with everything else on this machine.
  concurrency: 2,
  timeoutMS: 60_000,
  // Under .build/, which tsc, eslint, prettier and jest all skip; node still finds the tree's
  // node_modules from there (a sandbox outside the tree could not resolve jest).
  tempDirName: '.build/stryker-tmp',
  ignorePatterns: ['cdktf.out', '.build', 'coverage', 'bench/results', '.dev-data'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `.build/mutation/${name}.html` },
  jsonReporter: { fileName: `.build/mutation/${name}.json` },
  thresholds: { high: 90, low: 85, break: null },
};
