/**
 * The README shows `npm run capacity`'s operation and monthly cost tables as the command prints
 * them, cell by cell (they had drifted: a row renamed, cost rows relabelled, two left out).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const printed = execFileSync(
  process.execPath,
  ['--require', './scripts/register-ts.js', 'scripts/capacity-and-cost.ts'],
  { cwd: ROOT, encoding: 'utf8' },
);
const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

/** Every markdown table in `text`, as rows of trimmed cells, without the separator rows. */
function tables(text: string): string[][][] {
  const found: string[][][] = [];
  let current: string[][] | undefined;
  for (const line of text.split('\n')) {
    if (!line.startsWith('|')) {
      current = undefined;
      continue;
    }
    const cells = line
      .slice(1, line.lastIndexOf('|'))
      .split('|')
      .map((cell) => cell.trim());
    if (cells.every((cell) => /^-+$/.test(cell))) continue;
    if (!current) found.push((current = []));
    current.push(cells);
  }
  return found;
}

test.each(['### Capacity per operation', '### Monthly cost (prod settings)'])(
  'the README holds the table the command prints under "%s"',
  (heading) => {
    expect(printed).toContain(heading);
    const [table] = tables(printed.slice(printed.indexOf(heading)));
    expect(table.length).toBeGreaterThan(3);
    expect(tables(readme)).toContainEqual(table);
  },
);
