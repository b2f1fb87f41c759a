/**
 * Slow end-to-end tests that wait on real time (a reminder firing minutes after booking) or need a
 * browser (the reference page in Debian's Chromium). Not in `npm test`; CI runs them with
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
