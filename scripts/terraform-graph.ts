/**
 * `npm run graph`: draws the dependency graph of the synthesized dev stack with `terraform graph`
 * and Graphviz into docs/terraform-graph.svg, so the picture is made from the real Terraform.
 * Needs terraform and Graphviz's `dot` (apt-get install graphviz); finds the provider mirror as
 * the tests do. A missing tool or a failed terraform step is one line on stderr and exit 1.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  findTerraformTooling,
  runTerraform,
  synthToTempDir,
  TerraformTooling,
  writeCliConfig,
  writeOfflineOverride,
} from './terraform-offline';

/** A failure the user can act on: printed as it is, without a stack trace. */
class GraphError extends Error {}

function drawGraph(): string {
  const tooling = findTerraformTooling();
  if ('missing' in tooling) throw new GraphError(tooling.missing);
  const tf = tooling as TerraformTooling;
  const outdir = synthToTempDir({ APPOINTMENTS_ENVIRONMENTS: 'dev' });
  const stackDir = path.join(outdir, 'stacks', 'appointments-dev');
  const cliConfig = writeCliConfig(mkdtempSync(path.join(tmpdir(), 'appointments-graph-')), tf);
  writeOfflineOverride(stackDir);
  for (const step of [['init', '-no-color', '-input=false'], ['graph']]) {
    const run = runTerraform(tf, cliConfig, stackDir, step);
    if (run.status !== 0) throw new GraphError(`terraform ${step[0]} failed:\n${run.output.trim()}`);
    if (step[0] === 'graph') {
      const dot = spawnSync('dot', ['-Tsvg', '-Grankdir=LR'], { input: run.output, maxBuffer: 64 * 1024 * 1024 });
      if (dot.error) throw new GraphError("npm run graph needs Graphviz's dot on PATH: apt-get install graphviz");
      if (dot.status !== 0) throw new GraphError(`dot failed: ${dot.stderr.toString().trim()}`);
      const target = path.resolve(__dirname, '..', 'docs', 'terraform-graph.svg');
      writeFileSync(target, dot.stdout);
      return `wrote ${path.relative(process.cwd(), target)} (${dot.stdout.length} bytes)`;
    }
  }
  throw new GraphError('terraform graph did not run');
}

try {
  console.log(drawGraph());
} catch (error) {
  if (!(error instanceof GraphError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 1;
}
