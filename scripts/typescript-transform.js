// The one way this repository turns its TypeScript into JavaScript outside a Lambda bundle:
// esbuild's transform, file by file, without a type-check (`npm run typecheck` and CI do that;
// tsconfig.json sets isolatedModules, so a file never needs another to be transformed). Used by
// scripts/register-ts.js (npm scripts, the bench, `npm run dev`) and by jest (jest-transform.js).
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');

let esbuild; // loaded on the first transform: a process whose files are all cached never loads it

/** The transformed code runs in the Node that loads it (the `node` devDependency under npm scripts). */
const TARGET = `node${process.versions.node.split('.')[0]}`;
/**
 * What the output depends on besides the source: this file (the options), esbuild's version and
 * the target. Part of every cache key, so that code transformed another way is never reused.
 */
const TRANSFORM_KEY = crypto
  .createHash('sha1')
  .update(fs.readFileSync(__filename))
  .update(`\0${require('esbuild/package.json').version}\0${TARGET}`)
  .digest('hex');

/**
 * `source` (TypeScript at `filename`) as CommonJS for this Node, with an inline source map. An
 * `import()` becomes a `require` as tsc's `"module": "commonjs"` makes it: Node's own import()
 * would bypass the loader that transforms TypeScript (and jest's module registry).
 */
function transformTypeScript(source, filename) {
  esbuild ??= require('esbuild');
  return esbuild.transformSync(source, {
    loader: 'ts',
    format: 'cjs',
    target: TARGET,
    sourcemap: 'inline',
    sourcefile: filename,
    supported: { 'dynamic-import': false },
  }).code;
}

module.exports = { TRANSFORM_KEY, transformTypeScript };
