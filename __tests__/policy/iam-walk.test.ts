/**
 * Walks every policy of every synthesized stack: no wildcard action in an Allow, no Allow by exclusion,
 * `Resource: "*"` only where the allow-list below says why, and no iam:PassRole without
 * iam:PassedToService.
 */
import { rmSync } from 'node:fs';
import { synthesizedTables } from '../../scripts/policy-table/expected';
import { PolicyStatement } from '../../scripts/policy-table/statements';
import { synthToTempDir } from '../../scripts/terraform-offline';

/** Statements allowed `Resource: "*"`, each with the reason. */
const RESOURCE_WILDCARD_ALLOWED: Record<string, string> = {
  SendTraces: 'X-Ray PutTraceSegments and PutTelemetryRecords take no resource ARN',
  ListTableStreams: 'dynamodb:ListStreams has no resource type: IAM authorises it only on "*"',
  DenyInsecureTransport: 'a Deny: it narrows, never grants',
};
/** In a key policy, "*" means the key itself. */
const isKeyPolicy = (holder: string) => holder.startsWith('aws_kms_key ');

// Every policy the policy table reads: role, trust, key, topic, queue and bucket policies, from
// data sources or JSON strings alike, with their conditions.
const outdir = synthToTempDir();
const tables = synthesizedTables(outdir);
rmSync(outdir, { recursive: true, force: true });
const isStatementList = (value: unknown): value is PolicyStatement[] =>
  Array.isArray(value) && value.every((s) => typeof s === 'object' && s !== null && 'effect' in s);
const documents = Object.entries(tables).flatMap(([stack, table]) =>
  Object.entries(table).flatMap(([holder, entry]) =>
    Object.entries(entry)
      .filter((attribute): attribute is [string, PolicyStatement[]] => isStatementList(attribute[1]))
      .flatMap(([attribute, statements]) =>
        statements.map((statement) => ({
          where: `${stack}/${holder}/${attribute}/${statement.sid}`,
          holder,
          statement,
        })),
      ),
  ),
);

test('there are policy statements to check', () => {
  expect(documents.length).toBeGreaterThan(50);
});

test('no Allow statement grants a wildcard action', () => {
  const offenders = documents
    .filter(({ statement }) => statement.effect === 'Allow')
    .filter(({ statement }) => (statement.actions ?? []).some((a) => a.includes('*')))
    .map(({ where }) => where);
  expect(offenders).toEqual([]);
});

test('no Allow statement grants by exclusion (NotAction, NotResource, NotPrincipal)', () => {
  const offenders = documents
    .filter(({ statement }) => statement.effect === 'Allow')
    .filter(({ statement }) => statement.notActions ?? statement.notResources ?? statement.notPrincipals)
    .map(({ where }) => where);
  expect(offenders).toEqual([]);
});

test('Resource "*" appears only in key policies and on the allow-list', () => {
  const offenders = documents
    .filter(({ statement }) => (statement.resources ?? []).includes('*'))
    .filter(({ holder, statement }) => !isKeyPolicy(holder) && !RESOURCE_WILDCARD_ALLOWED[statement.sid ?? ''])
    .map(({ where }) => where);
  expect(offenders).toEqual([]);
});

test('every iam:PassRole is conditioned on iam:PassedToService', () => {
  const passRoles = documents.filter(({ statement }) => (statement.actions ?? []).includes('iam:PassRole'));
  expect(passRoles.length).toBeGreaterThan(0);
  for (const { statement } of passRoles) {
    expect(statement.conditions).toEqual(
      expect.arrayContaining([
        { test: 'StringEquals', variable: 'iam:PassedToService', values: [expect.stringMatching(/\.amazonaws\.com$/)] },
      ]),
    );
    expect(statement.resources).not.toContain('*');
  }
});
