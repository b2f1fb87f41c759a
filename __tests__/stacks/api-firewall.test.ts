import { policyDocumentStatements, resourcesOfType, synthServiceStack, SynthJson } from '../support/synth';

let staging: SynthJson, prod: SynthJson, dev: SynthJson;
beforeAll(() => {
  staging = synthServiceStack('staging');
  prod = synthServiceStack('prod');
  dev = synthServiceStack('dev');
});
const one = (json: typeof dev, type: string) => {
  const all = resourcesOfType(json, type);
  expect(all).toHaveLength(1);
  return all[0];
};
const metrics = (name: string) => ({
  cloudwatch_metrics_enabled: true,
  metric_name: name,
  sampled_requests_enabled: true,
});

describe('API firewall (WAFv2)', () => {
  test('staging and prod guard the stage with a web ACL; dev has none, as its configuration says', () => {
    for (const json of [staging, prod]) {
      const [, association] = one(json, 'aws_wafv2_web_acl_association');
      const [stageId] = one(json, 'aws_api_gateway_stage');
      const [aclId] = one(json, 'aws_wafv2_web_acl');
      expect(association).toMatchObject({
        resource_arn: `\${aws_api_gateway_stage.${stageId}.arn}`,
        web_acl_arn: `\${aws_wafv2_web_acl.${aclId}.arn}`,
      });
    }
    for (const type of ['aws_wafv2_web_acl', 'aws_wafv2_web_acl_association', 'aws_cloudwatch_log_resource_policy']) {
      expect(resourcesOfType(dev, type)).toHaveLength(0);
    }
  });

  test('blocks one IP above the configured rate, then applies the AWS common and known-bad-inputs groups', () => {
    const [, acl] = one(prod, 'aws_wafv2_web_acl');
    expect(acl).toMatchObject({
      name: 'appointments-prod-api-firewall',
      scope: 'REGIONAL',
      default_action: { allow: {} },
      visibility_config: metrics('appointments-prod-api-firewall'),
    });
    expect(acl.rule).toEqual([
      {
        name: 'RateLimitPerClientIp',
        priority: 0,
        action: { block: {} },
        statement: { rate_based_statement: { limit: 40_000, aggregate_key_type: 'IP', evaluation_window_sec: 300 } },
        visibility_config: metrics('appointments-prod-api-firewall-rate-limit'),
      },
      ...['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet'].map((group, i) => ({
        name: group,
        priority: i + 1,
        override_action: { none: {} },
        statement: { managed_rule_group_statement: { name: group, vendor_name: 'AWS' } },
        visibility_config: metrics(`appointments-prod-api-firewall-${group}`),
      })),
    ]);
    const [, stagingAcl] = one(staging, 'aws_wafv2_web_acl');
    expect((stagingAcl.rule as { statement: unknown }[])[0].statement).toEqual({
      rate_based_statement: { limit: 20_000, aggregate_key_type: 'IP', evaluation_window_sec: 300 },
    });
  });

  test('logs every request, API keys and tokens redacted, to an aws-waf-logs- group under the logs key', () => {
    const [groupId] = resourcesOfType(prod, 'aws_cloudwatch_log_group').find(([, g]) =>
      String(g.name).startsWith('aws-waf-logs-'),
    )!;
    expect(resourcesOfType(prod, 'aws_cloudwatch_log_group').find(([id]) => id === groupId)![1]).toMatchObject({
      name: 'aws-waf-logs-appointments-prod-api',
      retention_in_days: 365,
      kms_key_id: expect.stringMatching(/^\$\{aws_kms_key\.Keys_Logs_Key_[0-9A-F]+\.arn\}$/),
    });
    const [, logging] = one(prod, 'aws_wafv2_web_acl_logging_configuration');
    expect(logging).toMatchObject({
      log_destination_configs: [`\${aws_cloudwatch_log_group.${groupId}.arn}`],
      redacted_fields: [{ single_header: { name: 'x-api-key' } }, { single_header: { name: 'authorization' } }],
    });
  });

  test("the log delivery service may write only this group's streams, only for this account", () => {
    const [groupId] = resourcesOfType(prod, 'aws_cloudwatch_log_group').find(([, g]) =>
      String(g.name).startsWith('aws-waf-logs-'),
    )!;
    const [, policy] = one(prod, 'aws_cloudwatch_log_resource_policy');
    expect(policy.policy_name).toBe('appointments-prod-api-firewall-logs');
    expect(policyDocumentStatements(prod, policy.policy_document)).toEqual([
      {
        sid: 'WafDeliversLogsToThisGroup',
        principals: [{ type: 'Service', identifiers: ['delivery.logs.amazonaws.com'] }],
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [`\${aws_cloudwatch_log_group.${groupId}.arn}:log-stream:*`],
        condition: [
          { test: 'StringEquals', variable: 'aws:SourceAccount', values: ['123456789012'] },
          { test: 'ArnLike', variable: 'aws:SourceArn', values: ['arn:aws:logs:us-west-1:123456789012:*'] },
        ],
      },
    ]);
  });
});

describe('API firewall alarm', () => {
  const alarmNamed = (json: typeof dev, name: string) =>
    resourcesOfType(json, 'aws_cloudwatch_metric_alarm').find(([, a]) => a.alarm_name === name)?.[1];

  test("fires when the web ACL blocks more than the configuration's requests in 5 minutes, where there is one", () => {
    expect(alarmNamed(prod, 'appointments-prod-api-firewall-blocks')).toMatchObject({
      namespace: 'AWS/WAFV2',
      metric_name: 'BlockedRequests',
      dimensions: { WebACL: 'appointments-prod-api-firewall', Region: 'us-west-1', Rule: 'ALL' },
      statistic: 'Sum',
      threshold: 100,
      period: 300,
      comparison_operator: 'GreaterThanThreshold',
    });
    expect(alarmNamed(dev, 'appointments-dev-api-firewall-blocks')).toBeUndefined();
  });
});
