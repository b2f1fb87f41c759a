/**
 * Reads every grant of one synthesized stack (cdk.tf.json) into a table: one entry per resource
 * that grants, keyed `<type> <construct path>`, holding its policy documents statement by
 * statement and the other attributes that decide access. References to other resources are
 * written with construct paths instead of hashed logical ids, so the table reads like the code.
 */
import { GRANTING_RESOURCE_TYPES, GRANTS_NOTHING, GRANTS_NOTHING_DATA } from './resource-types';
import { documentStatements, jsonPolicyStatements, PolicyStatement } from './statements';

type Json = Record<string, unknown>;
type Blocks = Record<string, Record<string, Json>>;

export interface StackJson {
  readonly resource?: Blocks;
  readonly data?: Blocks;
}

export type PolicyTable = Record<string, Record<string, unknown>>;

const DOCUMENT_TYPE = 'aws_iam_policy_document';
/** Terraform meta-arguments: how a resource is managed, not what it grants. */
const META_ARGUMENTS = new Set(['//', 'count', 'depends_on', 'for_each', 'lifecycle', 'provider', 'provisioner']);

function pathOf(block: Json, id: string): string {
  const metadata = (block['//'] as { metadata?: { path?: string } } | undefined)?.metadata;
  // The first segment is the stack; leaving it out lets environments' tables line up.
  return metadata?.path?.split('/').slice(1).join('/') ?? id;
}

function walkStrings(value: unknown, visit: (text: string) => string): unknown {
  if (typeof value === 'string') return visit(value);
  if (Array.isArray(value)) return value.map((v) => walkStrings(v, visit));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walkStrings(v, visit)]));
  }
  return value;
}

export function policyTableOf(stack: StackJson): PolicyTable {
  const resources = stack.resource ?? {};
  const data = stack.data ?? {};
  const paths = new Map<string, string>();
  for (const [prefix, blocks] of [
    ['', resources],
    ['data.', data],
  ] as const) {
    for (const [type, byId] of Object.entries(blocks)) {
      for (const [id, block] of Object.entries(byId)) paths.set(`${prefix}${type}.${id}`, pathOf(block, id));
    }
  }
  const readable = (value: unknown) =>
    walkStrings(value, (text) =>
      text.replace(/\$\{([^}]*)\}/g, (token: string) =>
        token.replace(/\b((?:data\.)?aws_[a-z0-9_]+)\.([A-Za-z0-9_-]+)/g, (ref: string, type: string, id: string) => {
          const path = paths.get(`${type}.${id}`);
          return path === undefined ? ref : `${type}.${path}`;
        }),
      ),
    );

  const documents = data[DOCUMENT_TYPE] ?? {};
  const unread = new Set(Object.keys(documents));
  const statementsOf = (value: unknown, where: string): PolicyStatement[] => {
    const text = String(value);
    const reference = new RegExp(`^\\$\\{data\\.${DOCUMENT_TYPE}\\.([A-Za-z0-9_-]+)\\.json\\}$`).exec(text);
    if (reference) {
      const document = documents[reference[1]];
      if (!document) throw new Error(`${where}: no ${DOCUMENT_TYPE} ${reference[1]}`);
      unread.delete(reference[1]);
      return documentStatements(document, where);
    }
    if (text.trimStart().startsWith('{')) return jsonPolicyStatements(text, where);
    throw new Error(`${where}: cannot read the policy ${text}`);
  };

  const table: PolicyTable = {};
  for (const [type, byId] of Object.entries(resources)) {
    const granting = GRANTING_RESOURCE_TYPES[type];
    if (!granting && GRANTS_NOTHING[type] === undefined) {
      throw new Error(
        `${type} is a resource type the policy table does not know: add it to GRANTING_RESOURCE_TYPES ` +
          '(with the attributes that grant) or GRANTS_NOTHING (with why) in scripts/policy-table/resource-types.ts',
      );
    }
    for (const [id, block] of Object.entries(byId)) {
      const key = `${type} ${pathOf(block, id)}`;
      const entry: Record<string, unknown> = {};
      for (const [attribute, value] of Object.entries(block)) {
        if (META_ARGUMENTS.has(attribute)) continue;
        if (granting?.documents.includes(attribute)) {
          entry[attribute] = statementsOf(value, `${key} ${attribute}`).map(readable);
        } else if (granting && (granting.grants === 'all' || granting.grants.includes(attribute))) {
          entry[attribute] = readable(value);
        } else {
          refuseHiddenPolicies(value, `${key} ${attribute}`);
        }
      }
      if (Object.keys(entry).length > 0) table[key] = Object.fromEntries(Object.entries(entry).sort());
    }
  }
  for (const type of Object.keys(data)) {
    if (type !== DOCUMENT_TYPE && GRANTS_NOTHING_DATA[type] === undefined) {
      throw new Error(`data source ${type} is not known to the policy table (scripts/policy-table/resource-types.ts)`);
    }
  }
  if (unread.size > 0) {
    throw new Error(`policy documents no granting attribute reads: ${[...unread].sort().join(', ')}`);
  }
  return Object.fromEntries(Object.entries(table).sort(([a], [b]) => a.localeCompare(b)));
}

/** A policy in an attribute the table does not read would grant unseen. */
function refuseHiddenPolicies(value: unknown, where: string): void {
  walkStrings(value, (text) => {
    if (text.includes(`${DOCUMENT_TYPE}.`) || /"Statement"\s*:/.test(text)) {
      throw new Error(`${where} holds a policy the table does not read: list it in resource-types.ts`);
    }
    return text;
  });
}
