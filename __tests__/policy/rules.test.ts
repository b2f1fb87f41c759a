import { apiKeyRequired } from '../../policy/rules/api-key-required';
import { encryptedQueues, encryptedTables, encryptedTopics } from '../../policy/rules/encrypted-data-at-rest';
import { lambdaTracing } from '../../policy/rules/lambda-tracing';
import { logGroupRetentionAndEncryption } from '../../policy/rules/log-group-retention-and-encryption';
import { noWildcardIamActions } from '../../policy/rules/no-wildcard-iam-actions';

/** Each rule: one compliant configuration (no problem) and one that is not (the exact problem). */
const cases = [
  {
    rule: noWildcardIamActions,
    compliant: {
      statement: [
        { sid: 'Read', actions: ['dynamodb:GetItem'] },
        { sid: 'Deny', effect: 'Deny', actions: ['s3:*'] },
      ],
    },
    violating: { statement: [{ sid: 'TooBroad', actions: ['dynamodb:*'] }] },
    problem: 'statement "TooBroad" allows the wildcard action "dynamodb:*"',
  },
  {
    rule: logGroupRetentionAndEncryption,
    compliant: { retention_in_days: 14, kms_key_id: 'arn:aws:kms:...' },
    violating: { kms_key_id: 'arn:aws:kms:...' },
    problem: 'log group has no retention (logs would be kept forever)',
  },
  {
    rule: logGroupRetentionAndEncryption,
    compliant: { retention_in_days: 14, kms_key_id: 'arn:aws:kms:...' },
    violating: { retention_in_days: 14 },
    problem: 'log group is not encrypted with a customer-managed key',
  },
  {
    rule: encryptedTopics,
    compliant: { kms_master_key_id: 'arn:aws:kms:...' },
    violating: {},
    problem: 'topic is not encrypted with a customer-managed key',
  },
  {
    rule: encryptedQueues,
    compliant: { kms_master_key_id: 'arn:aws:kms:...' },
    violating: { sqs_managed_sse_enabled: true },
    problem: 'queue is not encrypted with a customer-managed key',
  },
  {
    rule: encryptedTables,
    compliant: { server_side_encryption: { enabled: true, kms_key_arn: 'arn:aws:kms:...' } },
    violating: { server_side_encryption: { enabled: true } },
    problem: 'table is not encrypted with a customer-managed key',
  },
  {
    rule: lambdaTracing,
    compliant: { tracing_config: { mode: 'Active' } },
    violating: { tracing_config: { mode: 'PassThrough' } },
    problem: 'function does not have active X-Ray tracing',
  },
  {
    rule: apiKeyRequired,
    compliant: { http_method: 'GET', api_key_required: true },
    violating: { http_method: 'GET' },
    problem: 'method GET does not require an API key',
  },
];

describe.each(cases)('$rule.id', ({ rule, compliant, violating, problem }) => {
  test('passes a compliant configuration', () => {
    expect(rule.check(compliant)).toEqual([]);
  });

  test(`reports: ${problem}`, () => {
    expect(rule.check(violating)).toEqual([problem]);
  });
});
