/**
 * `npm run users -- add|list|disable ...`: the operators' command for a deployed environment's
 * users (see ./arguments for the flags). Region and pool name come from the environment's
 * configuration; credentials from the usual AWS chain (AWS_PROFILE, AWS_ACCESS_KEY_ID, ...).
 * Exit codes: 0 done, 1 refused or failed (the message says why), 2 bad arguments.
 */
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { resourceName } from '../../config/naming';
import { ConfigError, resolveConfig } from '../../config/resolve';
import { parseUsersCommand, UsageError } from './arguments';
import { DirectoryError, findUserPoolId, ListedUser, UserDirectory } from './directory';

export interface Output {
  out(line: string): void;
  err(line: string): void;
}

/** The pool the stack names for `environment` (stacks/service-stack.ts: naming.name('users')). */
export const userPoolName = (environment: string) => resourceName(environment, 'users');

export async function runUsers(argv: readonly string[], env: NodeJS.ProcessEnv, output: Output): Promise<number> {
  let command;
  try {
    command = parseUsersCommand(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      output.err(error.message);
      return 2;
    }
    throw error;
  }
  const { environment } = command.target;
  try {
    const [config] = resolveConfig({ ...env, APPOINTMENTS_ENVIRONMENTS: environment }).environments;
    const client = new CognitoIdentityProviderClient({ region: config.region, maxAttempts: 5 });
    try {
      const poolId = command.target.userPoolId ?? (await findUserPoolId(client, userPoolName(environment)));
      const directory = new UserDirectory(client, poolId);
      if (command.action === 'add') {
        const { action: _action, target: _target, ...user } = command;
        await directory.add(user);
        output.out(
          `added ${user.email} to tenant ${user.tenantId} as ${user.role}; Cognito emails a temporary password`,
        );
      } else if (command.action === 'disable') {
        await directory.disable(command.tenantId, command.email);
        output.out(
          `disabled ${command.email} and signed it out; ID tokens already issued expire within their lifetime`,
        );
      } else {
        const users = await directory.list(command.tenantId);
        for (const line of table(users)) output.out(line);
        output.out(`${users.length} user(s) in tenant ${command.tenantId}`);
      }
      return 0;
    } finally {
      client.destroy();
    }
  } catch (error) {
    if (error instanceof ConfigError || error instanceof DirectoryError) {
      output.err(error.message);
      return 1;
    }
    if ((error as Error).name === 'CredentialsProviderError') {
      output.err(
        `no AWS credentials to administer ${environment}'s users: set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, for the environment's account`,
      );
      return 1;
    }
    output.err(`${(error as Error).name}: ${(error as Error).message}`);
    return 1;
  }
}

function table(users: readonly ListedUser[]): string[] {
  const rows = users.map((u) => [
    u.email,
    u.role,
    u.providerId ?? u.customerId ?? '-',
    u.status,
    u.enabled ? 'yes' : 'no',
  ]);
  const all = [['email', 'role', 'provider/customer id', 'status', 'enabled'], ...rows];
  const widths = all[0].map((_, column) => Math.max(...all.map((row) => row[column].length)));
  return all.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]))
      .join('  ')
      .trimEnd(),
  );
}

if (require.main === module) {
  void runUsers(process.argv.slice(2), process.env, {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  }).then((code) => {
    process.exitCode = code;
  });
}
