/**
 * `npm run terraform -- <stack> <terraform arguments>`: plain Terraform in a synthesized stack's
 * directory (cdktf.out/stacks/<stack>), with the provider mirror found as the tests find it
 * (TF_PROVIDER_MIRROR, Terraform's implied mirrors, then a search of the filesystem) and the
 * checkpoint call off. For inspecting deployed state: `npm run terraform -- appointments-dev init`,
 * then `... state list`, `... state show <address>`, `... output`. Uses your AWS credentials
 * (the state is in S3), unlike the tests' offline runs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { findTerraformTooling, NO_MIRROR_ADVICE, writeCliConfig } from './terraform-offline';

const [stack, ...args] = process.argv.slice(2);
const stackDir = path.resolve(__dirname, '..', 'cdktf.out', 'stacks', stack ?? '');
if (!stack || !existsSync(path.join(stackDir, 'cdk.tf.json'))) {
  process.stderr.write(
    `usage: npm run terraform -- <stack> <arguments>; ${stack ? `no synthesized stack ${stack}: run npm run synth first` : 'name a stack, like appointments-dev'}\n`,
  );
  process.exit(2);
}
const tooling = findTerraformTooling();
if ('missing' in tooling) {
  process.stderr.write(`${tooling.missing}\n`);
  process.exit(1);
}
if (!tooling.mirror)
  process.stderr.write(`no provider mirror found; terraform will download (offline: ${NO_MIRROR_ADVICE})\n`);
const configDir = path.join(homedir(), '.cache', 'appointments-terraform');
mkdirSync(configDir, { recursive: true });
const result = spawnSync(tooling.terraform, args, {
  cwd: stackDir,
  stdio: 'inherit',
  env: { ...process.env, TF_CLI_CONFIG_FILE: writeCliConfig(configDir, tooling), CHECKPOINT_DISABLE: '1' },
});
process.exitCode = result.status ?? 1;
