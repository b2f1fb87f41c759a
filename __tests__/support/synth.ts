import type { App } from 'cdktf';
import { EnvironmentConfig } from '../../config/environments';
import { stackName } from '../../config/naming';
import { resolveConfig } from '../../config/resolve';
import type { ServiceStack as ServiceStackClass } from '../../stacks/service-stack';
import { documentStatements, PolicyStatement } from '../../scripts/policy-table/statements';
import { MutantHits, recordingMutantHits, replayMutantHits } from './mutation-coverage';

export type SynthJson = {
  resource: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  output?: Record<string, { value: unknown }>;
  provider?: Record<string, Record<string, unknown>[]>;
  terraform?: Record<string, unknown>;
};

/** A statement as synthesized (snake_case, as Terraform reads it). */
export type Statement = {
  sid?: string;
  effect?: string;
  actions?: string[];
  resources?: string[];
  principals?: { type: string; identifiers: string[] }[];
  condition?: { test: string; variable: string; values: string[] }[];
};

/** A synthesis as text, with the mutant hits recorded while it was made (./mutation-coverage.ts). */
type CachedSynth = { text: string; hits: MutantHits };

/**
 * Syntheses by environment and overrides. Under Stryker the environment hands every test file of
 * one run the same map (__tests__/mutation/synthesis-environment.js), so each mutant's stacks are
 * synthesized once per run, not once per file; otherwise each file keeps its own.
 */
const shared = (globalThis as { __synthesisCache?: Map<string, CachedSynth> }).__synthesisCache;
const cache = shared ?? new Map<string, CachedSynth>();
const parsed = new Map<string, SynthJson>();

/**
 * The synthesized JSON of one environment's service stack (memoised: synthesis bundles code).
 * Call it from a hook or a test, not at a file's top level: a file whose tests are all filtered
 * out (as in a mutation run) then synthesizes nothing.
 */
export function synthServiceStack(
  envName: 'dev' | 'staging' | 'prod',
  overrides: Partial<EnvironmentConfig> = {},
): SynthJson {
  const key = `${envName}:${JSON.stringify(overrides)}`;
  let hit = cache.get(key);
  if (hit) {
    replayMutantHits(hit.hits);
  } else {
    const { value: text, hits } = recordingMutantHits(() => {
      // Loaded on a miss only, and inside the recording (their top-level code is construct code
      // too): a test file whose synthesis is cached, or whose tests are all filtered out (as in a
      // mutation run), never loads cdktf and the construct tree.
      /* eslint-disable @typescript-eslint/no-require-imports */
      const { Testing } = require('cdktf') as typeof import('cdktf');
      const { ServiceStack } = require('../../stacks/service-stack') as { ServiceStack: typeof ServiceStackClass };
      const { recordCreationStacks } =
        require('../../stacks/creation-stacks') as typeof import('../../stacks/creation-stacks');
      /* eslint-enable @typescript-eslint/no-require-imports */
      recordCreationStacks(false); // as main.ts does: the same output (synthesis-speed.test.ts), sooner
      const config = resolveConfig({ APPOINTMENTS_ENVIRONMENTS: envName });
      const environment = { ...config.environments[0], ...overrides };
      const app = Testing.app() as App;
      const stack = new ServiceStack(app, stackName(environment.name), { environment, state: config.state });
      return Testing.synth(stack);
    });
    hit = { text, hits };
    cache.set(key, hit);
  }
  let json = parsed.get(key);
  if (!json) {
    json = JSON.parse(hit.text) as SynthJson;
    parsed.set(key, json);
  }
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

function roleNamed(json: SynthJson, roleName: string): [string, Record<string, unknown>] {
  const role = resourcesOfType(json, 'aws_iam_role').find(([, r]) => r.name === roleName);
  if (!role) throw new Error(`no role named ${roleName}`);
  return role;
}

/** Whole statements (conditions and principals included) of a policy document reference. */
export function wholeStatements(json: SynthJson, reference: unknown): PolicyStatement[] {
  const id = referencedId(reference, 'aws_iam_policy_document');
  const doc = json.data?.aws_iam_policy_document?.[id];
  if (!doc) throw new Error(`no policy document ${id}`);
  return documentStatements(doc, id);
}

/** Whole statements of the inline policy of the role with this physical name. */
export function roleStatements(json: SynthJson, roleName: string): PolicyStatement[] {
  const [roleId] = roleNamed(json, roleName);
  const policy = resourcesOfType(json, 'aws_iam_role_policy').find(
    ([, p]) => referencedId(p.role, 'aws_iam_role') === roleId,
  );
  if (!policy) throw new Error(`role ${roleName} has no inline policy`);
  return wholeStatements(json, policy[1].policy);
}

/** Whole statements of the trust (assume-role) policy of the role with this physical name. */
export function roleTrustStatements(json: SynthJson, roleName: string): PolicyStatement[] {
  return wholeStatements(json, roleNamed(json, roleName)[1].assume_role_policy);
}
