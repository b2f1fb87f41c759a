// Loads TypeScript sources through esbuild's transform (typescript-transform.js: no type-check).
// It keeps `npm run` scripts close to the cost of loading what they use; ts-node spent seconds
// type-checking the provider's declarations on every synth. Transformed files are cached under
// .build/ts-cache by content, so an unchanged file is not transformed again.
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
const { TRANSFORM_KEY, transformTypeScript } = require('./typescript-transform');

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const key = crypto.createHash('sha1').update(`${TRANSFORM_KEY}\0${filename}\0`).update(source).digest('hex');
  const cached = path.join(CACHE_DIR, `${key}.js`);
  let code;
  try {
    code = fs.readFileSync(cached, 'utf8');
  } catch {
    code = transformTypeScript(source, filename);
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
