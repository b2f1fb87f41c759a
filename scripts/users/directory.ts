/**
 * A tenant's users in the environment's Cognito user pool, over the admin API: the only way users
 * are made (the pool allows no self sign-up). Throttling and transient failures are retried by
 * the SDK with backoff (the client's `maxAttempts`). A user is created and put in its role's
 * group as one step: if the group cannot be joined, the user is deleted again, so no user
 * is ever left without a role (such a user's tokens would be refused anyway, but half-made users
 * confuse every later `list`).
 */
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminGetUserCommand,
  AdminUserGlobalSignOutCommand,
  AttributeType,
  CognitoIdentityProviderClient,
  ListUserPoolsCommand,
  ListUsersInGroupCommand,
  UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import { Role, ROLES } from '../../src/identity/caller-identity';

export interface NewUser {
  readonly tenantId: string;
  readonly role: Role;
  readonly email: string;
  readonly providerId?: string;
  readonly customerId?: string;
  readonly name?: string;
}

export interface ListedUser {
  readonly email: string;
  readonly role: Role;
  readonly providerId?: string;
  readonly customerId?: string;
  readonly status: string;
  readonly enabled: boolean;
}

/** A refusal the operator can act on (wrong tenant, unknown user, no such pool). */
export class DirectoryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DirectoryError';
  }
}

const attribute = (attributes: readonly AttributeType[] | undefined, name: string) =>
  attributes?.find((a) => a.Name === name)?.Value;

/** The pool named `poolName`: exactly one, or a DirectoryError. */
export async function findUserPoolId(client: CognitoIdentityProviderClient, poolName: string): Promise<string> {
  const ids: string[] = [];
  let NextToken: string | undefined;
  do {
    const page = await client.send(new ListUserPoolsCommand({ MaxResults: 60, NextToken }));
    ids.push(...(page.UserPools ?? []).filter((p) => p.Name === poolName).map((p) => p.Id as string));
    NextToken = page.NextToken;
  } while (NextToken);
  if (ids.length !== 1) {
    throw new DirectoryError(
      ids.length === 0
        ? `no user pool named ${poolName} in this account and region: deploy the stack first, or pass --user-pool-id`
        : `${ids.length} user pools are named ${poolName}: pass --user-pool-id`,
    );
  }
  return ids[0];
}

export class UserDirectory {
  constructor(
    private readonly client: CognitoIdentityProviderClient,
    private readonly userPoolId: string,
  ) {}

  /** Creates the user (Cognito emails a temporary password) and puts it in its role's group. */
  async add(user: NewUser): Promise<void> {
    const attributes: AttributeType[] = [
      { Name: 'email', Value: user.email },
      { Name: 'email_verified', Value: 'true' },
      { Name: 'custom:tenant_id', Value: user.tenantId },
      ...(user.providerId ? [{ Name: 'custom:provider_id', Value: user.providerId }] : []),
      ...(user.customerId ? [{ Name: 'custom:customer_id', Value: user.customerId }] : []),
      ...(user.name ? [{ Name: 'name', Value: user.name }] : []),
    ];
    await this.client
      .send(
        new AdminCreateUserCommand({
          UserPoolId: this.userPoolId,
          Username: user.email,
          UserAttributes: attributes,
          DesiredDeliveryMediums: ['EMAIL'],
        }),
      )
      .catch((error: Error) => {
        if (error.name === 'UsernameExistsException') throw new DirectoryError(`${user.email} is already a user`);
        throw error;
      });
    try {
      await this.client.send(
        new AdminAddUserToGroupCommand({ UserPoolId: this.userPoolId, Username: user.email, GroupName: user.role }),
      );
    } catch (error) {
      await this.client.send(new AdminDeleteUserCommand({ UserPoolId: this.userPoolId, Username: user.email }));
      throw new DirectoryError(
        `could not put ${user.email} in group ${user.role} (${(error as Error).name}: ${(error as Error).message}); the user was deleted again, nothing is left behind`,
      );
    }
  }

  /** The tenant's users, by role then email. */
  async list(tenantId: string): Promise<ListedUser[]> {
    const users: ListedUser[] = [];
    for (const role of ROLES) {
      let NextToken: string | undefined;
      do {
        const page = await this.client.send(
          new ListUsersInGroupCommand({ UserPoolId: this.userPoolId, GroupName: role, Limit: 60, NextToken }),
        );
        for (const user of page.Users ?? []) {
          if (attribute(user.Attributes, 'custom:tenant_id') === tenantId) users.push(listed(user, role));
        }
        NextToken = page.NextToken;
      } while (NextToken);
    }
    return users.sort((a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role) || a.email.localeCompare(b.email));
  }

  /**
   * Disables the user and signs it out everywhere (its refresh tokens stop working; an ID token
   * already issued stays valid until it expires: at most the pool's ID-token lifetime). Refused
   * unless the user belongs to `tenantId`, so an operator cannot reach across tenants by a typo.
   */
  async disable(tenantId: string, email: string): Promise<void> {
    const user = await this.client
      .send(new AdminGetUserCommand({ UserPoolId: this.userPoolId, Username: email }))
      .catch((error: Error) => {
        if (error.name === 'UserNotFoundException') throw new DirectoryError(`no user ${email} in this pool`);
        throw error;
      });
    const owner = attribute(user.UserAttributes, 'custom:tenant_id');
    if (owner !== tenantId) throw new DirectoryError(`${email} is not a user of tenant ${tenantId}; nothing changed`);
    await this.client.send(new AdminDisableUserCommand({ UserPoolId: this.userPoolId, Username: email }));
    await this.client.send(new AdminUserGlobalSignOutCommand({ UserPoolId: this.userPoolId, Username: email }));
  }
}

function listed(user: UserType, role: Role): ListedUser {
  const providerId = attribute(user.Attributes, 'custom:provider_id');
  const customerId = attribute(user.Attributes, 'custom:customer_id');
  return {
    email: attribute(user.Attributes, 'email') ?? (user.Username as string),
    role,
    ...(providerId ? { providerId } : {}),
    ...(customerId ? { customerId } : {}),
    status: user.UserStatus ?? 'UNKNOWN',
    enabled: user.Enabled ?? false,
  };
}
