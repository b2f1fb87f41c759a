/**
 * Each protection of who may call the API, removed one at a time (see removals.ts): the token
 * authorizer and the API key on every method, the authorizer's scoped invoke permission, the
 * user pool's immutable tenant, operator-only sign-up, self-writable attributes, deletion
 * protection, and the topic's sns:Protocol condition.
 */
import type { Removal } from './removals';

const IDENTITY_TESTS = [
  '__tests__/stacks/identity-user-pool.test.ts',
  '__tests__/stacks/identity-authorizer.test.ts',
  '__tests__/stacks/identity-client-keys.test.ts',
  '__tests__/security/policy-table.test.ts',
];

const edit = (name: string, file: string, find: string, replace: string): Removal => ({
  name: `identity: ${name}`,
  file,
  find,
  replace,
  tests: IDENTITY_TESTS,
});

export const IDENTITY_REMOVALS: readonly Removal[] = [
  edit(
    'methods without the token authorizer',
    'constructs/api/rest-api.ts',
    "authorization: 'CUSTOM',\n        authorizerId: this.authorizer.id,",
    "authorization: 'NONE',",
  ),
  edit('methods without the API key', 'constructs/api/rest-api.ts', 'apiKeyRequired: true,', 'apiKeyRequired: false,'),
  edit(
    'the authorizer function invocable from any part of the API',
    'constructs/api/request-authorizer.ts',
    'sourceArn: `${props.api.executionArn}/authorizers/${this.authorizer.id}`,',
    'sourceArn: `${props.api.executionArn}/*`,',
  ),
  edit(
    'rename sns:Protocol',
    'constructs/notifications/encrypted-topic.ts',
    "variable: 'sns:Protocol'",
    "variable: 'sns:ProtocolRenamed'",
  ),
  edit(
    'delete the sns:Protocol condition',
    'constructs/notifications/encrypted-topic.ts',
    "const otherProtocols = [{ test: 'StringNotEquals', variable: 'sns:Protocol', values: protocols }];",
    'const otherProtocols: { test: string; variable: string; values: string[] }[] = [];',
  ),
  edit(
    'no deletion protection on the user pool',
    'constructs/identity/user-pool.ts',
    "deletionProtection: props.protect ? 'ACTIVE' : 'INACTIVE',",
    "deletionProtection: 'INACTIVE',",
  ),
  edit(
    'no prevent_destroy on the user pool',
    'constructs/identity/user-pool.ts',
    'lifecycle: props.protect ? { preventDestroy: true } : undefined,',
    'lifecycle: undefined,',
  ),
  edit(
    'a mutable tenant',
    'constructs/identity/user-pool.ts',
    "{ name: 'tenant_id', mutable: false,",
    "{ name: 'tenant_id', mutable: true,",
  ),
  edit(
    'self sign-up',
    'constructs/identity/user-pool.ts',
    'adminCreateUserConfig: { allowAdminCreateUserOnly: true },',
    'adminCreateUserConfig: { allowAdminCreateUserOnly: false },',
  ),
  edit(
    'users may write their customer id',
    'constructs/identity/app-client.ts',
    "export const SELF_WRITABLE_ATTRIBUTES: readonly string[] = ['name'];",
    "export const SELF_WRITABLE_ATTRIBUTES: readonly string[] = ['name', 'custom:customer_id'];",
  ),
];
