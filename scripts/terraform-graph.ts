/**
 * `npm run graph`: draws the dependency graph of the synthesized dev stack with `terraform graph`
 * and Graphviz into docs/terraform-graph.svg, so the picture is made from the real Terraform.
 * Needs terraform and Graphviz's `dot` (apt-get install graphviz); works offline with
 * TF_PROVIDER_MIRROR like the tests.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { resolveConfig } from '../config/resolve';
import {
  findTerraformTooling,
  runTerraform,
  synthToTempDir,
  TerraformTooling,
  writeCliConfig,
  writeOfflineOverride,
} from './terraform-offline';

const tooling = findTerraformTooling();
if ('missing' in tooling) throw new Error(tooling.missing);
const tf = tooling as TerraformTooling;
const outdir = synthToTempDir(resolveConfig({ APPOINTMENTS_ENVIRONMENTS: 'dev' }));
const stackDir = path.join(outdir, 'stacks', 'appointments-dev');
const cliConfig = writeCliConfig(mkdtempSync(path.join(tmpdir(), 'appointments-graph-')), tf);
writeOfflineOverride(stackDir);
const init = runTerraform(tf, cliConfig, stackDir, ['init', '-no-color', '-input=false']);
if (init.status !== 0) throw new Error(init.output);
const graph = runTerraform(tf, cliConfig, stackDir, ['graph']);
if (graph.status !== 0) throw new Error(graph.output);
const svg = execFileSync('dot', ['-Tsvg', '-Grankdir=LR'], { input: graph.output, maxBuffer: 64 * 1024 * 1024 });
const target = path.resolve(__dirname, '..', 'docs', 'terraform-graph.svg');
writeFileSync(target, svg);
console.log(`wrote ${path.relative(process.cwd(), target)} (${svg.length} bytes)`);
