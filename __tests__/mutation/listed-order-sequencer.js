// Runs the test files of a mutation run in the order the folder lists them in stryker.config.mjs
// (its testMatch), not jest's slowest-first: with ./synthesis-environment.js stopping a mutant's
// run at the first failure, the files that share one synthesis and kill most mutants go first,
// and a file that synthesizes every stack on its own runs only for the mutants they leave alive.
// Plain CommonJS: jest requires the sequencer as it is.
'use strict';
const Sequencer = require('@jest/test-sequencer').default;
const micromatch = require('micromatch');

class ListedOrderSequencer extends Sequencer {
  sort(tests) {
    const rank = (test) => {
      const index = test.context.config.testMatch.findIndex((pattern) => micromatch.isMatch(test.path, pattern));
      return index === -1 ? Number.MAX_SAFE_INTEGER : index;
    };
    return [...tests].sort((a, b) => rank(a) - rank(b) || a.path.localeCompare(b.path));
  }
}

module.exports = ListedOrderSequencer;
