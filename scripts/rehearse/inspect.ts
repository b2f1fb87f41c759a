/** Runs inspect_account.py against the emulator and returns what it read. */
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { StateConfig } from '../../config/environments';
import { EMULATOR_CREDENTIALS, Emulator } from './overrides';
import { AccountInspection } from './state-checks';

const INSPECTOR = path.join(__dirname, 'inspect_account.py');

export async function inspectAccount(emulator: Emulator, state: StateConfig): Promise<AccountInspection> {
  const { stdout } = await promisify(execFile)(
    'python3',
    [
      INSPECTOR,
      ...['--endpoint', emulator.endpoint, '--ca-bundle', emulator.caBundle],
      ...['--bucket', state.bucket, '--region', state.region],
      ...['--access-key', EMULATOR_CREDENTIALS.access_key, '--secret-key', EMULATOR_CREDENTIALS.secret_key],
    ],
    { maxBuffer: 512 * 1024 * 1024 },
  );
  return JSON.parse(stdout) as AccountInspection;
}
