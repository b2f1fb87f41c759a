import { IConstruct } from 'constructs';
import { TerraformElement, TerraformOutput, TerraformStack, Tokenization } from 'cdktf';
// cdktf resolves tokens and merges fragments with these while synthesizing; it re-exports neither.
import { resolve } from 'cdktf/lib/_tokens';
import { deepMerge } from 'cdktf/lib/util';
import { keepingResolvedTerraform, resolvedTerraform } from '../constructs/resolved-terraform';
import { ServicePolicy } from '../policy/service-policy';

/**
 * The base of every stack of this app. It synthesizes what cdktf's `TerraformStack` does, with
 * two passes fewer, and refuses to synthesize what breaks the service policy.
 *
 * - No preparing pass. cdktf's `prepareStack` resolves every element once before the resolution
 *   that writes `cdk.tf.json`, only to discover cross-stack references (it adds the remote-state
 *   data sources and outputs they need). No stack of this app refers to another: the bootstrap
 *   stack is applied on its own, once per account, and each service stack reads nothing of
 *   another's state.
 * - One resolution. cdktf's `toTerraform` resolves each element's fragment and then the merged
 *   document again, as a whole; the second pass finds no token in resolved fragments, only in the
 *   stack's raw overrides (`addOverride`), so only what they set is resolved again. What reads an
 *   element's resolved Terraform meanwhile (the API deployment's trigger) reuses the document's
 *   (`constructs/resolved-terraform.ts`).
 * - The service policy (`policy/`) checks the resolved document, as it is written, and a
 *   violation fails the synthesis: `[RULE-ID] path: problem. Fix: ...`.
 *
 * `__tests__/stacks/synthesis-speed.test.ts` synthesizes the app both ways and compares the files
 * byte for byte, so a cross-stack reference added later fails there instead of synthesizing
 * without its remote state.
 */
export class AppStack extends TerraformStack {
  protected readonly policy = new ServicePolicy();

  override prepareStack(): void {
    this.ensureBackendExists();
  }

  override toTerraform(): Record<string, unknown> {
    const overrides = (this as unknown as { rawOverrides: Record<string, unknown> }).rawOverrides;
    const document = hasTokenKey(overrides)
      ? (super.toTerraform() as Record<string, unknown>)
      : keepingResolvedTerraform(this, () => this.resolveOnce(overrides));
    this.policy.enforce(document);
    return document;
  }

  override toHclTerraform(): { [key: string]: unknown } {
    this.policy.enforce(this.toTerraform());
    return super.toHclTerraform();
  }

  /**
   * cdktf 0.21.0's `TerraformStack.toTerraform`, without its final resolution of the whole: only
   * what the raw overrides put into the resolved document is resolved after they are merged.
   */
  private resolveOnce(overrides: Record<string, unknown>): Record<string, unknown> {
    const elements = elementsOf(this);
    const metadata: Record<string, unknown> = {
      version: this.node.tryGetContext('cdktfVersion'),
      stackName: this.node.id,
      backend: 'local', // overwritten by the backend's metadata
      cloud: undefined,
      ...(Object.keys(overrides).length > 0 ? { overrides: { stack: Object.keys(overrides) } } : {}),
    };
    for (const element of elements) deepMerge(metadata, resolve(this, element.toMetadata()));
    const outputs: Record<string, unknown> = {};
    for (const element of elements) {
      if (!TerraformOutput.isTerraformOutput(element)) continue;
      deepMerge(
        outputs,
        element.node.path
          .split('/')
          .reduceRight<object>(
            (inner, part) => ({ [part]: Object.keys(inner).length === 0 ? element.friendlyUniqueId : inner }),
            {},
          ),
      );
    }
    const document: Record<string, unknown> = { '//': resolve(this, { metadata, outputs }) };
    const resolveInStack = (terraform: unknown) => resolve(this, terraform);
    for (const element of elements) deepMerge(document, resolvedTerraform(element, resolveInStack));
    deepMerge(document, overrides);
    resolveOverridden(this, document, overrides);
    return document;
  }
}

/**
 * Resolves, in a document whose own parts are resolved, each value that merging `overrides` set
 * (a plain object of overrides merges key by key; anything else replaced the value or was
 * appended to it), as cdktf's resolution of the whole document would.
 */
function resolveOverridden(scope: IConstruct, document: Record<string, unknown>, overrides: Record<string, unknown>) {
  for (const [key, override] of Object.entries(overrides)) {
    if (!(key in document)) continue;
    const target = document[key];
    if (isPlainObject(override) && isPlainObject(target)) {
      resolveOverridden(scope, target, override);
      continue;
    }
    const resolved = resolve(scope, target);
    if (resolved === undefined) delete document[key];
    else document[key] = resolved;
  }
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !Tokenization.isResolvable(value);

/** Whether any key of the overrides, at any depth, is a token (cdktf's whole resolution renames it). */
function hasTokenKey(overrides: Record<string, unknown>): boolean {
  return Object.entries(overrides).some(
    ([key, value]) => key.includes('{TfToken[') || (isPlainObject(value) && hasTokenKey(value)),
  );
}

/** The elements of a stack, in cdktf's order, without those of a nested stack. */
function elementsOf(node: IConstruct, into: TerraformElement[] = []): TerraformElement[] {
  if (TerraformElement.isTerraformElement(node)) into.push(node);
  for (const child of node.node.children) {
    if (!TerraformStack.isStack(child)) elementsOf(child, into);
  }
  return into;
}
