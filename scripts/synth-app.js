// The app command of cdktf.json (what `cdktf synth`, `plan` and `deploy` run): main.ts bundled
// into one file with everything it loads (cdktf, constructs, the provider's resource modules,
// this project's code), and rebuilt by esbuild only when one of those inputs has changed since.
// Loading about 500 modules one by one (resolving each path, reading package.json files,
// transforming each TypeScript file) took about a sixth of a synth; one file loads in a fraction
// of that, and V8's compile cache (.build/node-compile-cache) skips compiling it again.
//
// Stack traces of an unexpected error point into the bundle; `npx node --enable-source-maps
// scripts/synth-app.js` maps them to the TypeScript sources (it costs about 250 ms, so it is not
// the default). `npx node` is the npm scripts' Node 22: the bundle is rebuilt for another Node.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
// Two levels under the repository, as the sources that find it from their own directory
// (constructs/functions/bundle.ts) expect: the bundle keeps their __dirname.
const OUT_DIR = path.join(ROOT, '.build', 'synth-app');
const BUNDLE = path.join(OUT_DIR, 'main.js');
const STAMP = path.join(OUT_DIR, 'inputs.json');

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

/** Parallel synths (the tests run several) never read half a file. */
function atomicWrite(file, contents) {
  fs.writeFileSync(`${file}.${process.pid}`, contents);
  fs.renameSync(`${file}.${process.pid}`, file);
}

module.exports = { isUpToDate, stampOf };

if (require.main === module) {
  const nodeModule = require('node:module');
  if (typeof nodeModule.enableCompileCache === 'function') {
    nodeModule.enableCompileCache(path.join(ROOT, '.build', 'node-compile-cache'));
  }
  if (!isUpToDate(ROOT, STAMP, BUNDLE)) build();
  try {
    require(BUNDLE);
  } catch (error) {
    // main.ts reports the errors it expects (configuration, policy) itself and exits.
    process.stderr.write(`${error?.stack ?? error}\n`);
    if (!process.execArgv.includes('--enable-source-maps'))
      process.stderr.write('(for TypeScript locations: npx node --enable-source-maps scripts/synth-app.js)\n');
    process.exitCode = 1;
  }
}
