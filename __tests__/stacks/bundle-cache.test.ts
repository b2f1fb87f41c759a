/** Function bundles are rebuilt only when something that goes into them changed. */
import { mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { FunctionBundle } from '../../constructs/functions/bundle';

const buildDir = mkdtempSync(path.join(tmpdir(), 'appointments-bundle-cache-'));
const zipOf = (name: string) => path.join(buildDir, 'functions', `${name}.zip`);
const LONG_AGO = new Date('2001-01-01T00:00:00Z');

type Bundler = typeof import('../../constructs/functions/bundle');

/** A fresh copy of the bundler module, as a new synth process would load it. */
function bundleInNewProcess(name: string): FunctionBundle {
  let bundle: FunctionBundle | undefined;
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const bundler = require('../../constructs/functions/bundle') as Bundler;
    bundle = bundler.bundleFunction(name);
  });
  return bundle!;
}

beforeAll(() => {
  process.env.APPOINTMENTS_BUILD_DIR = buildDir;
});
afterAll(() => {
  delete process.env.APPOINTMENTS_BUILD_DIR;
});

test('a second synth with unchanged sources reuses the zips it finds', () => {
  const first = bundleInNewProcess('get-appointment');
  utimesSync(zipOf('get-appointment'), LONG_AGO, LONG_AGO);
  const second = bundleInNewProcess('get-appointment');
  expect(second).toEqual(first);
  expect(statSync(zipOf('get-appointment')).mtime).toEqual(LONG_AGO);
});

test('a changed input (here: one the cache no longer finds) rebuilds every zip, with the same bytes', () => {
  const before = bundleInNewProcess('get-appointment');
  const cacheFile = path.join(buildDir, 'functions', 'cache.json');
  const cache = JSON.parse(readFileSync(cacheFile, 'utf8')) as { inputs: string[] };
  writeFileSync(cacheFile, JSON.stringify({ ...cache, inputs: [...cache.inputs, 'src/removed-since.ts'] }));
  utimesSync(zipOf('get-appointment'), LONG_AGO, LONG_AGO);
  const after = bundleInNewProcess('get-appointment');
  expect(statSync(zipOf('get-appointment')).mtime).not.toEqual(LONG_AGO);
  expect(after.sha256Hex).toBe(before.sha256Hex);
});

test('a zip changed on disk is rebuilt, not uploaded', () => {
  const before = bundleInNewProcess('get-appointment');
  writeFileSync(zipOf('get-appointment'), 'not the bundle');
  const after = bundleInNewProcess('get-appointment');
  expect(readFileSync(zipOf('get-appointment')).subarray(0, 2).toString()).toBe('PK');
  expect(after.sha256Hex).toBe(before.sha256Hex);
});

test('an unknown function is an error that says where its handler should be', () => {
  expect(() => bundleInNewProcess('no-such-function')).toThrow(
    'No function "no-such-function": expected functions/no-such-function/handler.ts',
  );
});
