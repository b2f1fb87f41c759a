import { IConstruct } from 'constructs';
import { Annotations, IAspect, TerraformElement } from 'cdktf';
// cdktf resolves tokens with this function while synthesizing; the package does not re-export it.
import { resolve } from 'cdktf/lib/_tokens';
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

/**
 * Applies policy rules to every resource of a stack as it will be synthesized, and turns each
 * violation into a synthesis error: `[RULE-ID] path: problem. Fix: ...`. Apply it to each stack
 * (`Aspects.of(stack).add(...)`): aspects added to the app are never visited.
 */
export class ServicePolicy implements IAspect {
  constructor(private readonly rules: readonly PolicyRule[] = SERVICE_RULES) {}

  visit(node: IConstruct): void {
    if (!(node instanceof TerraformElement)) return;
    const type = (node as TerraformElement & { terraformResourceType?: string }).terraformResourceType;
    const rules = this.rules.filter((r) => r.terraformType === type);
    if (rules.length === 0) return;
    const config = resolvedConfig(node, type as string);
    for (const rule of rules) {
      for (const problem of rule.check(config)) {
        Annotations.of(node).addError(`[${rule.id}] ${node.node.path}: ${problem}. Fix: ${rule.fix}.`);
      }
    }
  }
}

/** The element's configuration with tokens resolved, as it appears in cdk.tf.json. */
function resolvedConfig(element: TerraformElement, type: string): Record<string, unknown> {
  const rendered = resolve(element, element.toTerraform()) as {
    resource?: Record<string, Record<string, Record<string, unknown>>>;
    data?: Record<string, Record<string, Record<string, unknown>>>;
  };
  const byName = rendered.resource?.[type] ?? rendered.data?.[type] ?? {};
  return Object.values(byName)[0] ?? {};
}
