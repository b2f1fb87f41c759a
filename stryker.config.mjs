// Mutation testing, one folder per run: `npm run test:mutation` runs each of MUTATED_FOLDERS in
// turn; `STRYKER_FOLDER=src/domain npx stryker run` runs one. Each folder keeps its results in
// __tests__/mutation/incremental/<folder>.json (committed), so a later run only tests mutants in
// code or tests that changed since. Reports: .build/mutation/<folder>.html and .json.
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const require = createRequire(import.meta.url);
const base = require('./jest.config.js');

/** The tests that exercise the mutated folders; slow suites of other concerns (terraform plan, load, robustness) are left out. */
const MUTATION_TESTS = [
  '<rootDir>/__tests__/config',
  '<rootDir>/__tests__/data',
  '<rootDir>/__tests__/domain',
  '<rootDir>/__tests__/functions',
  '<rootDir>/__tests__/mutation',
  '<rootDir>/__tests__/policy',
  '<rootDir>/__tests__/security',
  '<rootDir>/__tests__/stacks',
];

const MUTATED_FOLDERS = ['constructs', 'policy', 'src/domain', 'src/data'];
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
      roots: MUTATION_TESTS,
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
  // Outside the work tree, so that tsc, eslint and jest of the tree never see the sandbox.
  tempDirName: path.join(tmpdir(), 'stryker-appointments'),
  ignorePatterns: ['cdktf.out', '.build', 'coverage', 'bench/results', '.dev-data'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `.build/mutation/${name}.html` },
  jsonReporter: { fileName: `.build/mutation/${name}.json` },
  thresholds: { high: 90, low: 85, break: null },
};
