// Loads TypeScript sources through esbuild's transform (no type-check: `npm run typecheck` and
// CI do that). It keeps `cdktf synth` close to the cost of loading cdktf itself; ts-node spends
// seconds type-checking the provider's declarations on every synth.
'use strict';
const fs = require('node:fs');
const { transformSync } = require('esbuild');

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { code } = transformSync(source, {
    loader: 'ts',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    sourcefile: filename,
  });
  module._compile(code, filename);
};
