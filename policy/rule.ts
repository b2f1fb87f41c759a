/**
 * A policy-as-code rule: it looks at one kind of Terraform resource or data source, as it will
 * be synthesized, and says what is wrong and how to fix it.
 */
export interface PolicyRule {
  /** Stable id, shown in the synthesis error. */
  readonly id: string;
  /** Terraform type the rule checks, e.g. `aws_cloudwatch_log_group`. */
  readonly terraformType: string;
  /** What a person should do when the rule fails. */
  readonly fix: string;
  /** Returns the problems found in the resolved configuration (snake_case, as synthesized). */
  check(config: Record<string, unknown>): string[];
}

export type Statement = {
  sid?: string;
  effect?: string;
  actions?: string[];
  not_actions?: string[];
  resources?: string[];
  condition?: { test: string; variable: string; values: string[] }[];
};
