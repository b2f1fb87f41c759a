// Jest's transformer for the tests and what they load: typescript-transform.js, the same esbuild
// transform the npm scripts use. Jest caches its output by the key below, so a warm run
// transforms nothing.
'use strict';
const crypto = require('node:crypto');
const { TRANSFORM_KEY, transformTypeScript } = require('./typescript-transform');

module.exports = {
  process(source, filename) {
    return { code: transformTypeScript(source, filename) };
  },
  getCacheKey(source, filename) {
    return crypto.createHash('sha1').update(`${TRANSFORM_KEY}\0${filename}\0`).update(source).digest('hex');
  },
};
