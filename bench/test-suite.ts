/**
 * `npm test` once, as a child process: wall time and peak memory of the whole process tree
 * (jest, its workers, DynamoDB Local, terraform), polled from /proc; /usr/bin/time's "maximum
 * resident set size" covers one process only. The memory the tree holds is the sum of each
 * process's PSS (proportional set size: a page shared by n processes counts 1/n in each), so the
 * Node binary mapped by five processes counts once; the sum of RSS, which counts it five times,
 * is shown beside it.
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

/** A process's PSS in bytes (smaps_rollup), or its RSS where the kernel has no smaps_rollup. */
function pssOf(pid: string, rssBytes: number): number {
  try {
    const pss = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return pss ? Number(pss[1]) * 1024 : rssBytes;
  } catch {
    return rssBytes;
  }
}

/** The memory of `root` and every descendant, in bytes, from /proc: summed PSS, and summed RSS. */
function treeMemory(root: number): { pss: number; rss: number } {
  const parents = new Map<number, number[]>();
  const stats = new Map<number, string[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const pid = Number(entry);
      const ppid = Number(fields[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), pid]);
      stats.set(pid, fields);
    } catch {
      // the process ended while we looked
    }
  }
  let pss = 0;
  let rss = 0;
  for (const pid of childrenOf(root, parents)) {
    const fields = stats.get(pid);
    if (!fields) continue;
    const rssBytes = Number(fields[21]) * 4096;
    rss += rssBytes;
    pss += pssOf(String(pid), rssBytes);
  }
  return { pss, rss };
}

/** The suite's targets (issue 15): its time on a quiet two-core machine, and the whole tree's memory. */
const WALL_TARGET_SECONDS = 120;
const PEAK_TARGET_MB = 1536;

export async function measureTestSuite(): Promise<Figure[]> {
  if (!existsSync('/proc/self/stat')) return [];
  const jest = path.join(REPO_ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
  const started = nowMs();
  let peak = 0;
  let peakRss = 0;
  const run = timeProcess(process.execPath, [jest, '--silent'], { cwd: REPO_ROOT, env: process.env });
  // The child's pid is not exposed by timeProcess: poll the tree under this process (which
  // itself is left out) instead.
  const timer = setInterval(() => {
    const { pss, rss } = treeMemory(process.pid);
    peak = Math.max(peak, pss);
    peakRss = Math.max(peakRss, rss);
  }, 250);
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
      note: 'sum of PSS: jest, 2 workers, DynamoDB Local, terraform, esbuild',
    },
    {
      section: 'npm test',
      name: 'peak memory (process tree, sum of RSS)',
      value: peakRss / 2 ** 20,
      unit: 'MB',
      verdict: 'INFO',
      note: 'counts a page shared by n processes n times (the Node binary, the provider when two run)',
    },
  ];
}
