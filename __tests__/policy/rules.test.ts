import { apiFirewallProtections } from '../../policy/rules/api-firewall-protections';
import { restApiCreateBeforeDestroy } from '../../policy/rules/create-before-destroy';
import { encryptedQueues, encryptedTables, encryptedTopics } from '../../policy/rules/encrypted-data-at-rest';
import { lambdaCodeSigning } from '../../policy/rules/lambda-code-signing';
import { lambdaEnvironmentEncryption } from '../../policy/rules/lambda-environment-encryption';
import { lambdaTracing } from '../../policy/rules/lambda-tracing';
import { methodAuthentication } from '../../policy/rules/method-authentication';
import { logGroupRetentionAndEncryption } from '../../policy/rules/log-group-retention-and-encryption';
import { kmsDescribeKeyWithoutEncryptionContext } from '../../policy/rules/kms-describe-key-without-encryption-context';
import { noWildcardIamActions } from '../../policy/rules/no-wildcard-iam-actions';
import { resourcelessActionsOnAnyResource } from '../../policy/rules/resourceless-actions-on-any-resource';

const metrics = { cloudwatch_metrics_enabled: true, sampled_requests_enabled: true, metric_name: 'm' };
const firewall = {
  scope: 'REGIONAL',
  default_action: { allow: {} },
  visibility_config: metrics,
  rule: [
    {
      name: 'RateLimitPerClientIp',
      action: { block: {} },
      statement: { rate_based_statement: { limit: 2000, aggregate_key_type: 'IP' } },
      visibility_config: metrics,
    },
    ...['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet'].map((name) => ({
      name,
      override_action: { none: {} },
      statement: { managed_rule_group_statement: { name, vendor_name: 'AWS' } },
      visibility_config: metrics,
    })),
  ],
};

