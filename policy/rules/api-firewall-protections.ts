import { PolicyRule } from '../rule';

/** The AWS managed rule groups every web ACL applies. */
export const REQUIRED_MANAGED_RULE_GROUPS: readonly string[] = [
  'AWSManagedRulesCommonRuleSet',
  'AWSManagedRulesKnownBadInputsRuleSet',
];

interface Visibility {
  cloudwatch_metrics_enabled?: boolean;
  sampled_requests_enabled?: boolean;
}

interface Rule {
  name?: string;
  action?: { block?: unknown };
  statement?: {
    rate_based_statement?: { aggregate_key_type?: string };
    managed_rule_group_statement?: { name?: string; vendor_name?: string };
  };
  visibility_config?: Visibility;
}

const visible = (v: Visibility | undefined) =>
  v?.cloudwatch_metrics_enabled === true && v.sampled_requests_enabled === true;

/**
 * A web ACL guarding the API blocks floods from one client IP, applies AWS's common and
 * known-bad-inputs rule groups, and lets everything else through, with metrics on every rule
 * (what checkov CKV2_AWS_29 asks the stage to have, in the shape this project gives it).
 */
export const apiFirewallProtections: PolicyRule = {
  id: 'WAF-API-PROTECTIONS',
  terraformType: 'aws_wafv2_web_acl',
  fix: 'build the web ACL with ApiFirewall (rate limit per IP, the AWS managed groups, metrics on)',
  check(config) {
    const problems: string[] = [];
    const rules = (config.rule ?? []) as Rule[];
    const defaultAction = config.default_action as { allow?: unknown } | undefined;
    if (config.scope !== 'REGIONAL') problems.push('web ACL is not REGIONAL, so it cannot guard an API stage');
    if (defaultAction?.allow === undefined) problems.push('web ACL does not allow what no rule blocks');
    const rateLimited = rules.some(
      (r) => r.statement?.rate_based_statement?.aggregate_key_type === 'IP' && r.action?.block !== undefined,
    );
    if (!rateLimited) problems.push('no rule blocks a client IP above a request rate');
    for (const group of REQUIRED_MANAGED_RULE_GROUPS) {
      const present = rules.some(
        (r) =>
          r.statement?.managed_rule_group_statement?.name === group &&
          r.statement.managed_rule_group_statement.vendor_name === 'AWS',
      );
      if (!present) problems.push(`web ACL does not apply the AWS managed rule group ${group}`);
    }
    if (!visible(config.visibility_config as Visibility | undefined)) {
      problems.push('web ACL has no metrics or sampled requests');
    }
    for (const r of rules.filter((rule) => !visible(rule.visibility_config))) {
      problems.push(`rule ${r.name ?? '?'} has no metrics or sampled requests`);
    }
    return problems;
  },
};
