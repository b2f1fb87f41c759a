import { Construct } from 'constructs';
import { CognitoUserGroup } from '@cdktf/provider-aws/lib/cognito-user-group';
import { CognitoUserPool } from '@cdktf/provider-aws/lib/cognito-user-pool';
import type { IdentitySettings } from '../../config/identity';
import { AppClient } from './app-client';

/** The roles of the contract, one Cognito group each; a token must carry exactly one. */
export const ROLE_GROUPS = {
  staff: 'Staff of the tenant: every appointment, customer and provider of the tenant',
  provider: 'A provider of the tenant: its own appointments and schedule (custom:provider_id)',
  customer: 'A customer of the tenant: its own appointments (custom:customer_id, default: sub)',
} as const;

/**
 * The custom attributes every user carries, as the ID token's `custom:` claims. The tenant is
 * fixed at creation: a user can never move to another tenant, not even by an administrator.
 */
export const CUSTOM_ATTRIBUTES = [
  { name: 'tenant_id', mutable: false, minLength: 3, maxLength: 40 },
  { name: 'provider_id', mutable: true, minLength: 1, maxLength: 64 },
  { name: 'customer_id', mutable: true, minLength: 1, maxLength: 64 },
] as const;

export interface UserPoolProps {
  /** Physical name of the pool, and of its app client. */
  readonly poolName: string;
  /** Token lifetimes, password policy, MFA, sign-in flows and threat protection of the pool. */
  readonly settings: IdentitySettings;
  /** Deletion protection (Cognito's own) and `prevent_destroy` in Terraform. */
  readonly protect: boolean;
}

/**
 * The Amazon Cognito user pool that says who calls the API: users sign in with their email,
 * carry their tenant and role, and are created by operators only (no self sign-up). Its ID
 * tokens are what the API's authorizer verifies; `issuer` and `appClient.clientId` are what it
 * verifies them against.
 */
export class UserPool extends Construct {
  readonly pool: CognitoUserPool;
  readonly appClient: AppClient;
  readonly groups: Readonly<Record<keyof typeof ROLE_GROUPS, CognitoUserGroup>>;

  constructor(scope: Construct, id: string, props: UserPoolProps) {
    super(scope, id);
    const { settings } = props;
    const password = settings.password;
    this.pool = new CognitoUserPool(this, 'Pool', {
      name: props.poolName,
      // Users sign in with their email address; the username is Cognito's own id (the `sub`).
      usernameAttributes: ['email'],
      usernameConfiguration: { caseSensitive: false },
      // Clinics add their users through the operators' command (npm run users); nobody signs up.
      adminCreateUserConfig: { allowAdminCreateUserOnly: true },
      accountRecoverySetting: { recoveryMechanism: [{ name: 'verified_email', priority: 1 }] },
      schema: CUSTOM_ATTRIBUTES.map((attribute) => ({
        name: attribute.name,
        attributeDataType: 'String',
        mutable: attribute.mutable,
        developerOnlyAttribute: false,
        required: false,
        stringAttributeConstraints: {
          minLength: String(attribute.minLength),
          maxLength: String(attribute.maxLength),
        },
      })),
      passwordPolicy: {
        minimumLength: password.minimumLength,
        requireLowercase: password.requireLowercase,
        requireUppercase: password.requireUppercase,
        requireNumbers: password.requireNumbers,
        requireSymbols: password.requireSymbols,
        temporaryPasswordValidityDays: password.temporaryPasswordValidityDays,
      },
      // A TOTP app as second factor; never SMS (billed per message, and it can be phished).
      mfaConfiguration: settings.mfa,
      softwareTokenMfaConfiguration: settings.mfa === 'OFF' ? undefined : { enabled: true },
      // Threat protection needs the PLUS feature plan; without it, ESSENTIALS.
      userPoolTier: settings.threatProtection === 'OFF' ? 'ESSENTIALS' : 'PLUS',
      userPoolAddOns:
        settings.threatProtection === 'OFF' ? undefined : { advancedSecurityMode: settings.threatProtection },
      deletionProtection: props.protect ? 'ACTIVE' : 'INACTIVE',
      lifecycle: props.protect ? { preventDestroy: true } : undefined,
    });

    const groups: Partial<Record<keyof typeof ROLE_GROUPS, CognitoUserGroup>> = {};
    for (const [role, description] of Object.entries(ROLE_GROUPS) as [keyof typeof ROLE_GROUPS, string][]) {
      groups[role] = new CognitoUserGroup(this, `${role}-group`, {
        userPoolId: this.pool.id,
        name: role,
        description,
      });
    }
    this.groups = groups as Record<keyof typeof ROLE_GROUPS, CognitoUserGroup>;

    this.appClient = new AppClient(this, 'AppClient', {
      userPoolId: this.pool.id,
      clientName: props.poolName,
      settings,
      readableAttributes: CUSTOM_ATTRIBUTES.map((attribute) => `custom:${attribute.name}`),
    });
  }

  get userPoolId(): string {
    return this.pool.id;
  }

  /** The `iss` claim of the pool's tokens: `https://cognito-idp.<region>.amazonaws.com/<pool id>`. */
  get issuer(): string {
    return `https://${this.pool.endpoint}`;
  }
}
