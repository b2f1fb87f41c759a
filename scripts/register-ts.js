// Loads TypeScript sources through esbuild's transform (no type-check: `npm run typecheck` and
// CI do that). It keeps `cdktf synth` close to the cost of loading cdktf itself; ts-node spends
// seconds type-checking the provider's declarations on every synth. Transformed files are cached
// under .build/ts-cache by content, so an unchanged file is not transformed again.
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const CACHE_DIR = path.join(__dirname, '..', '.build', 'ts-cache');

// V8's code cache for every module this process loads (cdktf, the provider's resource modules,
// the transformed sources), kept under .build/node-compile-cache: a later synth or script skips
// compiling them again (about 40 ms of a synth). Node 22.1 and later; older Node only skips it.
const nodeModule = require('node:module');
if (typeof nodeModule.enableCompileCache === 'function') {
  nodeModule.enableCompileCache(path.join(__dirname, '..', '.build', 'node-compile-cache'));
}
// The transformed code runs in this very process, so it targets the Node running it (the `node`
// devDependency under npm scripts). In the cache key: code lowered for another Node is not reused.
const TARGET = `node${process.versions.node.split('.')[0]}`;
let esbuild;

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const key = crypto.createHash('sha1').update(`${TARGET}\0${filename}\0`).update(source).digest('hex');
  const cached = path.join(CACHE_DIR, `${key}.js`);
  let code;
  try {
    code = fs.readFileSync(cached, 'utf8');
  } catch {
    esbuild ??= require('esbuild');
    code = esbuild.transformSync(source, {
      loader: 'ts',
      format: 'cjs',
      target: TARGET,
      sourcemap: 'inline',
      sourcefile: filename,
    }).code;
    try {
      fs.mkdirSync(CACHE_DIR, { recursive: true });
      fs.writeFileSync(`${cached}.${process.pid}`, code);
      fs.renameSync(`${cached}.${process.pid}`, cached); // atomic: parallel processes never read half a file
    } catch {
      // A read-only checkout still works, only slower.
    }
  }
  module._compile(code, filename);
};
