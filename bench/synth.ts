/**
 * Synthesis of all stacks as a plain node process (the app command of cdktf.json) and as
 * `cdktf synth`, against `node -e 'require("cdktf")'`, interleaved in the same run: a re-synth
 * (bundles unchanged, reused from the cache) and a synth of a clean checkout (bundles built).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../constructs/functions/bundle';
import { Figure, ratioFigure } from './figures';
import { interleaved, median, timeProcess } from './stats';

const APP_LIMIT = 2.5;
const cdktfCli = path.join(REPO_ROOT, 'node_modules', 'cdktf-cli', 'bundle', 'bin', 'cdktf');

async function timed(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const result = await timeProcess(command, args, { cwd: REPO_ROOT, env: { ...process.env, ...env } });
  if (result.code !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}`);
  return result.wallMs;
}

const fresh = (purpose: string) => mkdtempSync(path.join(tmpdir(), `appointments-bench-${purpose}-`));

export async function measureSynth(rounds: number): Promise<Figure[]> {
  // A warm bundle cache, as on a developer's machine after the first synth of a checkout.
  const warmBuild = fresh('warm-build');
  await timed(process.execPath, ['--require', './scripts/register-ts.js', 'main.ts'], {
    CDKTF_OUTDIR: fresh('warm-out'),
    APPOINTMENTS_BUILD_DIR: warmBuild,
  });
  const samples = await interleaved(
    {
      floor: () => timed(process.execPath, ['-e', 'require("cdktf")'], {}),
      app: () =>
        timed(process.execPath, ['--require', './scripts/register-ts.js', 'main.ts'], {
          CDKTF_OUTDIR: fresh('synth-out'),
          APPOINTMENTS_BUILD_DIR: warmBuild,
        }),
      appClean: () =>
        timed(process.execPath, ['--require', './scripts/register-ts.js', 'main.ts'], {
          CDKTF_OUTDIR: fresh('synth-out'),
          APPOINTMENTS_BUILD_DIR: fresh('synth-build'),
        }),
      cli: () =>
        timed(process.execPath, [cdktfCli, 'synth', '--output', fresh('cli-out')], {
          CHECKPOINT_DISABLE: '1',
          APPOINTMENTS_BUILD_DIR: warmBuild,
        }),
    },
    rounds,
  );
  const floor = median(samples.floor);
  const app = median(samples.app);
  const appClean = median(samples.appClean);
  const cli = median(samples.cli);
  const note = `median of ${rounds}, all 4 stacks`;
  return [
    { section: 'synth', name: 'floor: node -e require("cdktf")', value: floor, unit: 'ms', verdict: 'INFO', note },
    ratioFigure(
      { section: 'synth', name: 'app process (node main.ts), bundles unchanged', value: app, unit: 'ms', floor, note },
      APP_LIMIT,
      'limit (profiled with --cpu-prof): loading cdktf, 57 provider resource modules and the app (~190 ms, require("cdktf") being the floor), the one resolution of every token of 4 stacks (~135 ms), the policy aspect resolving the resources it checks (~60 ms), constructing the stacks (~70 ms) and garbage collection (~55 ms); cdktf\'s preparing pass and its creation stacks are already skipped (stacks/independent-stack.ts, stacks/creation-stacks.ts)',
    ),
    {
      section: 'synth',
      name: 'app process, clean checkout (bundles built)',
      value: appClean,
      unit: 'ms',
      floor,
      ratio: appClean / floor,
      verdict: 'INFO',
      note: `${note}; one esbuild build of the 7 functions and their zips add ${(appClean - app).toFixed(0)} ms`,
    },
    {
      section: 'synth',
      name: 'cdktf synth, bundles unchanged',
      value: cli,
      unit: 'ms',
      floor,
      ratio: cli / floor,
      verdict: 'INFO',
      note: `${note}; the CLI's own start-up adds ${(cli - app).toFixed(0)} ms to the app process`,
    },
  ];
}
