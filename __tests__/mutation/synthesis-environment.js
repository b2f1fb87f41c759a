// The jest environment of the constructs/ mutation runs (stryker.config.mjs). Construct code runs
// only while a stack is synthesized, and tests synthesize once per file (in beforeAll) or take a
// synthesis another file already made, so without this Stryker sees every constructs mutant as
// "static" (covered outside any test) and runs every test for each one. This environment:
//
// - attributes what runs while a test file loads and in its beforeAll hooks to each test of that
//   file that runs after it: those tests read what that code built. A mutant then runs exactly the
//   tests that consume a synthesis reaching it. Under-attribution could only let a mutant survive,
//   never kill one: a mutant is killed only when a test fails with it active.
// - hands every test file of one jest run the same synthesis cache (__tests__/support/synth.ts),
//   emptied whenever the active mutant changes, so a mutant's stacks are synthesized once per run.
// - stops at the first failure of a mutant run (the bail jest cannot do programmatically):
//   Stryker needs one failing test to count the mutant killed; the tests after it are skipped.
//
// It is plain CommonJS because Stryker's jest runner loads the environment with require().
'use strict';
const { TestEnvironment } = require('jest-environment-node');

const ACTIVE_MUTANT = '__STRYKER_ACTIVE_MUTANT__';
/** The coverage bucket that collects what runs outside any test. Never a real test's name. */
const SHARED_SETUP = '\u0000shared setup';

/** State of one jest run, kept across its test files (node loads this module once per process). */
const run = { mutant: undefined, synthCache: new Map(), failed: false };

function addHits(into, hits) {
  for (const [id, count] of Object.entries(hits)) into[id] = (into[id] ?? 0) + count;
}

function skipAll(block) {
  block.mode = 'skip';
  for (const child of block.children) {
    if (child.type === 'describeBlock') skipAll(child);
    else child.mode = 'skip';
  }
}

class SynthesisEnvironment extends TestEnvironment {
  /** Hits of this file's load and beforeAll hooks so far, by mutant id. */
  #sharedHits = {};

  constructor(config, context) {
    super(config, context);
    const mutant = process.env[ACTIVE_MUTANT];
    if (mutant !== run.mutant) Object.assign(run, { mutant, synthCache: new Map(), failed: false });
    this.global.__synthesisCache = run.synthCache;
  }

  /** Stryker's instrumenter context in a dry run (per-test coverage), otherwise undefined. */
  get #coverageContext() {
    const context = this.global.__stryker__;
    return run.mutant === undefined && context !== undefined ? context : undefined;
  }

  #startSharedSetup() {
    const context = this.#coverageContext;
    if (context) context.currentTestId = SHARED_SETUP;
  }

  #endSharedSetup() {
    const context = this.#coverageContext;
    if (!context || context.currentTestId !== SHARED_SETUP) return;
    const perTest = context.mutantCoverage?.perTest ?? {};
    addHits(this.#sharedHits, perTest[SHARED_SETUP] ?? {});
    delete perTest[SHARED_SETUP];
    context.currentTestId = undefined;
  }

  async setup() {
    await super.setup();
    // The test file is loaded after this: its top-level code is shared setup.
    this.#startSharedSetup();
  }

  async handleTestEvent(event, state) {
    const isBeforeAll = event.hook?.type === 'beforeAll';
    switch (event.name) {
      case 'run_start':
        this.#endSharedSetup();
        if (run.failed) skipAll(state.rootDescribeBlock);
        break;
      case 'hook_start':
        if (isBeforeAll) this.#startSharedSetup();
        break;
      case 'hook_success':
      case 'hook_failure':
        if (isBeforeAll) this.#endSharedSetup();
        break;
      case 'test_start':
        if (run.failed) event.test.mode = 'skip';
        break;
      case 'test_done': {
        // Stryker's own handler runs after this one and still sees the test as current.
        const context = this.#coverageContext;
        if (context?.currentTestId !== undefined && Object.keys(this.#sharedHits).length > 0) {
          const perTest = context.mutantCoverage.perTest;
          addHits((perTest[context.currentTestId] ??= {}), this.#sharedHits);
        }
        if (run.mutant !== undefined && event.test.errors.length > 0) run.failed = true;
        break;
      }
    }
  }
}

module.exports = SynthesisEnvironment;
