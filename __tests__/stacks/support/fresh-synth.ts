import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '..', '..', '..');

/**
 * Runs a synthesizing entry point (`main.ts`, as `cdktf synth` does) in a fresh process, into a
 * fresh output directory; the bundles go to `buildDir`, a fresh one unless given.
 */
export function synthInFreshProcess(entry = 'main.ts', buildDir = freshDir('bundles')): string {
  const outdir = freshDir('synth');
  execFileSync(process.execPath, ['--require', './scripts/register-ts.js', entry], {
    cwd: REPO,
    env: { ...process.env, CDKTF_OUTDIR: outdir, APPOINTMENTS_BUILD_DIR: buildDir },
    stdio: 'pipe',
  });
  return outdir;
}

export const freshDir = (purpose: string) => mkdtempSync(path.join(tmpdir(), `appointments-fresh-${purpose}-`));

/**
 * Every file of a synth output: JSON as text, so that a difference reads as one; other files
 * (the archives) by the hash of their bytes.
 */
export function outputFiles(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of readdirSync(d).sort()) {
      const full = path.join(d, entry);
      if (statSync(full).isDirectory()) walk(full);
      else
        files[path.relative(dir, full)] = full.endsWith('.json')
          ? readFileSync(full, 'utf8')
          : createHash('sha256').update(readFileSync(full)).digest('hex');
    }
  };
  walk(dir);
  return files;
}
