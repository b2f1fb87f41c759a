/**
 * `npm run rehearse`: deploys every stack to an emulated AWS account (moto) and back, the way a
 * user would: apply, inspect state, plan again, change a setting, contend for the lock, destroy.
 * It works on a fresh synth in a temporary directory; the repository and cdktf.out are untouched.
 */
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { resolveConfig } from '../../config/resolve';
import { findTerraformTooling, synthToTempDir, writeCliConfig } from '../terraform-offline';
import { emulatorMissing, RunningEmulator, startEmulator } from './emulator';
import { loadGaps } from './gaps';
import { inspectAccount } from './inspect';
import { ServiceRehearsal } from './service-rehearsal';
import { StepFailure, StepRunner } from './steps';
import { stackDirectories } from './workspace';

async function main(): Promise<number> {
  const missing = emulatorMissing();
  const tooling = findTerraformTooling();
  if (missing || 'missing' in tooling) {
    process.stderr.write(`Cannot rehearse a deploy: ${missing ?? ('missing' in tooling ? tooling.missing : '')}\n`);
    return 1;
  }
  const workspace = mkdtempSync(path.join(tmpdir(), 'appointments-rehearsal-'));
  // Its own bundle cache: a rehearsal never races a synth or a test run over .build.
  process.env.APPOINTMENTS_BUILD_DIR = path.join(workspace, 'build');
  const config = resolveConfig({});
  const gaps = loadGaps();
  const runner = new StepRunner();
  process.stdout.write(`Rehearsal workspace: ${workspace}\n`);

  let emulator: RunningEmulator | undefined;
  let synthDir: string | undefined;
  let code = 1;
  try {
    await runner.step('start moto', async () => {
      emulator = await startEmulator(
        workspace,
        config.state.accountId,
        createWriteStream(path.join(workspace, 'moto.log')),
      );
      return `${emulator.endpoint} (log: ${path.join(workspace, 'moto.log')})`;
    });
    const running = emulator as RunningEmulator;
    let stacksDir = '';
    await runner.step('synthesize every stack into the workspace', async () => {
      synthDir = synthToTempDir(); // no variables, as `config` above
      stacksDir = path.join(synthDir, 'stacks');
      return stacksDir;
    });
    const stacks = stackDirectories(stacksDir, tooling, writeCliConfig(workspace, tooling));
    const rehearsal = new ServiceRehearsal(stacks, running, config, gaps, () => inspectAccount(running, config.state));
    await rehearsal.run(runner);
    code = 0;
  } catch (error) {
    if (!(error instanceof StepFailure)) {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    }
  } finally {
    emulator?.stop();
    process.stdout.write(`\n${runner.summary()}\n`);
  }
  if (code === 0 && !process.env.REHEARSAL_KEEP) {
    for (const dir of [workspace, synthDir]) if (dir) rmSync(dir, { recursive: true, force: true });
  } else {
    process.stdout.write(
      `Kept for inspection (terraform.log in each stack, moto.log): ${workspace} ${synthDir ?? ''}\n`,
    );
  }
  return code;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  },
);
