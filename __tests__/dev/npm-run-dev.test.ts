/**
 * The command itself, as the README's curl session starts it: `npm run dev`'s entry point in its
 * own process, read from its standard output (the API key, `listening on`, `staff token:`), then
 * spoken to with what it printed. Stopped with SIGTERM, as Ctrl-C would.
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
let child: ChildProcess;
const printed: Record<string, string> = {};

beforeAll(async () => {
  child = spawn(process.execPath, ['--require', './scripts/register-ts.js', 'dev/server.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', API_KEY: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.resume();
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`npm run dev exited (${code}) before listening:\n${output}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      for (const [name, pattern] of [
        ['apiKey', /^API key \(set API_KEY to choose one\): (\S+)$/m],
        ['url', /listening on (http:\/\/127\.0\.0\.1:\d+)$/m],
        ['staffToken', /^staff token: (\S+)$/m],
        ['referencePage', /^API reference \(Authorize with the key and token printed here\): (\S+)$/m],
      ] as const) {
        const match = pattern.exec(output);
        if (match) printed[name] = match[1];
      }
      if (printed.url) resolve();
    });
  });
});

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
});

const get = (headers: Record<string, string>) =>
  fetch(`${printed.url}/appointments?providerId=dr-lee`, { headers }).then((r) => r.status);

it('prints the staff token of tenant demo before it listens, and the printed token and key are accepted', async () => {
  expect(printed.staffToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  const claims = JSON.parse(Buffer.from(printed.staffToken.split('.')[1], 'base64url').toString('utf8'));
  expect(claims).toMatchObject({
    iss: printed.url,
    aud: 'appointments-local-client',
    token_use: 'id',
    'cognito:groups': ['staff'],
    'custom:tenant_id': 'demo',
  });
  expect(await get({ 'x-api-key': printed.apiKey, authorization: `Bearer ${printed.staffToken}` })).toBe(200);
  expect(await get({ 'x-api-key': printed.apiKey })).toBe(401);
});

it('prints the URL of the API reference page, which it serves', async () => {
  expect(printed.referencePage).toBe(`${printed.url}/docs`);
  const page = await fetch(printed.referencePage);
  expect([page.status, page.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
});

it('issues more tokens at POST /dev/tokens with the printed key', async () => {
  const response = await fetch(`${printed.url}/dev/tokens`, {
    method: 'POST',
    headers: { 'x-api-key': printed.apiKey, 'content-type': 'application/json' },
    body: JSON.stringify({ tenantId: 'clinic-a', role: 'provider', subject: 'u-1', providerId: 'dr-lee' }),
  });
  expect(response.status).toBe(201);
  const { token } = (await response.json()) as { token: string };
  expect(await get({ 'x-api-key': printed.apiKey, authorization: `Bearer ${token}` })).toBe(200);
});
