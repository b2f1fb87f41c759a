// The npm scripts' way into the cdktf CLI (`npm run synth`, `synth:hcl`, `plan`, `deploy`):
// - keeps the CLI and Terraform off HashiCorp's checkpoint service (CHECKPOINT_DISABLE=1, unless
//   the caller set it), so an offline machine prints no `getaddrinfo ENOTFOUND checkpoint-api`;
// - before a synth (and plan and deploy, which synthesize JSON), removes what the other output
//   format left in each stack directory: `cdk.tf` beside a new `cdk.tf.json` (or the reverse)
//   makes Terraform read both, and fail on a duplicate backend and duplicate data sources.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const SYNTHESIZING = new Set(['synth', 'synthesize', 'plan', 'diff', 'deploy', 'apply']);

/** The stack directories under the synth output (`--output`/`-o`, else cdktf.json's, else cdktf.out). */
function stackDirectories(args, root) {
  const flag = args.findIndex((arg) => arg === '--output' || arg === '-o');
  const configured = JSON.parse(fs.readFileSync(path.join(root, 'cdktf.json'), 'utf8')).output;
  const output = path.resolve(root, flag >= 0 ? args[flag + 1] : (configured ?? 'cdktf.out'));
  const stacks = path.join(output, 'stacks');
  if (!fs.existsSync(stacks)) return [];
  return fs
    .readdirSync(stacks, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.join(stacks, entry.name));
}

/** Deletes the other format's file in every stack directory; returns the files removed. */
function clearOtherFormat(args, root) {
  if (!SYNTHESIZING.has(args[0])) return [];
  const stale = args.includes('--hcl') ? 'cdk.tf.json' : 'cdk.tf';
  return stackDirectories(args, root)
    .map((dir) => path.join(dir, stale))
    .filter((file) => fs.existsSync(file))
    .map((file) => (fs.rmSync(file), file));
}

module.exports = { clearOtherFormat };

if (require.main === module) {
  const root = path.resolve(__dirname, '..');
  const args = process.argv.slice(2);
  clearOtherFormat(args, root);
  const cli = require.resolve('cdktf-cli/bundle/bin/cdktf');
  const result = spawnSync(process.execPath, [cli, ...args], {
    cwd: root,
    stdio: 'inherit',
    env: { CHECKPOINT_DISABLE: '1', ...process.env },
  });
  process.exitCode = result.status ?? 1;
}
