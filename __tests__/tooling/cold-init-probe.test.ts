/**
 * The bench's cold-init probe times the path it says it times: each function, in its deployed
 * environment, gets past identity and its dependencies and answers the expected refusal. Before
 * this test the probe had drifted unseen: the API functions answered 401 (no authorizer context)
 * and create-appointment a 500 (a variable the registry had gained), and the bench timed those.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { externalVariant, functionNames, probeColdInit, startStubDynamoDb } from '../../bench/bundles';
import { REPO_ROOT } from '../../constructs/functions/bundle';

const nodeModules = path.join(REPO_ROOT, 'node_modules');
let root: string;
let stub: Server;
let stubPort: number;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'cold-init-probe-'));
  stub = await startStubDynamoDb();
  stubPort = (stub.address() as AddressInfo).port;
});
afterAll(() => stub.close());

describe('bench cold-init probe', () => {
  it.each(functionNames())('%s answers the expected refusal in its deployed environment', async (name) => {
    const bundle = path.join(externalVariant(name, root).dir, 'index.js');
    await expect(probeColdInit(bundle, name, stubPort, nodeModules)).resolves.toBeGreaterThan(0);
  });

  it('fails, quoting the answer, when a function answers something else (a 500 for a missing variable)', async () => {
    const bundle = path.join(externalVariant('create-appointment', root).dir, 'index.js');
    await expect(
      probeColdInit(bundle, 'create-appointment', stubPort, nodeModules, { MAX_OPEN_BOOKINGS_PER_CUSTOMER: '' }),
    ).rejects.toThrow(/create-appointment: unexpected answer to the probe's event: \{"statusCode":500/);
  });

  it('fails when the module has no handler to answer', async () => {
    const empty = path.join(root, 'no-handler.js');
    writeFileSync(empty, 'module.exports = {};');
    await expect(probeColdInit(empty, 'get-appointment', stubPort, nodeModules)).rejects.toThrow(
      /cold init of .* failed/,
    );
  });
});
