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
  // In this order (JEST_BY_FOLDER): the files that share one synthesis per mutant first, those
  // that synthesize their own stacks after, the whole-app policy table last.
  constructs: [
    '__tests__/stacks/function-permissions.test.ts',
    '__tests__/stacks/service-stack.test.ts',
    '__tests__/stacks/code-signing.test.ts',
    '__tests__/stacks/api-firewall.test.ts',
    '__tests__/stacks/function-environment.test.ts',
    '__tests__/stacks/cost-inputs.test.ts',
    '__tests__/stacks/*-edges.test.ts',
    '__tests__/stacks/bootstrap-stack.test.ts',
    '__tests__/stacks/stack-environment.test.ts',
    '__tests__/stacks/api-deployment-trigger.test.ts',
    '__tests__/policy/service-policy.test.ts',
    '__tests__/security/account-logging-role.test.ts',
    '__tests__/security/policy-table.test.ts',
  ],
  policy: ['__tests__/policy'],
  // The domain's own unit tests: loading the handler tests costs seconds per mutant. The time
  // zone conventions test (every zone and 20,000 spellings against Intl, 20 s) is left out too.
  'src/domain': [
    '__tests__/domain',
    '__tests__/conventions/access.test.ts',
    '__tests__/conventions/free-text.test.ts',
    '__tests__/mutation',
  ],
  'src/data': [
    '__tests__/data',
    '__tests__/functions',
    '__tests__/security/conditional-writes.test.ts',
    '__tests__/mutation',
  ],
};
/**
 * Jest options of one folder's runs. Construct code runs only inside a synthesis, which tests
 * make in beforeAll or share: the environment attributes it to the tests that read it (else every
 * constructs mutant is "static" and runs every test), shares one synthesis per mutant across
 * files and stops a mutant's run at its first failure; the sequencer keeps the order above.
 */
const JEST_BY_FOLDER = {
  constructs: {
    testEnvironment: './__tests__/mutation/synthesis-environment.js',
    testSequencer: './__tests__/mutation/listed-order-sequencer.js',
  },
};
const MUTATED_FOLDERS = Object.keys(TESTS_BY_FOLDER);
const folder = process.env.STRYKER_FOLDER;
if (folder !== undefined && !MUTATED_FOLDERS.includes(folder)) {
  throw new Error(`STRYKER_FOLDER must be one of ${MUTATED_FOLDERS.join(', ')}, not ${folder}`);
}
const name = folder?.replace(/\//g, '-') ?? 'all';

/**
 * Files not mutated: generated data tables. Every entry would be a static mutant (each one runs
 * every test of the folder: the 600 IANA zone names alone would take hours), and the table is
 * checked as a whole instead: a test compares the zone names with the runtime's Intl.
 */
const NOT_MUTATED = ['src/domain/time-zone-names.ts'];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  mutate: [
    ...(folder ? [folder] : MUTATED_FOLDERS).map((f) => `${f}/**/*.ts`),
    ...NOT_MUTATED.map((file) => `!${file}`),
  ],
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
      // The domain's tests are pure: they need no DynamoDB Local, whose JVM a loaded machine may
      // take longer to start than the engine's start timeout allows.
      ...(folder === 'src/domain'
        ? { globalSetup: null, globalTeardown: null }
        : {
            globalSetup: '<rootDir>/__tests__/mutation/global-setup.ts',
            globalTeardown: '<rootDir>/__tests__/mutation/global-teardown.ts',
          }),
      ...JEST_BY_FOLDER[folder],
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
  // Beyond the covering tests' own time: an endless loop costs this much plus a new test runner.
  // The domain's tests are pure and take milliseconds, the data tests' requests to DynamoDB Local
  // a few seconds; the others synthesize stacks.
  timeoutMS: { 'src/domain': 15_000, 'src/data': 20_000 }[folder] ?? 60_000,
  // Under .build/, which tsc, eslint, prettier and jest all skip; node still finds the tree's
  // node_modules from there (a sandbox outside the tree could not resolve jest).
  tempDirName: '.build/stryker-tmp',
  ignorePatterns: ['cdktf.out', '.build', 'coverage', 'bench/results', '.dev-data'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `.build/mutation/${name}.html` },
  jsonReporter: { fileName: `.build/mutation/${name}.json` },
  thresholds: { high: 90, low: 85, break: null },
};
