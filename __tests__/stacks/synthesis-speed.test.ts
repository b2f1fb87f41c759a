/**
 * The two shortcuts `main.ts` takes to synthesize faster (stacks/independent-stack.ts,
 * stacks/creation-stacks.ts) change nothing in what it writes: the app synthesized with cdktf's
 * own preparing pass and recorded creation stacks gives the same files, byte for byte. A
 * cross-stack reference added to the app would make the two differ (the preparing pass adds its
 * remote state), and fail here.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Lazy } from 'cdktf';
import { recordCreationStacks } from '../../stacks/creation-stacks';

const REPO = path.resolve(__dirname, '..', '..');

function synth(entry: string, buildDir: string): string {
  const outdir = mkdtempSync(path.join(tmpdir(), 'appointments-synthesis-speed-'));
  execFileSync(process.execPath, ['--require', './scripts/register-ts.js', entry], {
    cwd: REPO,
    env: { ...process.env, CDKTF_OUTDIR: outdir, APPOINTMENTS_BUILD_DIR: buildDir },
    stdio: 'pipe',
  });
  return outdir;
}

function files(dir: string): Record<string, string> {
  const found: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of readdirSync(d).sort()) {
      const full = path.join(d, entry);
      if (statSync(full).isDirectory()) walk(full);
      // JSON as text, so that a difference reads as one; archives by the hash of their bytes.
      else
        found[path.relative(dir, full)] = full.endsWith('.json')
          ? readFileSync(full, 'utf8')
          : createHash('sha256').update(readFileSync(full)).digest('hex');
    }
  };
  walk(dir);
  return found;
}

test("main.ts writes exactly what cdktf's own preparing pass and creation stacks write", () => {
  // One bundle directory for both: the functions are built once, so only synthesis differs.
  const buildDir = mkdtempSync(path.join(tmpdir(), 'appointments-synthesis-speed-bundles-'));
  const fast = files(synth('main.ts', buildDir));
  const asCdktfDoes = files(synth('__tests__/stacks/support/synth-as-cdktf-does.ts', buildDir));
  expect(Object.keys(fast).filter((f) => f.endsWith('cdk.tf.json'))).toHaveLength(4);
  expect(Object.keys(fast)).toEqual(Object.keys(asCdktfDoes));
  for (const file of Object.keys(fast))
    expect({ file, content: fast[file] }).toEqual({ file, content: asCdktfDoes[file] });
});

test('creation stacks are recorded only when asked for', () => {
  const token = () => Lazy.anyValue({ produce: () => 1 }) as unknown as { creationStack: string[] };
  try {
    recordCreationStacks(false);
    expect(token().creationStack).toEqual([]);
    recordCreationStacks(true);
    expect(token().creationStack.length).toBeGreaterThan(0);
  } finally {
    recordCreationStacks(true);
  }
});
