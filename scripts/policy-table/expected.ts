/**
 * The expected policy tables kept in the repository (__tests__/security/expected/<stack>.json),
 * and how the synthesized ones differ from them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { PolicyTable, policyTableOf, StackJson } from './walk';

export const EXPECTED_DIR = path.join(__dirname, '..', '..', '__tests__', 'security', 'expected');
export const UPDATE_COMMAND = 'npm run policy-table -- --update';

/** The policy table of every stack synthesized into `outdir`, by stack name. */
export function synthesizedTables(outdir: string): Record<string, PolicyTable> {
  const stacksDir = path.join(outdir, 'stacks');
  return Object.fromEntries(
    readdirSync(stacksDir)
      .sort()
      .map((stack) => {
        const json = JSON.parse(readFileSync(path.join(stacksDir, stack, 'cdk.tf.json'), 'utf8')) as StackJson;
        return [stack, policyTableOf(json)];
      }),
  );
}

export function readExpected(stack: string): string | undefined {
  const file = path.join(EXPECTED_DIR, `${stack}.json`);
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

/**
 * Stacks whose table differs from the expected one (or has none, or lost its stack), as unified
 * diffs of both sides laid out the same way, so only what changed shows.
 */
export function differences(tables: Record<string, PolicyTable>): string[] {
  const stacks = new Set([
    ...Object.keys(tables),
    ...(existsSync(EXPECTED_DIR) ? readdirSync(EXPECTED_DIR) : [])
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.slice(0, -'.json'.length)),
  ]);
  const canonical = (table: unknown) => (table === undefined ? '' : JSON.stringify(table, null, 2));
  return [...stacks].sort().flatMap((stack) => {
    const text = readExpected(stack);
    const expected = text === undefined ? undefined : (JSON.parse(text) as unknown);
    if (isDeepStrictEqual(expected, tables[stack])) return [];
    const diff = lineDiff(canonical(expected), canonical(tables[stack]));
    return [`--- expected/${stack}.json\n+++ synthesized ${stack}\n${diff}`];
  });
}

/** A unified-style diff with three lines of context (longest common subsequence of lines). */
export function lineDiff(before: string, after: string, context = 3): string {
  const a = before.split('\n');
  const b = after.split('\n');
  // lengths[i][j]: longest common subsequence of a[i..] and b[j..]
  const lengths = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i][j] = a[i] === b[j] ? lengths[i + 1][j + 1] + 1 : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
    }
  }
  const lines: { mark: ' ' | '-' | '+'; text: string; line: number }[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) lines.push({ mark: ' ', text: a[i++], line: j++ });
    else if (j < b.length && (i === a.length || lengths[i][j + 1] >= lengths[i + 1][j]))
      lines.push({ mark: '+', text: b[j], line: j++ });
    else lines.push({ mark: '-', text: a[i++], line: j });
  }
  const near = (k: number) => lines.slice(Math.max(0, k - context), k + context + 1).some((l) => l.mark !== ' ');
  // Each hunk is headed by the table entry it falls in: the last top-level key above it.
  const entryAbove = (k: number) =>
    lines
      .slice(0, k + 1)
      .reverse()
      .find((l) => /^ {2}"[^"]+": /.test(l.text))
      ?.text.trim()
      .replace(/: .*$/, '');
  const out: string[] = [];
  let inHunk = false;
  lines.forEach((l, k) => {
    if (near(k)) {
      if (!inHunk) out.push(`@@ line ${l.line + 1}${entryAbove(k) ? ` in ${entryAbove(k)}` : ''} @@`);
      out.push(`${l.mark} ${l.text}`);
      inHunk = true;
    } else inHunk = false;
  });
  return out.join('\n');
}
