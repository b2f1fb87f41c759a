// The npm scripts' way into the cdktf CLI (`npm run synth`, `synth:hcl`, `plan`, `deploy`):
// - keeps the CLI and Terraform off HashiCorp's checkpoint service (CHECKPOINT_DISABLE=1, unless
//   the caller set it), so an offline machine prints no `getaddrinfo ENOTFOUND checkpoint-api`;
// - reads a TF_CLI_CONFIG_FILE that names no file as the empty configuration it amounts to
//   (/dev/null): else each terraform the CLI starts prints "Unable to open CLI configuration
//   file", which the CLI logs as an ERROR (8 of them in a synth);
// - before a synth (and plan and deploy, which synthesize JSON), removes what the other output
//   format left in each stack directory: `cdk.tf` beside a new `cdk.tf.json` (or the reverse)
//   makes Terraform read both, and fail on a duplicate backend and duplicate data sources;
// - after `synth --hcl`, writes the references in `depends_on` and `ignore_changes` bare: the CLI
//   renders them as strings (`depends_on = ["aws_iam_role.x"]`), the form of Terraform 0.11,
//   which `terraform validate` answers with one "Quoted references are deprecated" warning each
//   (254 over the four stacks).
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
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

/** The lists whose entries are references (resources, or a resource's attributes), not strings. */
const REFERENCE_LISTS = /^(\s*)(depends_on|ignore_changes) = \[\n((?:\s*"[A-Za-z_][\w.-]*",\n)*)(\s*)\]$/gm;

/** `text` (HCL) with the quotes taken off the entries of every `depends_on` and `ignore_changes` list. */
function unquoteReferences(text) {
  return text.replace(
    REFERENCE_LISTS,
    (_, indent, name, entries, closing) =>
      `${indent}${name} = [\n${entries.replace(/"([A-Za-z_][\w.-]*)",/g, '$1,')}${closing}]`,
  );
}

/** Rewrites the `cdk.tf` of every stack directory after `synth --hcl`; returns the files changed. */
function unquoteHclReferences(args, root) {
  if (!SYNTHESIZING.has(args[0]) || !args.includes('--hcl')) return [];
  return stackDirectories(args, root)
    .map((dir) => path.join(dir, 'cdk.tf'))
    .filter((file) => fs.existsSync(file))
    .filter((file) => {
      const text = fs.readFileSync(file, 'utf8');
      const fixed = unquoteReferences(text);
      if (fixed !== text) fs.writeFileSync(file, fixed);
      return fixed !== text;
    });
}

/** The environment the CLI runs in: `env` with CHECKPOINT_DISABLE set and a missing CLI configuration made empty. */
function cliEnvironment(env) {
  const result = { CHECKPOINT_DISABLE: '1', ...env };
  if (result.TF_CLI_CONFIG_FILE && !fs.existsSync(result.TF_CLI_CONFIG_FILE)) result.TF_CLI_CONFIG_FILE = os.devNull;
  return result;
}

module.exports = { clearOtherFormat, cliEnvironment, unquoteReferences, unquoteHclReferences };

if (require.main === module) {
  const root = path.resolve(__dirname, '..');
  const args = process.argv.slice(2);
  clearOtherFormat(args, root);
  const cli = require.resolve('cdktf-cli/bundle/bin/cdktf');
  const result = spawnSync(process.execPath, [cli, ...args], {
    cwd: root,
    stdio: 'inherit',
    env: cliEnvironment(process.env),
  });
  if (result.status === 0) unquoteHclReferences(args, root);
  process.exitCode = result.status ?? 1;
}
