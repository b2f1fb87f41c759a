/**
 * The reference page of `npm run dev` (/docs), used as a client developer would: in a real
 * Chromium, Authorize with the printed API key and staff token through the page's own dialog,
 * then "Try it out" on GET /providers/{providerId} and see 200 in the page. Every request the
 * page makes must go to the dev server; any other is refused and fails the test. Saves a
 * screenshot to the build directory, or to API_REFERENCE_SCREENSHOT when set
 * (`npm run docs:screenshot` rewrites docs/api-reference.png, the README's picture).
 */
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import type { Browser } from 'playwright-core';
import { createAppointmentsApiClient } from '../api-client/appointments-api-client';
import { DevServer, startDevServer } from '../dev/server';
import { findChromium, launchChromium } from './support/chromium';

const ROOT = path.resolve(__dirname, '..');
const SCREENSHOT = process.env.API_REFERENCE_SCREENSHOT
  ? path.resolve(ROOT, process.env.API_REFERENCE_SCREENSHOT)
  : path.join(process.env.APPOINTMENTS_BUILD_DIR ?? path.join(ROOT, '.build'), 'screenshots', 'api-reference.png');

let server: DevServer;
let browser: Browser | undefined;

beforeAll(async () => {
  browser = await launchChromium(); // first: without Chromium, fail at once with what to install
  server = await startDevServer({ port: 0, output: new PassThrough() });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

test('Authorize with the printed key and staff token, then GET /providers/{providerId} from the page answers 200', async () => {
  // Prepare: a provider to read, made through the generated client, as every e2e test calls the API.
  const client = createAppointmentsApiClient({
    baseUrl: server.url,
    apiKey: server.apiKey,
    idToken: server.staffToken,
  });
  const provider = await client.PUT('/providers/{providerId}', {
    params: { path: { providerId: 'dr-docs' } },
    body: { name: 'Dr. Docs', timeZone: 'Europe/Lisbon', weeklyHours: { MON: [{ start: '09:00', end: '17:00' }] } },
  });
  expect(provider.response.status).toBe(200);

  const context = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
  const elsewhere: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${server.url}/`) || url.startsWith('data:')) return route.continue();
    elsewhere.push(url);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));

  // Act: the page, its Authorize dialog, one request.
  await page.goto(`${server.url}/docs`);
  await page.getByRole('button', { name: 'Authorize' }).first().click();
  const dialog = page.locator('.dialog-ux .modal-ux');
  const apiKeyForm = dialog.locator('.auth-container').filter({ hasText: 'x-api-key' });
  await apiKeyForm.locator('input').fill(server.apiKey);
  await apiKeyForm.getByRole('button', { name: 'Apply credentials' }).click();
  const bearerForm = dialog.locator('.auth-container').filter({ hasText: 'bearerToken' });
  await bearerForm.locator('input').fill(server.staffToken);
  await bearerForm.getByRole('button', { name: 'Apply credentials' }).click();
  // Each form answers with a Logout button once its credential is taken.
  const logouts = dialog.locator('button', { hasText: 'Logout' });
  await logouts.nth(1).waitFor();
  expect(await logouts.count()).toBe(2);
  await dialog.getByRole('button', { name: 'Close' }).first().click();

  const operation = page.locator('[id$="-getProvider"]');
  await operation.locator('.opblock-summary').click();
  await operation.locator('input[placeholder="providerId"]').fill('dr-docs');
  const sent = page.waitForRequest((request) => request.url() === `${server.url}/providers/dr-docs`);
  await operation.getByRole('button', { name: 'Execute' }).click();
  const request = await sent;
  const status = operation.locator('.live-responses-table .response .response-col_status');
  await status.first().waitFor();

  // Assess: what was sent, what the page shows, and that nothing else was asked for.
  expect(request.headers()).toMatchObject({
    'x-api-key': server.apiKey,
    authorization: `Bearer ${server.staffToken}`,
  });
  expect((await status.first().innerText()).trim()).toBe('200');
  await expect(
    operation.locator('.live-responses-table .response .response-col_description').innerText(),
  ).resolves.toContain('"providerId": "dr-docs"');
  expect(elsewhere).toEqual([]);
  expect(problems).toEqual([]);

  mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
  await operation.scrollIntoViewIfNeeded();
  await page.screenshot({ path: SCREENSHOT });
  await context.close();
});

test('without Chromium, the browser tests fail with one sentence saying what to install', () => {
  const hint = /^Chromium was not found .*: install it with `apt-get install -y chromium`, or set CHROMIUM_PATH .*\.$/;
  expect(() => findChromium({ PATH: '/nowhere' })).toThrow(hint);
  expect(() => findChromium({ PATH: process.env.PATH, CHROMIUM_PATH: '/nowhere/chromium' })).toThrow(
    /\(CHROMIUM_PATH is \/nowhere\/chromium\)\.$/,
  );
});
