import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

import { APP_COMMAND_ARGS } from '../../../scripts/terraform-offline';

const REPO = path.resolve(__dirname, '..', '..', '..');

/**
 * Synthesizes in a fresh process, into a fresh output directory: with the app command of
 * cdktf.json, as `cdktf synth` does, or with another entry point (TypeScript) when given. The
 * function bundles go to `buildDir`, a fresh one unless given.
 */
export function synthInFreshProcess(entry?: string, buildDir = freshDir('bundles')): string {
  const outdir = freshDir('synth');
  const args = entry === undefined ? APP_COMMAND_ARGS : ['--require', './scripts/register-ts.js', entry];
  execFileSync(process.execPath, args, {
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
