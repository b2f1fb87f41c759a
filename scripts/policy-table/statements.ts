/**
 * One shape for every policy statement, whichever way Terraform was given it: an
 * `aws_iam_policy_document` data source or an IAM JSON string. Nothing is dropped: an attribute
 * this module does not know is an error, so a statement can never lose a part on its way here.
 * Sets (actions, resources, identifiers, condition values) are sorted; statement order is kept.
 */

export interface Condition {
  readonly test: string;
  readonly variable: string;
  readonly values: readonly string[];
}

export interface Principal {
  readonly type: string;
  readonly identifiers: readonly string[];
}

export interface PolicyStatement {
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
  readonly actions?: readonly string[];
  readonly notActions?: readonly string[];
  readonly resources?: readonly string[];
  readonly notResources?: readonly string[];
  readonly principals?: readonly Principal[];
  readonly notPrincipals?: readonly Principal[];
  readonly conditions?: readonly Condition[];
}

type Json = Record<string, unknown>;

const DOCUMENT_KEYS = new Set(['//', 'statement', 'version']);
const STATEMENT_KEYS = new Set([
  'sid',
  'effect',
  'actions',
  'not_actions',
  'resources',
  'not_resources',
  'principals',
  'not_principals',
  'condition',
]);
const JSON_STATEMENT_KEYS = new Set([
  'Sid',
  'Effect',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Principal',
  'NotPrincipal',
  'Condition',
]);

function unknownKeys(object: Json, known: Set<string>, where: string): void {
  const unknown = Object.keys(object).filter((key) => !known.has(key));
  if (unknown.length > 0) throw new Error(`${where}: the policy table does not read ${unknown.join(', ')}`);
}

/** A Terraform list that may arrive as one token string (`${aws_x.y.arns}`) or a bare string. */
function list(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  return (Array.isArray(value) ? value.map(String) : [String(value)]).sort();
}

function effectOf(value: unknown, where: string): 'Allow' | 'Deny' {
  const effect = value ?? 'Allow';
  if (effect !== 'Allow' && effect !== 'Deny') throw new Error(`${where}: effect ${String(effect)}`);
  return effect;
}

function sortPrincipals(principals: Principal[]): Principal[] {
  return principals.sort((a, b) => a.type.localeCompare(b.type));
}

function sortConditions(conditions: Condition[]): Condition[] {
  return conditions.sort((a, b) => a.variable.localeCompare(b.variable) || a.test.localeCompare(b.test));
}

/** Leaves out what a statement does not say, so the table reads like the policy. */
function compact(statement: PolicyStatement): PolicyStatement {
  return Object.fromEntries(Object.entries(statement).filter(([, v]) => v !== undefined)) as PolicyStatement;
}

function blocks(value: unknown): Json[] {
  return value === undefined ? [] : Array.isArray(value) ? (value as Json[]) : [value as Json];
}

/** Statements of one `aws_iam_policy_document` data source as synthesized. */
export function documentStatements(document: Json, where: string): PolicyStatement[] {
  unknownKeys(document, DOCUMENT_KEYS, where);
  return blocks(document.statement).map((s, index) => {
    const at = `${where} statement ${String(s.sid ?? index)}`;
    unknownKeys(s, STATEMENT_KEYS, at);
    const principals = (value: unknown) =>
      value === undefined
        ? undefined
        : sortPrincipals(blocks(value).map((p) => ({ type: String(p.type), identifiers: list(p.identifiers) ?? [] })));
    const conditions = blocks(s.condition).map((c) => ({
      test: String(c.test),
      variable: String(c.variable),
      values: list(c.values) ?? [],
    }));
    return compact({
      sid: s.sid === undefined ? undefined : String(s.sid),
      effect: effectOf(s.effect, at),
      actions: list(s.actions),
      notActions: list(s.not_actions),
      resources: list(s.resources),
      notResources: list(s.not_resources),
      principals: principals(s.principals),
      notPrincipals: principals(s.not_principals),
      conditions: conditions.length > 0 ? sortConditions(conditions) : undefined,
    });
  });
}

function jsonPrincipals(value: unknown): Principal[] | undefined {
  if (value === undefined) return undefined;
  if (value === '*') return [{ type: '*', identifiers: ['*'] }];
  return sortPrincipals(Object.entries(value as Json).map(([type, ids]) => ({ type, identifiers: list(ids) ?? [] })));
}

/** Statements of an IAM policy written as JSON (`{"Version": ..., "Statement": [...]}`). */
export function jsonPolicyStatements(text: string, where: string): PolicyStatement[] {
  const policy = JSON.parse(text) as Json;
  unknownKeys(policy, new Set(['Version', 'Id', 'Statement']), where);
  return blocks(policy.Statement).map((s, index) => {
    const at = `${where} statement ${String(s.Sid ?? index)}`;
    unknownKeys(s, JSON_STATEMENT_KEYS, at);
    const conditions = Object.entries((s.Condition ?? {}) as Record<string, Json>).flatMap(([test, byVariable]) =>
      Object.entries(byVariable).map(([variable, values]) => ({ test, variable, values: list(values) ?? [] })),
    );
    return compact({
      sid: s.Sid === undefined ? undefined : String(s.Sid),
      effect: effectOf(s.Effect, at),
      actions: list(s.Action),
      notActions: list(s.NotAction),
      resources: list(s.Resource),
      notResources: list(s.NotResource),
      principals: jsonPrincipals(s.Principal),
      notPrincipals: jsonPrincipals(s.NotPrincipal),
      conditions: conditions.length > 0 ? sortConditions(conditions) : undefined,
    });
  });
}
