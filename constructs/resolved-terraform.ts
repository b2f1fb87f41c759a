import { TerraformElement, TerraformStack } from 'cdktf';

/**
 * Each element's resolved Terraform, kept while a stack of this app resolves its document
 * (`stacks/app-stack.ts`), so that what reads an element's resolved Terraform during that
 * resolution reuses it instead of resolving the element again: the API deployment's trigger
 * hashes the resolved Terraform of the API's resources (`api/deployment-trigger.ts`), which the
 * document needs as well. Outside such a resolution (cdktf's own passes, a test that resolves one
 * construct), each call resolves afresh: the tree may have changed since the last one.
 */
const kept = new WeakMap<TerraformStack, Map<TerraformElement, unknown>>();

/** `element.toTerraform()` resolved with `resolve`, or what the stack's resolution kept of it. */
export function resolvedTerraform(element: TerraformElement, resolve: (terraform: unknown) => unknown): unknown {
  const resolved = kept.get(element.cdktfStack);
  if (resolved === undefined) return resolve(element.toTerraform());
  if (!resolved.has(element)) resolved.set(element, resolve(element.toTerraform()));
  return resolved.get(element);
}

/** Runs one resolution of `stack`'s document, keeping each element's resolved Terraform until it returns. */
export function keepingResolvedTerraform<T>(stack: TerraformStack, resolveDocument: () => T): T {
  kept.set(stack, new Map());
  try {
    return resolveDocument();
  } finally {
    kept.delete(stack);
  }
}
