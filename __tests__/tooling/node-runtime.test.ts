/**
 * The tests run on the Node.js major version the functions run on. LAMBDA_RUNTIME is its one
 * definition; the `node` devDependency brings that Node from the npm registry, and npm puts it
 * first on the PATH of every npm script (and of `npx`). A run on another major (jest started
 * with the machine's own node, or an install that skipped the `node` package's preinstall)
 * fails here instead of passing on a runtime that nothing deploys to.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { esbuildOptions } from '../../constructs/functions/bundle';
import { LAMBDA_RUNTIME } from '../../constructs/functions/service-function';

const ROOT = path.resolve(__dirname, '..', '..');
const readJson = (file: string) => JSON.parse(readFileSync(path.join(ROOT, file), 'utf8'));

/** The major version of a Lambda Node.js runtime identifier: 22 for `nodejs22.x`. */
function runtimeMajor(runtime: string): number {
  const match = /^nodejs(\d+)\.x$/.exec(runtime);
  if (!match) throw new Error(`LAMBDA_RUNTIME is ${runtime}, not a Node.js runtime (nodejs<major>.x)`);
  return Number(match[1]);
}

const FUNCTIONS_MAJOR = runtimeMajor(LAMBDA_RUNTIME);
const majorOf = (version: string) => Number(/^v?(\d+)\./.exec(version)?.[1]);

/** Throws one sentence naming what ran, where it came from and how to get the right Node. */
function expectFunctionsMajor(what: string, version: string, executable: string): void {
  if (majorOf(version) === FUNCTIONS_MAJOR) return;
  throw new Error(
    `${what} is Node ${version} (${executable}), the functions run on ${LAMBDA_RUNTIME}: ` +
      `run it through npm (npm test, npx jest), which puts node_modules/.bin/node from the ` +
      `\`node\` devDependency first on PATH, after an npm ci that ran the \`node\` package's preinstall`,
  );
}

test('the runtime identifier names a major version (nodejs22.x is 22)', () => {
  expect(runtimeMajor('nodejs22.x')).toBe(22);
  expect(runtimeMajor('nodejs24.x')).toBe(24);
  expect(() => runtimeMajor('python3.13')).toThrow(
    'LAMBDA_RUNTIME is python3.13, not a Node.js runtime (nodejs<major>.x)',
  );
});

test('jest and its workers run on the major version of Node that the functions run on', () => {
  expectFunctionsMajor('the jest worker running this test', process.version, process.execPath);
});

test('`node` first on PATH (npm scripts, the cdktf app command, #!/usr/bin/env node) is that major version too', () => {
  const [version, executable] = execFileSync('node', ['-p', 'process.version + "\\n" + process.execPath'], {
    encoding: 'utf8',
  })
    .trim()
    .split('\n');
  expectFunctionsMajor('`node` on PATH', version, executable);
});

test('the `node` devDependency pins an exact release of that major version, as the lock file installs it', () => {
  const pinned: string = readJson('package.json').devDependencies.node;
  expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
  expect(majorOf(pinned)).toBe(FUNCTIONS_MAJOR);
  expect(readJson('package-lock.json').packages['node_modules/node'].version).toBe(pinned);
});

test('the function bundles are compiled for that major version', () => {
  expect(esbuildOptions().target).toBe(`node${FUNCTIONS_MAJOR}`);
});
