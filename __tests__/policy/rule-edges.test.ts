import { apiFirewallProtections } from '../../policy/rules/api-firewall-protections';
import { kmsDescribeKeyWithoutEncryptionContext } from '../../policy/rules/kms-describe-key-without-encryption-context';
import { lambdaCodeSigning } from '../../policy/rules/lambda-code-signing';
import { noWildcardIamActions } from '../../policy/rules/no-wildcard-iam-actions';
import { resourcelessActionsOnAnyResource } from '../../policy/rules/resourceless-actions-on-any-resource';

/**
 * The edges of each rule that rules.test.ts's one compliant and one violating case do not reach
 * (found by mutation testing: each case below kills a mutant that survived there).
 */
const metrics = { cloudwatch_metrics_enabled: true, sampled_requests_enabled: true, metric_name: 'm' };
const managed = (name: string, vendor = 'AWS') => ({
  name,
  override_action: { none: {} },
  statement: { managed_rule_group_statement: { name, vendor_name: vendor } },
  visibility_config: metrics,
});
const rateRule = (aggregate: string, action: Record<string, unknown>) => ({
  name: 'RateLimitPerClientIp',
  action,
  statement: { rate_based_statement: { limit: 2000, aggregate_key_type: aggregate } },
  visibility_config: metrics,
});
const firewall = (rules: unknown[], visibility: unknown = metrics) => ({
  scope: 'REGIONAL',
  default_action: { allow: {} },
  visibility_config: visibility,
  rule: rules,
});
const groups = [managed('AWSManagedRulesCommonRuleSet'), managed('AWSManagedRulesKnownBadInputsRuleSet')];

describe('WAF-API-PROTECTIONS at its edges', () => {
  test('a rate rule that only counts, or that counts by forwarded IP, does not block a client IP', () => {
    const problem = 'no rule blocks a client IP above a request rate';
    expect(apiFirewallProtections.check(firewall([rateRule('IP', { count: {} }), ...groups]))).toEqual([problem]);
    expect(apiFirewallProtections.check(firewall([rateRule('FORWARDED_IP', { block: {} }), ...groups]))).toEqual([
      problem,
    ]);
  });

  test('a managed group of the same name from another vendor is not the AWS group', () => {
    const rules = [rateRule('IP', { block: {} }), groups[0], managed('AWSManagedRulesKnownBadInputsRuleSet', 'Other')];
    expect(apiFirewallProtections.check(firewall(rules))).toEqual([
      'web ACL does not apply the AWS managed rule group AWSManagedRulesKnownBadInputsRuleSet',
    ]);
  });

  test('metrics without sampled requests are not enough, on the ACL and on an unnamed rule', () => {
    const noSamples = { ...metrics, sampled_requests_enabled: false };
    const unnamed = { ...rateRule('IP', { block: {} }), name: undefined, visibility_config: noSamples };
    expect(apiFirewallProtections.check(firewall([unnamed, ...groups], noSamples))).toEqual([
      'web ACL has no metrics or sampled requests',
      'rule ? has no metrics or sampled requests',
    ]);
  });
});

describe('LAMBDA-CODE-SIGNING at its edges', () => {
  const signing = { code_signing_config_arn: 'arn:aws:lambda:...' };
  const problem = 'function code is not deployed from a signed object in the artifact bucket';

  test.each([
    [
      'a local file beside the signed object',
      { filename: 'assets/bundle.zip', s3_bucket: 'b', s3_key: 'signed/x.zip' },
    ],
    ['a bucket without a key', { s3_bucket: 'b' }],
    ['a key without a bucket', { s3_key: 'signed/x.zip' }],
  ])('%s is refused', (_, code) => {
    expect(lambdaCodeSigning.check({ ...signing, ...code })).toEqual([problem]);
  });
});

describe('IAM-NO-WILDCARD-ACTIONS at its edges', () => {
  test('NotAction in an Allow is refused, in a Deny it is fine; an unnamed statement is "?"', () => {
    expect(
      noWildcardIamActions.check({
        statement: [
          { sid: 'AllButIam', not_actions: ['iam:CreateUser'] },
          { effect: 'Deny', not_actions: ['s3:GetObject'] },
          { actions: ['s3:Get*'] },
          { not_actions: ['kms:Decrypt'] },
        ],
      }),
    ).toEqual([
      'statement "AllButIam" allows NotAction',
      'statement "?" allows the wildcard action "s3:Get*"',
      'statement "?" allows NotAction',
    ]);
  });

  test('an empty NotAction list allows nothing and is not reported', () => {
    expect(
      noWildcardIamActions.check({ statement: [{ sid: 'Empty', not_actions: [], actions: ['s3:GetObject'] }] }),
    ).toEqual([]);
  });
});

describe('KMS-ENCRYPTION-CONTEXT-ON-DESCRIBE at its edges', () => {
  const context = [{ test: 'ArnLike', variable: 'kms:EncryptionContext:aws:logs:arn', values: ['arn:x'] }];

  test('a Deny under an encryption context is not reported; an unnamed Allow is "?"', () => {
    expect(
      kmsDescribeKeyWithoutEncryptionContext.check({
        statement: [
          { sid: 'DenyDescribe', effect: 'Deny', actions: ['kms:DescribeKey'], condition: context },
          { actions: ['kms:DescribeKey'], condition: context },
        ],
      }),
    ).toEqual([
      'statement "?" allows kms:DescribeKey only under kms:EncryptionContext:aws:logs:arn, which kms:DescribeKey requests never carry',
    ]);
  });
});

describe('IAM-RESOURCELESS-ACTIONS at its edges', () => {
  test('a statement without resources, or a Deny, is not reported; an unnamed Allow on an ARN is "?"', () => {
    expect(
      resourcelessActionsOnAnyResource.check({
        statement: [
          { sid: 'NoResources', actions: ['dynamodb:ListStreams'] },
          { sid: 'Deny', effect: 'Deny', actions: ['dynamodb:ListStreams'], resources: ['arn:x'] },
          { actions: ['dynamodb:ListStreams'], resources: ['arn:x'] },
        ],
      }),
    ).toEqual(['statement "?" grants dynamodb:ListStreams on specific resources; IAM authorises it only on "*"']);
  });
});
