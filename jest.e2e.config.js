/**
 * End-to-end tests against `npm run dev`'s server: a client session through the generated API
 * client (seconds), one that waits on real time (a reminder firing minutes after booking), and
 * the reference page in a real browser (Debian's Chromium). Not in `npm test`; CI runs them with
 * `npm run test:e2e`.
 */
const base = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  roots: ['<rootDir>/e2e'],
  setupFilesAfterEnv: [],
  globalSetup: undefined,
  globalTeardown: undefined,
  testTimeout: 10 * 60_000,
};
