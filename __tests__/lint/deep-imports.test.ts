/** The lint rule that keeps synthesis fast: the provider is imported resource by resource. */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '..', '..');

function lint(source: string): { status: number | null; output: string } {
  const run = spawnSync(
    process.execPath,
    [
      path.join(REPO, 'node_modules', 'eslint', 'bin', 'eslint.js'),
      '--stdin',
      '--stdin-filename',
      'constructs/probe.ts',
    ],
    {
      cwd: REPO,
      input: source,
      encoding: 'utf8',
    },
  );
  return { status: run.status, output: run.stdout + run.stderr };
}

test('importing the package root of @cdktf/provider-aws is an error that says what to do', () => {
  const result = lint("import { s3Bucket } from '@cdktf/provider-aws';\nexport const probe = s3Bucket;\n");
  expect(result.status).toBe(1);
  expect(result.output).toContain("Import the resource's own module (@cdktf/provider-aws/lib/<resource>)");
});

test('importing the lib index is an error too', () => {
  expect(lint("import * as aws from '@cdktf/provider-aws/lib';\nexport const probe = aws;\n").status).toBe(1);
});

test('a deep import of one resource passes', () => {
  const result = lint(
    "import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';\nexport const probe = S3Bucket;\n",
  );
  expect(result.output.trim()).toBe('');
  expect(result.status).toBe(0);
});
