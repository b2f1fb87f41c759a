/**
 * Debian's Chromium, driven by playwright-core, for the tests that look at a page as a person
 * would. Headless, without the sandbox (CI runs as root), and with everything that makes Chromium
 * call home switched off: the only traffic is what the page under test asks for.
 */
import { accessSync, constants } from 'node:fs';
import * as path from 'node:path';
import { Browser, chromium } from 'playwright-core';

const INSTALL_HINT =
  'Chromium was not found (CHROMIUM_PATH, else `chromium` on PATH): install it with `apt-get install -y chromium`, or set CHROMIUM_PATH to a Chromium binary';

/** CHROMIUM_PATH, else `chromium` on the PATH; throws the install hint when neither is there. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const candidates = env.CHROMIUM_PATH
    ? [env.CHROMIUM_PATH]
    : (env.PATH ?? '').split(path.delimiter).map((dir) => path.join(dir, 'chromium'));
  const found = candidates.find((file) => {
    try {
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
  if (!found) throw new Error(`${INSTALL_HINT}${env.CHROMIUM_PATH ? ` (CHROMIUM_PATH is ${env.CHROMIUM_PATH})` : ''}.`);
  return found;
}

/** Flags that stop Chromium reaching out on its own (updates, sync, metrics, safe browsing, first-run pages). */
export const NO_BACKGROUND_NETWORK = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-domain-reliability',
  '--disable-client-side-phishing-detection',
  '--disable-breakpad',
  '--no-first-run',
  '--no-default-browser-check',
  '--no-pings',
  '--metrics-recording-only',
];

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: findChromium(),
    headless: true,
    chromiumSandbox: false,
    args: ['--headless', '--no-sandbox', ...NO_BACKGROUND_NETWORK],
  });
