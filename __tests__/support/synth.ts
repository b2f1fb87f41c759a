import { App, Testing } from 'cdktf';
import { EnvironmentConfig } from '../../config/environments';
import { resolveConfig } from '../../config/resolve';
import { ServiceStack } from '../../stacks/service-stack';

export type SynthJson = {
  resource: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  output?: Record<string, { value: unknown }>;
  provider?: Record<string, Record<string, unknown>[]>;
  terraform?: Record<string, unknown>;
};

export type Statement = {
  sid?: string;
  effect?: string;
  actions?: string[];
  resources?: string[];
  principals?: { type: string; identifiers: string[] }[];
  condition?: { test: string; variable: string; values: string[] }[];
};

const cache = new Map<string, SynthJson>();

/** The synthesized JSON of one environment's service stack (memoised: synthesis bundles code). */
export function synthServiceStack(
  envName: 'dev' | 'staging' | 'prod',
  overrides: Partial<EnvironmentConfig> = {},
): SynthJson {
  const key = `${envName}:${JSON.stringify(overrides)}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const config = resolveConfig({ APPOINTMENTS_ENVIRONMENTS: envName });
  const environment = { ...config.environments[0], ...overrides };
  const app = Testing.app() as App;
  const stack = new ServiceStack(app, { environment, state: config.state });
  const json = JSON.parse(Testing.synth(stack)) as SynthJson;
  cache.set(key, json);
  return json;
}

export function resourcesOfType(json: SynthJson, type: string): [string, Record<string, unknown>][] {
  return Object.entries(json.resource[type] ?? {});
}

/** The logical id named by a reference like `${aws_iam_role.Foo_Role_1234.arn}`. */
export function referencedId(reference: unknown, type: string): string {
  const match = new RegExp(`\\$\\{(?:data\\.)?${type}\\.([^.}]+)`).exec(String(reference));
  if (!match) throw new Error(`${String(reference)} does not reference a ${type}`);
  return match[1];
}

export function policyDocumentStatements(json: SynthJson, reference: unknown): Statement[] {
  const id = referencedId(reference, 'aws_iam_policy_document');
  const doc = json.data?.aws_iam_policy_document?.[id];
  if (!doc) throw new Error(`no policy document ${id}`);
  return doc.statement as Statement[];
}

/** Statements of the inline policy of the role with this physical name. */
export function roleStatements(json: SynthJson, roleName: string): Statement[] {
  const role = resourcesOfType(json, 'aws_iam_role').find(([, r]) => r.name === roleName);
  if (!role) throw new Error(`no role named ${roleName}`);
  const policy = resourcesOfType(json, 'aws_iam_role_policy').find(
    ([, p]) => referencedId(p.role, 'aws_iam_role') === role[0],
  );
  if (!policy) throw new Error(`role ${roleName} has no inline policy`);
  return policyDocumentStatements(json, policy[1].policy);
}

/** `action -> resources` of a set of statements, for exact comparisons. */
export function grantsOf(statements: Statement[]): Record<string, string[]> {
  const grants: Record<string, string[]> = {};
  for (const s of statements.filter((st) => (st.effect ?? 'Allow') === 'Allow')) {
    for (const action of s.actions ?? []) grants[action] = [...(grants[action] ?? []), ...(s.resources ?? [])].sort();
  }
  return grants;
}
