/**
 * Synthesis of all stacks as a plain node process (the app command of cdktf.json) and as
 * `cdktf synth`, against `node -e 'require("cdktf")'`, interleaved in the same run: a re-synth
 * (bundles unchanged, reused from the cache) and a synth of a clean checkout (bundles built).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../constructs/functions/bundle';
import { Figure, ratioFigure } from './figures';
import { interleaved, median, timeProcess } from './stats';

const APP_LIMIT = 2.5;
/** The app command of cdktf.json (`node scripts/synth-app.js`): its arguments to Node. */
const appArgs = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'cdktf.json'), 'utf8')) as { app: string }).app
  .split(' ')
  .slice(1);
/** Where the app command keeps main.ts bundled: a clean checkout has none yet (V8's code cache of it, in .build/code-cache/, is kept as Node's compile cache is). */
const appBundleDir = path.join(REPO_ROOT, '.build', 'synth-app');
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
  await timed(process.execPath, appArgs, {
    CDKTF_OUTDIR: fresh('warm-out'),
    APPOINTMENTS_BUILD_DIR: warmBuild,
  });
  const samples = await interleaved(
    {
      floor: () => timed(process.execPath, ['-e', 'require("cdktf")'], {}),
      app: () =>
        timed(process.execPath, appArgs, {
          CDKTF_OUTDIR: fresh('synth-out'),
          APPOINTMENTS_BUILD_DIR: warmBuild,
        }),
      appClean: () => {
        rmSync(appBundleDir, { recursive: true, force: true });
        return timed(process.execPath, appArgs, {
          CDKTF_OUTDIR: fresh('synth-out'),
          APPOINTMENTS_BUILD_DIR: fresh('synth-build'),
        });
      },
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
      {
        section: 'synth',
        name: 'app command (node scripts/synth-app.js), bundles unchanged',
        value: app,
        unit: 'ms',
        floor,
        note,
      },
      APP_LIMIT,
      "limit (node --cpu-prof, which slows it by a fifth): the one resolution of the tokens of 4 stacks (~95 ms), garbage collection (~40 ms), constructing them (~30 ms), copying the 33 function zips into the stacks' assets (~27 ms), reading the bundle and V8's code cache of it (~30 ms), writing the JSON (~12 ms); cdktf's preparing pass, its second resolution and its creation stacks are skipped (stacks/app-stack.ts, stacks/creation-stacks.ts)",
    ),
    {
      section: 'synth',
      name: 'app process, clean checkout (bundles built)',
      value: appClean,
      unit: 'ms',
      floor,
      ratio: appClean / floor,
      verdict: 'INFO',
      note: `${note}; one esbuild build of the 7 functions and their zips, and of the app bundle, add ${(appClean - app).toFixed(0)} ms`,
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
