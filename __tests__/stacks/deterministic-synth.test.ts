import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '..', '..');

/** Runs the app exactly as `cdktf synth` does, in a fresh process, bundling into a fresh directory. */
function synthInFreshProcess(): string {
  const outdir = mkdtempSync(path.join(tmpdir(), 'appointments-determinism-'));
  const buildDir = mkdtempSync(path.join(tmpdir(), 'appointments-bundles-'));
  execFileSync(process.execPath, ['--require', './scripts/register-ts.js', 'main.ts'], {
    cwd: REPO,
    env: { ...process.env, CDKTF_OUTDIR: outdir, APPOINTMENTS_BUILD_DIR: buildDir },
    stdio: 'pipe',
  });
  return outdir;
}

/** Every file of a synth output with the hash of its bytes. */
function fingerprint(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of readdirSync(d).sort()) {
      const full = path.join(d, entry);
      if (statSync(full).isDirectory()) walk(full);
      else files[path.relative(dir, full)] = createHash('sha256').update(readFileSync(full)).digest('hex');
    }
  };
  walk(dir);
  return files;
}

test('two synths in fresh processes give byte-identical output, asset archives included', () => {
  // Each run rebundles every function from scratch; zips carry fixed timestamps and modes.
  const first = fingerprint(synthInFreshProcess());
  const second = fingerprint(synthInFreshProcess());
  expect(Object.keys(first).filter((f) => f.endsWith('.zip'))).toHaveLength(11 * 3);
  expect(second).toEqual(first);
});
