/**
 * Proves the tests see every protection: applies each removal of removals.ts, one at a time, to
 * a SEPARATE git worktree (never the shared one), runs the named jest paths there and reports
 * which test caught it. Exit 1 if any removal went unnoticed.
 *
 *   git worktree add /tmp/wt HEAD && ln -s "$PWD/node_modules" /tmp/wt/node_modules
 *   node --require ./scripts/register-ts.js __tests__/security/protection-removals/run.ts /tmp/wt [name filter]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { REMOVALS } from './removals';

const [worktree, filter] = process.argv.slice(2);
if (!worktree || !existsSync(path.join(worktree, '.git')) || statSync(path.join(worktree, '.git')).isDirectory()) {
  process.stderr.write('usage: run.ts <path of a linked git worktree (its .git is a file)> [filter]\n');
  process.exit(2);
}

let unnoticed = 0;
for (const removal of REMOVALS.filter((r) => !filter || r.name.includes(filter) || r.file.includes(filter))) {
  const file = path.join(worktree, removal.file);
  const original = readFileSync(file, 'utf8');
  const occurrences = original.split(removal.find).length - 1;
  if (occurrences !== 1) throw new Error(`${removal.file}: "${removal.find}" occurs ${occurrences} times, not once`);
  writeFileSync(file, original.replace(removal.find, removal.replace));
  try {
    const jest = spawnSync('npx', ['jest', '--ci', '--silent', ...removal.tests], {
      cwd: worktree,
      encoding: 'utf8',
      env: { ...process.env, CHECKPOINT_DISABLE: '1' },
    });
    const output = `${jest.stdout}\n${jest.stderr}`;
    const failing = [...new Set([...output.matchAll(/^\s*● (.+)$/gm)].map((m) => m[1]))];
    const suites = [...new Set([...output.matchAll(/^FAIL (\S+)/gm)].map((m) => m[1]))];
    if (jest.status === 0) unnoticed++;
    process.stdout.write(
      `${jest.status === 0 ? 'UNNOTICED' : 'caught   '} | ${removal.file} | ${removal.name} | ` +
        `${suites.join(', ') || '-'} | ${failing.slice(0, 3).join('; ')}\n`,
    );
  } finally {
    writeFileSync(file, original);
  }
}
process.exitCode = unnoticed > 0 ? 1 : 0;
