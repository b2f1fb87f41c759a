import { Construct } from 'constructs';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchLogResourcePolicy } from '@cdktf/provider-aws/lib/cloudwatch-log-resource-policy';
import { Wafv2WebAcl, Wafv2WebAclRule } from '@cdktf/provider-aws/lib/wafv2-web-acl';
import { Wafv2WebAclAssociation } from '@cdktf/provider-aws/lib/wafv2-web-acl-association';
import { Wafv2WebAclLoggingConfiguration } from '@cdktf/provider-aws/lib/wafv2-web-acl-logging-configuration';
import { ServiceNaming } from '../../config/naming';
import { PolicyDocument } from '../iam/policy-document';
import { EncryptionKey } from '../security/encryption-key';
import { regionalArn, StackEnvironment } from '../stack-environment';
import { WebAclWithStatementBlocks } from './web-acl-statements';

/** The AWS managed rule groups the firewall applies, in priority order after the rate limit. */
export const MANAGED_RULE_GROUPS = ['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet'] as const;

/** Headers WAF logs never show: the callers' API key and ID token. */
export const REDACTED_HEADERS = ['x-api-key', 'authorization'] as const;

export interface ApiFirewallProps {
  /** Names the web ACL, its metrics, its log group and the log group's resource policy. */
  readonly naming: ServiceNaming;
  /** ARN of the API stage the web ACL protects. */
  readonly stageArn: string;
  /**
   * Requests one client IP may make in any 5 minutes before WAF blocks it (10 to 2,000,000,000).
   */
  readonly requestsPer5MinutesPerIp: number;
  /** Key of the firewall's log group. */
  readonly logsKey: EncryptionKey;
  /** Retention of the firewall's log group, in days. */
  readonly logRetentionDays: number;
}

/**
 * A WAFv2 web ACL in front of the API stage: a rate limit per client IP, then AWS's common and
 * known-bad-inputs rule groups; everything else is allowed. Every rule has metrics and sampled
 * requests, and every request is logged (keys and tokens redacted) to an encrypted log group.
 */
export class ApiFirewall extends Construct {
  readonly webAcl: Wafv2WebAcl;
  readonly logGroup: CloudwatchLogGroup;
  /** Name of the web ACL: the `WebACL` dimension of its CloudWatch metrics. */
  readonly webAclName: string;

  constructor(scope: Construct, id: string, props: ApiFirewallProps) {
    super(scope, id);
    const name = props.naming.name('api-firewall');
    this.webAclName = name;
    const visibility = (metric: string) => ({
      cloudwatchMetricsEnabled: true,
      metricName: metric,
      sampledRequestsEnabled: true,
    });
    const rateLimit: Wafv2WebAclRule = {
      name: 'RateLimitPerClientIp',
      priority: 0,
      action: { block: {} },
      // `statement` is untyped in the prebuilt provider: written as Terraform spells it (see
      // WebAclWithStatementBlocks).
      statement: {
        rate_based_statement: {
          limit: props.requestsPer5MinutesPerIp,
          aggregate_key_type: 'IP',
          evaluation_window_sec: 300,
        },
      },
      visibilityConfig: visibility(`${name}-rate-limit`),
    };
    const managed = MANAGED_RULE_GROUPS.map((group, index): Wafv2WebAclRule => ({
      name: group,
      priority: index + 1,
      overrideAction: { none: {} },
      statement: { managed_rule_group_statement: { name: group, vendor_name: 'AWS' } },
      visibilityConfig: visibility(`${name}-${group}`),
    }));
    this.webAcl = new WebAclWithStatementBlocks(this, 'WebAcl', {
      name,
      description: `Rate limit and AWS managed rules in front of ${props.naming.name('api')}`,
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      rule: [rateLimit, ...managed],
      visibilityConfig: visibility(name),
    });
    new Wafv2WebAclAssociation(this, 'OnStage', { resourceArn: props.stageArn, webAclArn: this.webAcl.arn });

    // WAF delivers logs only to a group whose name starts with aws-waf-logs-. CloudWatch Logs
    // encrypts it with the logs key (whose policy already lets it, for this account's groups).
    this.logGroup = new CloudwatchLogGroup(this, 'Logs', {
      name: `aws-waf-logs-${props.naming.name('api')}`,
      retentionInDays: props.logRetentionDays,
      kmsKeyId: props.logsKey.arn,
    });
    const delivery = this.allowLogDelivery(props.naming);
    new Wafv2WebAclLoggingConfiguration(this, 'Logging', {
      resourceArn: this.webAcl.arn,
      logDestinationConfigs: [this.logGroup.arn],
      redactedFields: REDACTED_HEADERS.map((header) => ({ singleHeader: { name: header } })),
      dependsOn: [delivery],
    });
  }

  /**
   * WAF's log delivery service writes into the group through the account's log resource policy:
   * only streams of this group, only for deliveries of this account.
   */
  private allowLogDelivery(naming: ServiceNaming): CloudwatchLogResourcePolicy {
    const { account } = StackEnvironment.of(this);
    const policy = new PolicyDocument(this, 'LogDeliveryPolicy', {
      statements: [
        {
          sid: 'WafDeliversLogsToThisGroup',
          principals: [{ type: 'Service', identifiers: ['delivery.logs.amazonaws.com'] }],
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [`${this.logGroup.arn}:log-stream:*`],
          condition: [
            { test: 'StringEquals', variable: 'aws:SourceAccount', values: [account] },
            { test: 'ArnLike', variable: 'aws:SourceArn', values: [regionalArn(this, 'logs', '*')] },
          ],
        },
      ],
    });
    return new CloudwatchLogResourcePolicy(this, 'LogDelivery', {
      policyName: naming.name('api-firewall-logs'),
      policyDocument: policy.json,
    });
  }
}