const authenticatedMethod = {
  http_method: 'GET',
  authorization: 'CUSTOM',
  authorizer_id: '${aws_api_gateway_authorizer.TokenAuthorizer.id}',
  api_key_required: true,
};

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
    rule: resourcelessActionsOnAnyResource,
    compliant: {
      statement: [
        { sid: 'ReadStream', actions: ['dynamodb:GetRecords'], resources: ['arn:aws:dynamodb:...:stream/x'] },
        { sid: 'ListStreams', actions: ['dynamodb:ListStreams'], resources: ['*'] },
        { sid: 'Deny', effect: 'Deny', actions: ['dynamodb:ListStreams'], resources: ['arn:aws:dynamodb:...'] },
      ],
    },
    violating: {
      statement: [
        { sid: 'ReadStream', actions: ['dynamodb:GetRecords', 'dynamodb:ListStreams'], resources: ['arn:x'] },
      ],
    },
    problem: 'statement "ReadStream" grants dynamodb:ListStreams on specific resources; IAM authorises it only on "*"',
  },
  {
    rule: resourcelessActionsOnAnyResource,
    compliant: { statement: [{ sid: 'Traces', actions: ['xray:PutTraceSegments'], resources: ['*'] }] },
    violating: { statement: [{ sid: 'Traces', actions: ['xray:PutTraceSegments'], resources: ['*', 'arn:x'] }] },
    problem: 'statement "Traces" grants xray:PutTraceSegments on specific resources; IAM authorises it only on "*"',
  },
  {
    rule: kmsDescribeKeyWithoutEncryptionContext,
    compliant: {
      statement: [
        {
          sid: 'Encrypt',
          actions: ['kms:Encrypt'],
          condition: [{ test: 'ArnLike', variable: 'kms:EncryptionContext:aws:logs:arn', values: ['arn:x'] }],
        },
        { sid: 'Describe', actions: ['kms:DescribeKey'] },
        {
          sid: 'DescribeThroughSqs',
          actions: ['kms:DescribeKey'],
          condition: [{ test: 'StringEquals', variable: 'kms:ViaService', values: ['sqs.us-west-1.amazonaws.com'] }],
        },
      ],
    },
    violating: {
      statement: [
        {
          sid: 'Logs',
          actions: ['kms:Decrypt', 'kms:DescribeKey'],
          condition: [{ test: 'ArnLike', variable: 'kms:EncryptionContext:aws:logs:arn', values: ['arn:x'] }],
        },
      ],
    },
    problem:
      'statement "Logs" allows kms:DescribeKey only under kms:EncryptionContext:aws:logs:arn, which kms:DescribeKey requests never carry',
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
    rule: lambdaEnvironmentEncryption,
    compliant: { environment: { variables: { TABLE_NAME: 't' } }, kms_key_arn: 'arn:aws:kms:...' },
    violating: { environment: { variables: { TABLE_NAME: 't' } } },
    problem: 'function environment variables are not encrypted with a customer-managed key',
  },
  {
    rule: lambdaEnvironmentEncryption,
    compliant: { environment: { variables: {} } },
    violating: { environment: { variables: { TABLE_NAME: 't' } }, kms_key_arn: '' },
    problem: 'function environment variables are not encrypted with a customer-managed key',
  },
  {
    rule: apiFirewallProtections,
    compliant: firewall,
    violating: { ...firewall, rule: firewall.rule.slice(1) },
    problem: 'no rule blocks a client IP above a request rate',
  },
  {
    rule: apiFirewallProtections,
    compliant: firewall,
    violating: { ...firewall, rule: firewall.rule.slice(0, 2) },
    problem: 'web ACL does not apply the AWS managed rule group AWSManagedRulesKnownBadInputsRuleSet',
  },
  {
    rule: apiFirewallProtections,
    compliant: firewall,
    violating: { ...firewall, default_action: { block: {} } },
    problem: 'web ACL does not allow what no rule blocks',
  },
  {
    rule: apiFirewallProtections,
    compliant: firewall,
    violating: { ...firewall, scope: 'CLOUDFRONT' },
    problem: 'web ACL is not REGIONAL, so it cannot guard an API stage',
  },
  {
    rule: apiFirewallProtections,
    compliant: firewall,
    violating: {
      ...firewall,
      rule: [
        { ...firewall.rule[0], visibility_config: { ...metrics, cloudwatch_metrics_enabled: false } },
        ...firewall.rule.slice(1),
      ],
    },
    problem: 'rule RateLimitPerClientIp has no metrics or sampled requests',
  },
  {
    rule: lambdaCodeSigning,
    compliant: { code_signing_config_arn: 'arn:aws:lambda:...', s3_bucket: 'b', s3_key: 'signed/x.zip' },
    violating: { s3_bucket: 'b', s3_key: 'signed/x.zip' },
    problem: 'function has no code signing configuration',
  },
  {
    rule: lambdaCodeSigning,
    compliant: { code_signing_config_arn: 'arn:aws:lambda:...', s3_bucket: 'b', s3_key: 'signed/x.zip' },
    violating: { code_signing_config_arn: 'arn:aws:lambda:...', filename: 'assets/bundle.zip' },
    problem: 'function code is not deployed from a signed object in the artifact bucket',
  },
  {
    rule: methodAuthentication,
    compliant: authenticatedMethod,
    violating: { ...authenticatedMethod, api_key_required: false },
    problem: 'method GET does not require an API key',
  },
  {
    rule: methodAuthentication,
    compliant: authenticatedMethod,
    violating: { http_method: 'GET', authorization: 'NONE', api_key_required: true },
    problem: 'method GET has authorization NONE, not a token authorizer',
  },
  {
    rule: methodAuthentication,
    compliant: { ...authenticatedMethod, authorization: 'COGNITO_USER_POOLS' },
    violating: { ...authenticatedMethod, authorization: 'AWS_IAM' },
    problem: 'method GET has authorization AWS_IAM, not a token authorizer',
  },
  {
    rule: methodAuthentication,
    compliant: authenticatedMethod,
    violating: { http_method: 'GET', authorization: 'CUSTOM', api_key_required: true },
    problem: 'method GET has authorization CUSTOM but names no authorizer',
  },
  {
    rule: methodAuthentication,
    compliant: authenticatedMethod,
    violating: { ...authenticatedMethod, authorizer_id: '' },
    problem: 'method GET has authorization CUSTOM but names no authorizer',
  },
  {
    rule: restApiCreateBeforeDestroy,
    compliant: { name: 'appointments-dev-api', lifecycle: { create_before_destroy: true } },
    violating: { name: 'appointments-dev-api', lifecycle: { prevent_destroy: false } },
    problem: 'REST API appointments-dev-api would be destroyed before its replacement exists',
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
