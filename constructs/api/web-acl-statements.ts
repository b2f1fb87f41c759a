import { Wafv2WebAcl } from '@cdktf/provider-aws/lib/wafv2-web-acl';

/** An attribute as cdktf's HCL renderer reads it: its value and whether it is a nested block. */
interface HclAttribute {
  value: unknown;
  isBlock: boolean;
  type: string;
  storageClassType: string;
}

/** A plain object of nested blocks (snake_case, as Terraform spells them) as HCL attributes. */
function asNestedBlocks(value: Record<string, unknown>): Record<string, HclAttribute> {
  return Object.fromEntries(
    Object.entries(value).map(([name, v]): [string, HclAttribute] => [
      name,
      typeof v === 'object' && v !== null && !Array.isArray(v)
        ? { value: asNestedBlocks(v as Record<string, unknown>), isBlock: true, type: 'list', storageClassType: 'list' }
        : { value: v, isBlock: false, type: 'simple', storageClassType: typeof v },
    ]),
  );
}

/**
 * The prebuilt provider types a rule's `statement` as `any` (its schema nests too deeply to
 * generate), which JSON output renders right but HCL output (`cdktf synth --hcl`) renders as an
 * attribute, `statement = {...}`, that Terraform rejects: it is a block. This web ACL renders
 * each rule's statement, written as Terraform spells it, as nested blocks.
 */
export class WebAclWithStatementBlocks extends Wafv2WebAcl {
  override toHclTerraform(): ReturnType<Wafv2WebAcl['toHclTerraform']> {
    const rendered = super.toHclTerraform() as {
      resource: Record<string, Record<string, { rule?: { value: { statement?: HclAttribute }[] } }>>;
    };
    for (const acl of Object.values(rendered.resource[Wafv2WebAcl.tfResourceType])) {
      for (const rule of acl.rule?.value ?? []) {
        if (!rule.statement) continue;
        rule.statement = {
          value: asNestedBlocks(rule.statement.value as Record<string, unknown>),
          isBlock: true,
          type: 'list',
          storageClassType: 'Wafv2WebAclRuleStatementList',
        };
      }
    }
    return rendered;
  }
}
