/**
 * Every policy of every synthesized stack, statement by statement (effect, actions, resources,
 * principals, conditions), equals the table kept in __tests__/security/expected/. Deleting or
 * renaming a condition, widening a resource or adding an action anywhere fails here, with the
 * difference printed and the command that accepts it on purpose.
 */
import { rmSync } from 'node:fs';
import { differences, synthesizedTables, UPDATE_COMMAND } from '../../scripts/policy-table/expected';
import { PolicyTable } from '../../scripts/policy-table/walk';
import { synthToTempDir } from '../../scripts/terraform-offline';

let tables: Record<string, PolicyTable>;
beforeAll(() => {
  const outdir = synthToTempDir();
  try {
    tables = synthesizedTables(outdir);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
});

test('the table covers the bootstrap stack and every environment', () => {
  expect(Object.keys(tables)).toEqual([
    'appointments-bootstrap',
    'appointments-dev',
    'appointments-prod',
    'appointments-staging',
  ]);
});

test('every synthesized policy equals the expected table', () => {
  const diffs = differences(tables);
  if (diffs.length > 0) {
    throw new Error(
      `The synthesized policies differ from __tests__/security/expected/ ` +
        `(- expected, + synthesized):\n\n${diffs.join('\n\n')}\n\n` +
        `If the change is intended, rewrite the table with \`${UPDATE_COMMAND}\` and review its diff ` +
        '(`npm run policy-table` alone prints this difference).',
    );
  }
});
