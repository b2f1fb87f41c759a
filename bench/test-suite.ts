/**
 * `npm test` once, as a child process: wall time and peak memory. Peak memory is the largest
 * sum of RSS over the whole process tree (jest, its workers, DynamoDB Local, terraform), polled
 * from /proc; /usr/bin/time's "maximum resident set size" covers one process only.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../constructs/functions/bundle';
import { Figure } from './figures';
import { nowMs, timeProcess } from './stats';

function childrenOf(pid: number, table: Map<number, number[]>): number[] {
  const all: number[] = [];
  for (const child of table.get(pid) ?? []) all.push(child, ...childrenOf(child, table));
  return all;
}

/** RSS in bytes of `root` and every descendant, from /proc. */
function treeRss(root: number): number {
  const parents = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const pid = Number(entry);
      const ppid = Number(fields[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), pid]);
      rss.set(pid, Number(fields[21]) * 4096);
    } catch {
      // the process ended while we looked
    }
  }
  return [root, ...childrenOf(root, parents)].reduce((sum, pid) => sum + (rss.get(pid) ?? 0), 0);
}

/** The suite's targets (issue 15): its time on a quiet two-core machine, and the whole tree's memory. */
const WALL_TARGET_SECONDS = 120;
const PEAK_TARGET_MB = 1536;

export async function measureTestSuite(): Promise<Figure[]> {
  if (!existsSync('/proc/self/stat')) return [];
  const jest = path.join(REPO_ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
  const started = nowMs();
  let peak = 0;
  const run = timeProcess(process.execPath, [jest, '--silent'], { cwd: REPO_ROOT, env: process.env });
  // The child's pid is not exposed by timeProcess: poll the tree under this process instead.
  const timer = setInterval(() => (peak = Math.max(peak, treeRss(process.pid) - process.memoryUsage().rss)), 250);
  const result = await run;
  clearInterval(timer);
  const wallMs = nowMs() - started;
  const summary = /Tests:\s+(.*)/.exec(result.stderr)?.[1] ?? 'no summary';
  return [
    {
      section: 'npm test',
      name: 'wall time',
      value: wallMs / 1000,
      unit: 's',
      target: `<= ${WALL_TARGET_SECONDS} s on a quiet machine`,
      verdict: result.code === 0 && wallMs / 1000 <= WALL_TARGET_SECONDS ? 'PASS' : 'MISS',
      note: `${summary}${result.code === 0 ? '' : ` (exit ${result.code})`}; TF_PROVIDER_MIRROR ${process.env.TF_PROVIDER_MIRROR ? 'set' : 'unset'}`,
    },
    {
      section: 'npm test',
      name: 'peak memory (process tree)',
      value: peak / 2 ** 20,
      unit: 'MB',
      target: `<= ${PEAK_TARGET_MB} MB`,
      verdict: peak / 2 ** 20 <= PEAK_TARGET_MB ? 'PASS' : 'MISS',
      note: 'jest, 2 workers, DynamoDB Local, terraform, esbuild',
    },
  ];
}
