/**
 * The operators' command line: `npm run users -- <add|list|disable> --env <name> ...`. Every
 * problem is reported at once, each naming its flag, before any call to AWS.
 */
import { ENTITY_ID_PATTERN, Role, ROLES, TENANT_ID_PATTERN } from '../../src/identity/caller-identity';
import type { NewUser } from './directory';

export type UsersCommand =
  | ({ readonly action: 'add'; readonly target: PoolTarget } & NewUser)
  | { readonly action: 'list'; readonly target: PoolTarget; readonly tenantId: string }
  | { readonly action: 'disable'; readonly target: PoolTarget; readonly tenantId: string; readonly email: string };

/** Which user pool: the environment's (found by name), or one named by id. */
export interface PoolTarget {
  readonly environment: string;
  readonly userPoolId?: string;
}

export class UsageError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`${problems.join('\n')}\n\n${USAGE}`);
    this.name = 'UsageError';
  }
}

export const USAGE = `usage:
  npm run users -- add --env <env> --tenant <tenant> --role staff|provider|customer --email <address>
                       [--provider-id <id>] [--customer-id <id>] [--name <display name>]
  npm run users -- list --env <env> --tenant <tenant>
  npm run users -- disable --env <env> --tenant <tenant> --email <address>
options: --user-pool-id <id> names the pool instead of finding appointments-<env>-users`;

const FLAGS_BY_ACTION = {
  add: ['env', 'tenant', 'role', 'email', 'provider-id', 'customer-id', 'name', 'user-pool-id'],
  list: ['env', 'tenant', 'user-pool-id'],
  disable: ['env', 'tenant', 'email', 'user-pool-id'],
} as const;
type Action = keyof typeof FLAGS_BY_ACTION;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The command `argv` (the words after `npm run users --`) asks for, or a UsageError. */
export function parseUsersCommand(argv: readonly string[]): UsersCommand {
  const [action, ...rest] = argv;
  if (!action || !(action in FLAGS_BY_ACTION)) {
    throw new UsageError([`the first word must be add, list or disable, not ${JSON.stringify(action ?? '')}`]);
  }
  const allowed: readonly string[] = FLAGS_BY_ACTION[action as Action];
  const problems: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < rest.length;) {
    const word = rest[i];
    const flag = word.replace(/^--/, '');
    const value = rest[i + 1];
    const hasValue = value !== undefined && !value.startsWith('--');
    if (!word.startsWith('--') || !allowed.includes(flag)) {
      problems.push(`${word}: not an option of ${action}`);
      // An unknown flag's value is not reported again as a word of its own.
      i += word.startsWith('--') && hasValue ? 2 : 1;
    } else if (!hasValue) {
      problems.push(`--${flag}: needs a value`);
      i += 1;
    } else {
      if (flags.has(flag)) problems.push(`--${flag}: given twice`);
      flags.set(flag, value);
      i += 2;
    }
  }
  const required = (flag: string, pattern: RegExp, rule: string): string => {
    const value = flags.get(flag);
    if (value === undefined) problems.push(`--${flag}: required`);
    else if (!pattern.test(value)) problems.push(`--${flag}: must be ${rule}, not ${JSON.stringify(value)}`);
    return value ?? '';
  };
  const optional = (flag: string, pattern: RegExp, rule: string): string | undefined => {
    const value = flags.get(flag);
    if (value !== undefined && !pattern.test(value))
      problems.push(`--${flag}: must be ${rule}, not ${JSON.stringify(value)}`);
    return value;
  };
  const environment = required('env', /^[a-z][a-z0-9]{1,15}$/, 'an environment name like dev');
  const userPoolId = optional('user-pool-id', /^[\w-]+_[0-9a-zA-Z]+$/, 'a user pool id like us-west-1_AbC123');
  const target: PoolTarget = { environment, ...(userPoolId ? { userPoolId } : {}) };
  const tenantId = required('tenant', TENANT_ID_PATTERN, '3 to 40 characters of a-z, 0-9 and -');
  const entityId = '1 to 64 characters of A-Z, a-z, 0-9, _ and -';

  let command: UsersCommand;
  if (action === 'list') {
    command = { action, target, tenantId };
  } else if (action === 'disable') {
    command = { action, target, tenantId, email: required('email', EMAIL, 'an email address') };
  } else {
    const role = required('role', new RegExp(`^(${ROLES.join('|')})$`), ROLES.join(', ')) as Role;
    const email = required('email', EMAIL, 'an email address');
    const providerId = optional('provider-id', ENTITY_ID_PATTERN, entityId);
    const customerId = optional('customer-id', ENTITY_ID_PATTERN, entityId);
    const name = optional('name', /^\S(.{0,198}\S)?$/u, '1 to 200 characters without leading or trailing spaces');
    if (role === 'provider' && providerId === undefined) problems.push('--provider-id: required for role provider');
    if (role !== 'provider' && providerId !== undefined) problems.push(`--provider-id: only for role provider`);
    if (role !== 'customer' && customerId !== undefined) problems.push(`--customer-id: only for role customer`);
    command = {
      action: 'add',
      target,
      tenantId,
      role,
      email,
      ...(providerId ? { providerId } : {}),
      ...(customerId ? { customerId } : {}),
      ...(name ? { name } : {}),
    };
  }
  if (problems.length > 0) throw new UsageError(problems);
  return command;
}
