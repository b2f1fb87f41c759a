import { PolicyRule } from './rule';
import { apiFirewallProtections } from './rules/api-firewall-protections';
import { restApiCreateBeforeDestroy } from './rules/create-before-destroy';
import { encryptedQueues, encryptedTables, encryptedTopics } from './rules/encrypted-data-at-rest';
import { kmsDescribeKeyWithoutEncryptionContext } from './rules/kms-describe-key-without-encryption-context';
import { lambdaCodeSigning } from './rules/lambda-code-signing';
import { lambdaEnvironmentEncryption } from './rules/lambda-environment-encryption';
import { lambdaTracing } from './rules/lambda-tracing';
import { methodAuthentication } from './rules/method-authentication';
import { logGroupRetentionAndEncryption } from './rules/log-group-retention-and-encryption';
import { noWildcardIamActions } from './rules/no-wildcard-iam-actions';
import { resourcelessActionsOnAnyResource } from './rules/resourceless-actions-on-any-resource';

/** The rules every stack of this project obeys. */
export const SERVICE_RULES: readonly PolicyRule[] = [
  noWildcardIamActions,
  resourcelessActionsOnAnyResource,
  kmsDescribeKeyWithoutEncryptionContext,
  logGroupRetentionAndEncryption,
  encryptedTopics,
  encryptedQueues,
  encryptedTables,
  lambdaTracing,
  lambdaEnvironmentEncryption,
  lambdaCodeSigning,
  methodAuthentication,
  restApiCreateBeforeDestroy,
  apiFirewallProtections,
];

type Blocks = Record<string, Record<string, Record<string, unknown>>>;

/** What a stack synthesizes to (`cdk.tf.json`), as far as the policy reads it. */
export interface SynthesizedStack {
  readonly resource?: Blocks;
  readonly data?: Blocks;
}

/** The violations of a stack, one line each: `[RULE-ID] path: problem. Fix: ...`. */
export class PolicyViolationError extends Error {
  constructor(readonly violations: readonly string[]) {
    super(`The service policy forbids this synthesis:\n${violations.join('\n')}`);
    this.name = 'PolicyViolationError';
  }
}

/**
 * Applies policy rules to every resource and data source of a stack as it is synthesized: the
 * resolved document cdktf writes to `cdk.tf.json`, read once after its one resolution (checking
 * elements as cdktf aspects visit them would resolve each checked element a second time). Each
 * violation names the rule, the element's construct path, the problem and the fix.
 * `stacks/app-stack.ts` enforces it on every stack of the app.
 */
export class ServicePolicy {
  constructor(private readonly rules: readonly PolicyRule[] = SERVICE_RULES) {}

  violations(stack: SynthesizedStack): string[] {
    const found: string[] = [];
    for (const blocks of [stack.resource, stack.data]) {
      for (const [type, byName] of Object.entries(blocks ?? {})) {
        const rules = this.rules.filter((r) => r.terraformType === type);
        for (const [name, config] of Object.entries(byName)) {
          for (const rule of rules) {
            for (const problem of rule.check(config)) {
              found.push(`[${rule.id}] ${constructPath(config) ?? `${type}.${name}`}: ${problem}. Fix: ${rule.fix}.`);
            }
          }
        }
      }
    }
    return found;
  }

  /** Throws a PolicyViolationError listing every violation, if there is one. */
  enforce(stack: SynthesizedStack): void {
    const violations = this.violations(stack);
    if (violations.length > 0) throw new PolicyViolationError(violations);
  }
}

/** The construct path cdktf records in each block's metadata (`"//": { metadata: { path } }`). */
function constructPath(config: Record<string, unknown>): string | undefined {
  const path = (config['//'] as { metadata?: { path?: unknown } } | undefined)?.metadata?.path;
  return typeof path === 'string' ? path : undefined;
}
