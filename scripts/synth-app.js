// The app command of cdktf.json (what `cdktf synth`, `plan` and `deploy` run): main.ts bundled
// into one file with everything it loads (cdktf, constructs, the provider's resource modules,
// this project's code), and rebuilt by esbuild only when one of those inputs has changed since.
// Loading about 500 modules one by one (resolving each path, reading package.json files,
// transforming each TypeScript file) took about a sixth of a synth; one file loads in a fraction
// of that. V8's code cache of the bundle (`.build/code-cache/`) is made after the bundle
// has run, so it holds every function the synth compiled, not only the file's top level as
// Node's own compile cache would: a synth that finds it compiles next to nothing.
//
// Stack traces of an unexpected error point into the bundle; `npx node --enable-source-maps
// scripts/synth-app.js` maps them to the TypeScript sources (it loads the bundle with Node's own
// loader, without the code cache, and costs about 250 ms, so it is not the default). `npx node`
// is the npm scripts' Node 22: the bundle is rebuilt for another Node.
'use strict';
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const nodeModule = require('node:module');
const path = require('node:path');
const vm = require('node:vm');

const ROOT = path.resolve(__dirname, '..');
// Two levels under the repository, as the sources that find it from their own directory
// (constructs/functions/bundle.ts) expect: the bundle keeps their __dirname.
const OUT_DIR = path.join(ROOT, '.build', 'synth-app');
const BUNDLE = path.join(OUT_DIR, 'main.js');
const STAMP = path.join(OUT_DIR, 'inputs.json');
/**
 * V8 refuses a code cache made under other flags: the cdktf CLI runs this app with its own
 * NODE_OPTIONS (a larger heap), plain `node` without. One cache per Node, platform and flags.
 */
const CODE_CACHE = path.join(
  ROOT,
  '.build',
  'code-cache',
  `synth-app-${createHash('sha256')
    .update(JSON.stringify([process.version, process.arch, process.execArgv, process.env.NODE_OPTIONS ?? '']))
    .digest('hex')
    .slice(0, 16)}.v8`,
);

/** Size and modification time of each input (relative to root), or `missing`. */
function stampOf(root, files) {
  return Object.fromEntries(
    files.map((file) => {
      const stat = fs.statSync(path.join(root, file), { throwIfNoEntry: false });
      return [file, stat ? `${stat.size}:${stat.mtimeMs}` : 'missing'];
    }),
  );
}

/** Whether the bundle was built by this Node from inputs that are all as they were then. */
function isUpToDate(root, stampFile, bundleFile) {
  let stamp;
  try {
    stamp = JSON.parse(fs.readFileSync(stampFile, 'utf8'));
  } catch {
    return false;
  }
  if (stamp.node !== process.version || !fs.existsSync(bundleFile)) return false;
  const now = stampOf(root, Object.keys(stamp.inputs));
  return Object.entries(now).every(([file, seen]) => seen === stamp.inputs[file]);
}

function build() {
  const esbuild = require('esbuild');
  const result = esbuild.buildSync({
    absWorkingDir: ROOT,
    entryPoints: ['main.ts'],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: `node${process.versions.node.split('.')[0]}`,
    // The app bundles the functions with esbuild: its native service stays a package of its own.
    external: ['esbuild'],
    sourcemap: 'linked',
    sourcesContent: false,
    metafile: true,
    write: false,
    outfile: BUNDLE,
    logLevel: 'warning',
  });
  fs.mkdirSync(OUT_DIR, { recursive: true });
  // The stamp last: a synth that reads the new stamp finds the new bundle.
  for (const file of result.outputFiles) atomicWrite(file.path, file.contents);
  const inputs = Object.keys(result.metafile.inputs);
  atomicWrite(STAMP, JSON.stringify({ node: process.version, inputs: stampOf(ROOT, inputs) }));
}

/**
 * Runs `file` as Node runs a CommonJS module, compiled with V8's code cache of the last run of
 * the same bytes (`cacheFile`) when there is one; when there was none, or V8 refused it (another
 * Node, other V8 flags), a new one is made from what this run compiled. V8 checks only the length
 * of the source a cache was made from, so the cache starts with the SHA-256 of the file it was
 * made of. It is kept apart from the bundle, so that a rebuild to the same bytes (a fresh
 * checkout's first synth, a touched input) still finds it. Returns the module's exports and
 * whether the cache was used.
 */
function runWithCodeCache(file, cacheFile) {
  const bytes = fs.readFileSync(file);
  const identity = Buffer.from(`${createHash('sha256').update(bytes).digest('hex')}\n`);
  const cache = fs.existsSync(cacheFile) ? fs.readFileSync(cacheFile) : undefined;
  const cachedData =
    cache && cache.subarray(0, identity.length).equals(identity) ? cache.subarray(identity.length) : undefined;
  // Node's own wrapper, on the file's first line: line numbers (and the source map) hold.
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${bytes.toString('utf8')}\n})`;
  const script = new vm.Script(wrapped, { filename: file, cachedData });
  const fileModule = { exports: {} };
  script.runInThisContext()(fileModule.exports, nodeModule.createRequire(file), fileModule, file, path.dirname(file));
  const cached = cachedData !== undefined && !script.cachedDataRejected;
  if (!cached) {
    fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
    atomicWrite(cacheFile, Buffer.concat([identity, script.createCachedData()]));
  }
  return { exports: fileModule.exports, cached };
}

/** Parallel synths (the tests run several) never read half a file. */
function atomicWrite(file, contents) {
  fs.writeFileSync(`${file}.${process.pid}`, contents);
  fs.renameSync(`${file}.${process.pid}`, file);
}

module.exports = { isUpToDate, stampOf, runWithCodeCache };

if (require.main === module) {
  if (typeof nodeModule.enableCompileCache === 'function') {
    nodeModule.enableCompileCache(path.join(ROOT, '.build', 'node-compile-cache'));
  }
  if (!isUpToDate(ROOT, STAMP, BUNDLE)) build();
  try {
    // Node maps stack traces through the source map of what its own loader loaded, not of a vm.Script.
    if (process.sourceMapsEnabled) require(BUNDLE);
    else runWithCodeCache(BUNDLE, CODE_CACHE);
  } catch (error) {
    // main.ts reports the errors it expects (configuration, policy) itself and exits.
    process.stderr.write(`${error?.stack ?? error}\n`);
    if (!process.execArgv.includes('--enable-source-maps'))
      process.stderr.write('(for TypeScript locations: npx node --enable-source-maps scripts/synth-app.js)\n');
    process.exitCode = 1;
  }
}
