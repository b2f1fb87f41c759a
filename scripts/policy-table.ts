/**
 * Every policy of every stack, statement by statement, against the table kept in
 * __tests__/security/expected/ (which __tests__/security/policy-table.test.ts also checks).
 *
 *   npm run policy-table               shows how the synthesized policies differ; exit 1 if they do
 *   npm run policy-table -- --update   rewrites the expected tables on purpose (review the diff)
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as prettier from 'prettier';
import { differences, EXPECTED_DIR, synthesizedTables, UPDATE_COMMAND } from './policy-table/expected';
import { PolicyTable } from './policy-table/walk';
import { synthToTempDir } from './terraform-offline';

/** The table as the repository keeps it: JSON laid out by the project's Prettier settings. */
async function render(table: PolicyTable): Promise<string> {
  const options = await prettier.resolveConfig(path.join(EXPECTED_DIR, 'table.json'));
  return prettier.format(JSON.stringify(table), { ...options, parser: 'json' });
}

/** Writes one file per stack and removes the files of stacks no longer synthesized. */
async function writeExpected(tables: Record<string, PolicyTable>): Promise<string[]> {
  mkdirSync(EXPECTED_DIR, { recursive: true });
  for (const file of readdirSync(EXPECTED_DIR)) {
    if (file.endsWith('.json') && !tables[file.slice(0, -'.json'.length)]) rmSync(path.join(EXPECTED_DIR, file));
  }
  const written: string[] = [];
  for (const [stack, table] of Object.entries(tables)) {
    const file = path.join(EXPECTED_DIR, `${stack}.json`);
    writeFileSync(file, await render(table));
    written.push(file);
  }
  return written;
}

async function main(update: boolean): Promise<void> {
  // Every environment, whatever APPOINTMENTS_ENVIRONMENTS says: the table covers them all.
  const outdir = synthToTempDir();
  try {
    const tables = synthesizedTables(outdir);
    if (update) {
      for (const file of await writeExpected(tables)) console.log(`wrote ${file}`);
      return;
    }
    const diffs = differences(tables);
    if (diffs.length > 0) {
      console.log(diffs.join('\n\n'));
      console.log(`\nThe policies differ from the expected table. If that is intended: ${UPDATE_COMMAND}`);
      process.exitCode = 1;
    } else {
      console.log(`policies match the expected table (${Object.keys(tables).join(', ')})`);
    }
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

void main(process.argv.includes('--update'));
