/**
 * The shortcuts the app takes to synthesize faster change nothing in what it writes: skipping
 * cdktf's preparing pass and its second resolution (stacks/app-stack.ts), recording no creation
 * stacks (stacks/creation-stacks.ts), and running as one bundle compiled with V8's code cache of
 * its last run (scripts/synth-app.js, the app command of cdktf.json). The app synthesized with cdktf's own passes and recorded creation
 * stacks gives the same files, byte for byte. A cross-stack reference added to the app would make
 * them differ (the preparing pass adds its remote state), and fail here.
 */
import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Lazy } from 'cdktf';
import { recordCreationStacks } from '../../stacks/creation-stacks';
import { freshDir, outputFiles, synthInFreshProcess } from './support/fresh-synth';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS script of the repository
const synthApp = require('../../scripts/synth-app.js') as {
  isUpToDate(root: string, stampFile: string, bundleFile: string): boolean;
  stampOf(root: string, files: string[]): Record<string, string>;
  runWithCodeCache(file: string, cacheFile: string): { exports: Record<string, unknown>; cached: boolean };
};

test("the app command and main.ts write exactly what cdktf's own passes and creation stacks write", () => {
  // One bundle directory for all: the functions are built once, so only synthesis differs.
  const buildDir = freshDir('bundles');
  const asCdktfDoes = outputFiles(synthInFreshProcess('__tests__/stacks/support/synth-as-cdktf-does.ts', buildDir));
  expect(Object.keys(asCdktfDoes).filter((f) => f.endsWith('cdk.tf.json'))).toHaveLength(4);
  // The app command twice: the first run may make the code cache, the second runs with it.
  for (const fast of [
    outputFiles(synthInFreshProcess(undefined, buildDir)),
    outputFiles(synthInFreshProcess(undefined, buildDir)),
    outputFiles(synthInFreshProcess('main.ts', buildDir)),
  ]) {
    expect(Object.keys(fast)).toEqual(Object.keys(asCdktfDoes));
    for (const file of Object.keys(fast))
      expect({ file, content: fast[file] }).toEqual({ file, content: asCdktfDoes[file] });
  }
});

describe("the app command's bundle", () => {
  const root = mkdtempSync(path.join(tmpdir(), 'synth-app-stamp-'));
  const bundle = path.join(root, 'main.js');
  const stampFile = path.join(root, 'inputs.json');
  const input = path.join(root, 'input.ts');
  const stampNow = () =>
    writeFileSync(stampFile, JSON.stringify({ node: process.version, inputs: synthApp.stampOf(root, ['input.ts']) }));
  beforeEach(() => {
    writeFileSync(bundle, '');
    writeFileSync(input, 'export const a = 1;');
    utimesSync(input, 1_000_000, 1_000_000);
    stampNow();
  });

  test('is reused while every input is as the build saw it', () => {
    expect(synthApp.isUpToDate(root, stampFile, bundle)).toBe(true);
  });

  test('is rebuilt when an input is edited, even to the same size', () => {
    writeFileSync(input, 'export const b = 1;');
    expect(synthApp.isUpToDate(root, stampFile, bundle)).toBe(false);
  });

  test('is rebuilt when an input has gone, when there is no stamp, or the stamp is of another Node', () => {
    const gone = () => synthApp.isUpToDate(root, stampFile, bundle);
    writeFileSync(stampFile, JSON.stringify({ node: process.version, inputs: { 'deleted.ts': '1:1' } }));
    expect(gone()).toBe(false);
    writeFileSync(stampFile, 'not json');
    expect(gone()).toBe(false);
    writeFileSync(stampFile, JSON.stringify({ node: 'v0.0.0', inputs: synthApp.stampOf(root, ['input.ts']) }));
    expect(gone()).toBe(false);
  });
});

test("the app command runs its bundle with the code cache of the bundle's own bytes only", () => {
  const root = mkdtempSync(path.join(tmpdir(), 'synth-app-code-cache-'));
  const file = path.join(root, 'bundle.js');
  const cacheFile = path.join(root, 'cache', 'bundle.v8');
  // The same length both times: V8 itself would take the first one's cache for the second.
  const moduleOf = (value: string) =>
    `const path = require('node:path');\nmodule.exports = { value: '${value}', dir: path.basename(__dirname) };\n`;
  const run = () => synthApp.runWithCodeCache(file, cacheFile);

  writeFileSync(file, moduleOf('aaaa'));
  expect(run()).toEqual({ exports: { value: 'aaaa', dir: path.basename(root) }, cached: false });
  expect(run()).toEqual({ exports: { value: 'aaaa', dir: path.basename(root) }, cached: true });
  writeFileSync(file, moduleOf('bbbb'));
  expect(run()).toEqual({ exports: { value: 'bbbb', dir: path.basename(root) }, cached: false });
  expect(run()).toEqual({ exports: { value: 'bbbb', dir: path.basename(root) }, cached: true });
  writeFileSync(cacheFile, 'not a cache');
  expect(run()).toEqual({ exports: { value: 'bbbb', dir: path.basename(root) }, cached: false });
});

test('creation stacks are recorded only when asked for', () => {
  const token = () => Lazy.anyValue({ produce: () => 1 }) as unknown as { creationStack: string[] };
  try {
    recordCreationStacks(false);
    expect(token().creationStack).toEqual([]);
    recordCreationStacks(true);
    expect(token().creationStack.length).toBeGreaterThan(0);
  } finally {
    recordCreationStacks(true);
  }
});
