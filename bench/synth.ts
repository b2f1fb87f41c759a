/**
 * Synthesis of all stacks as a plain node process (the app command of cdktf.json) and as
 * `cdktf synth`, against `node -e 'require("cdktf")'`, interleaved in the same run. Plus what
 * limits it: the share of the seven function bundles, sequential (as bundle.ts builds them) and
 * as one esbuild build with seven entry points.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildSync, BuildOptions } from 'esbuild';
import { zipSync } from 'fflate';
import { REPO_ROOT } from '../constructs/functions/bundle';
import { functionNames } from './bundles';
import { Figure, ratioFigure } from './figures';
import { interleaved, median, nowMs, timeProcess } from './stats';

const APP_LIMIT = 2.5;
const cdktfCli = path.join(REPO_ROOT, 'node_modules', 'cdktf-cli', 'bundle', 'bin', 'cdktf');

async function timed(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const result = await timeProcess(command, args, { cwd: REPO_ROOT, env: { ...process.env, ...env } });
  if (result.code !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}`);
  return result.wallMs;
}

const fresh = (purpose: string) => mkdtempSync(path.join(tmpdir(), `appointments-bench-${purpose}-`));

/** The options of constructs/functions/bundle.ts (kept in step by hand). */
const BUNDLE_OPTIONS: BuildOptions = {
  absWorkingDir: REPO_ROOT,
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  minify: true,
  treeShaking: true,
  sourcemap: 'external',
  sourcesContent: false,
  legalComments: 'none',
  write: false,
  logLevel: 'silent',
  external: ['@aws-sdk/*', '@middy/core'],
};

function bundlingTimes(rounds: number) {
  const names = functionNames();
  const entry = (name: string) => path.join(REPO_ROOT, 'functions', name, 'handler.ts');
  const sequential: number[] = [];
  const together: number[] = [];
  const zipping: number[] = [];
  for (let round = 0; round < rounds; round++) {
    let started = nowMs();
    const outputs = names.map(
      (name) =>
        buildSync({ ...BUNDLE_OPTIONS, entryPoints: [entry(name)], outfile: `/x/${name}/index.js` }).outputFiles,
    );
    sequential.push(nowMs() - started);
    started = nowMs();
    for (const files of outputs) {
      if (!files) continue;
      zipSync(Object.fromEntries(files.map((file) => [path.basename(file.path), file.contents])), { level: 9 });
    }
    zipping.push(nowMs() - started);
    started = nowMs();
    buildSync({
      ...BUNDLE_OPTIONS,
      entryPoints: Object.fromEntries(names.map((name) => [`${name}/index`, entry(name)])),
      outdir: '/x',
    });
    together.push(nowMs() - started);
  }
  return { sequential: median(sequential), together: median(together), zipping: median(zipping) };
}

export async function measureSynth(rounds: number): Promise<Figure[]> {
  const samples = await interleaved(
    {
      floor: () => timed(process.execPath, ['-e', 'require("cdktf")'], {}),
      app: () =>
        timed(process.execPath, ['--require', './scripts/register-ts.js', 'main.ts'], {
          CDKTF_OUTDIR: fresh('synth-out'),
          APPOINTMENTS_BUILD_DIR: fresh('synth-build'),
        }),
      cli: () =>
        timed(process.execPath, [cdktfCli, 'synth', '--output', fresh('cli-out')], {
          CHECKPOINT_DISABLE: '1',
          APPOINTMENTS_BUILD_DIR: fresh('cli-build'),
        }),
    },
    rounds,
  );
  const floor = median(samples.floor);
  const app = median(samples.app);
  const bundling = bundlingTimes(3);
  const note = `median of ${rounds}, all 4 stacks`;
  return [
    { section: 'synth', name: 'floor: node -e require("cdktf")', value: floor, unit: 'ms', verdict: 'INFO', note },
    ratioFigure(
      { section: 'synth', name: 'app process (node main.ts)', value: app, unit: 'ms', floor, note },
      APP_LIMIT,
      `limit: bundling the 7 functions one esbuild call at a time (${bundling.sequential.toFixed(0)} ms in this run; one build with 7 entry points takes ${bundling.together.toFixed(0)} ms) and zipping them at level 9 (${bundling.zipping.toFixed(0)} ms), then constructing and writing 4 stacks with 21 asset copies.`,
    ),
    {
      section: 'synth',
      name: 'cdktf synth',
      value: median(samples.cli),
      unit: 'ms',
      floor,
      ratio: median(samples.cli) / floor,
      verdict: 'INFO',
      note: `${note}; the CLI's own start-up adds ${(median(samples.cli) - app).toFixed(0)} ms to the app process`,
    },
    {
      section: 'synth',
      name: 'bundling 7 functions, one build each (as synth does)',
      value: bundling.sequential,
      unit: 'ms',
      verdict: 'INFO',
      note: `one esbuild build with 7 entry points: ${bundling.together.toFixed(0)} ms; zipping the 7 at level 9: ${bundling.zipping.toFixed(0)} ms`,
    },
  ];
}
