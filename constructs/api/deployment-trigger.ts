import { createHash } from 'node:crypto';
import { IResolveContext, Lazy, TerraformResource } from 'cdktf';
import { resolvedTerraform } from '../resolved-terraform';

/**
 * A content hash of the synthesized Terraform of every resource that makes up an API's
 * definition, computed at synthesis. Put into a deployment's `triggers`, it replaces the
 * deployment whenever any of them changes (a validator, a model, an integration timeout, a
 * path...) and keeps it when none does. References are hashed as the `${type.id.attr}` strings
 * they resolve to, so the hash is stable and makes no Terraform dependency. While the stack
 * resolves its document, the resources' resolved Terraform is the document's own (resolved once).
 */
export class DeploymentTrigger {
  private readonly resources: TerraformResource[] = [];

  /** The hash, resolved at synthesis from the resources included by then. */
  readonly value: string = Lazy.stringValue({ produce: (context) => this.hash(context) });

  /** Includes resources whose configuration API Gateway snapshots into a deployment. */
  include(...resources: TerraformResource[]): void {
    this.resources.push(...resources);
  }

  private hash(context: IResolveContext): string {
    const definition = this.resources.map((resource) =>
      withoutMetadata(resolvedTerraform(resource, (terraform) => context.resolve(terraform)) as Terraform),
    );
    return createHash('sha256').update(JSON.stringify(definition)).digest('hex');
  }
}

/** Drops each resource's `//` block: construct paths and, when recorded, stack traces. */
type Terraform = { resource?: Record<string, Record<string, Record<string, unknown>>> };

function withoutMetadata(terraform: Terraform): unknown {
  return Object.entries(terraform.resource ?? {}).map(([type, byId]) =>
    Object.entries(byId).map(([id, attributes]) => {
      const { '//': _metadata, ...rest } = attributes;
      return { type, id, ...rest };
    }),
  );
}
