/**
 * Walks every IAM policy document of every synthesized stack: no wildcard action in an Allow,
 * `Resource: "*"` only where the allow-list below says why, and no iam:PassRole without
 * iam:PassedToService.
 */
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { resolveConfig } from '../../config/resolve';
import { Statement, SynthJson } from '../support/synth';
import { synthToTempDir } from '../../scripts/terraform-offline';

/** Statements allowed `Resource: "*"`, each with the reason. */
const RESOURCE_WILDCARD_ALLOWED: Record<string, string> = {
  SendTraces: 'X-Ray PutTraceSegments and PutTelemetryRecords take no resource ARN',
  DenyInsecureTransport: 'a Deny: it narrows, never grants',
};
/** In a key policy, "*" means the key itself. */
const isKeyPolicy = (docId: string) => docId.startsWith('Keys_') || docId.startsWith('StateBucket_Key');

const outdir = synthToTempDir(resolveConfig({}));
const stacks = readdirSync(path.join(outdir, 'stacks')).sort();
const documents = stacks.flatMap((stack) => {
  const json = JSON.parse(readFileSync(path.join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8')) as SynthJson;
  return Object.entries(json.data?.aws_iam_policy_document ?? {}).flatMap(([docId, doc]) =>
    (doc.statement as Statement[]).map((statement) => ({
      where: `${stack}/${docId}/${statement.sid}`,
      docId,
      statement,
    })),
  );
});

test('there are policy statements to check', () => {
  expect(documents.length).toBeGreaterThan(50);
});

test('no Allow statement grants a wildcard action', () => {
  const offenders = documents
    .filter(({ statement }) => (statement.effect ?? 'Allow') === 'Allow')
    .filter(({ statement }) => (statement.actions ?? []).some((a) => a.includes('*')))
    .map(({ where }) => where);
  expect(offenders).toEqual([]);
});

test('Resource "*" appears only in key policies and on the allow-list', () => {
  const offenders = documents
    .filter(({ statement }) => (statement.resources ?? []).includes('*'))
    .filter(({ docId, statement }) => !isKeyPolicy(docId) && !RESOURCE_WILDCARD_ALLOWED[statement.sid ?? ''])
    .map(({ where }) => where);
  expect(offenders).toEqual([]);
});

test('every iam:PassRole is conditioned on iam:PassedToService', () => {
  const passRoles = documents.filter(({ statement }) => (statement.actions ?? []).includes('iam:PassRole'));
  expect(passRoles.length).toBeGreaterThan(0);
  for (const { statement } of passRoles) {
    expect(statement.condition).toEqual(
      expect.arrayContaining([expect.objectContaining({ variable: 'iam:PassedToService' })]),
    );
    expect(statement.resources).not.toContain('*');
  }
});
