/**
 * Who is calling, as the rest of the service sees it: a tenant, exactly one role and the ids the
 * role carries. Built only from a verified token's claims (./id-token-verifier) or from the
 * authorizer context those claims became (./authorizer-context), by the same rules.
 */
import { InvalidTokenError } from './invalid-token';

export const ROLES = ['staff', 'provider', 'customer'] as const;
export type Role = (typeof ROLES)[number];

/** `custom:tenant_id` (contract, *Identity and tenants*). */
export const TENANT_ID_PATTERN = /^[a-z0-9-]{3,40}$/;
/** Provider and customer ids, as everywhere in the contract. */
export const ENTITY_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
/** `sub`: a Cognito sub is a UUID; the local issuer's subjects follow the same alphabet. */
export const SUBJECT_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

interface IdentityBase {
  /** The tenant every read and write of this caller is confined to. */
  readonly tenantId: string;
  /** The caller (`sub`): scopes idempotency records. */
  readonly subject: string;
}
export interface StaffIdentity extends IdentityBase {
  readonly role: 'staff';
}
export interface ProviderIdentity extends IdentityBase {
  readonly role: 'provider';
  /** The provider the caller is. */
  readonly providerId: string;
}
export interface CustomerIdentity extends IdentityBase {
  readonly role: 'customer';
  /** The customer the caller is (`custom:customer_id`, else `sub`). */
  readonly customerId: string;
}
export type CallerIdentity = StaffIdentity | ProviderIdentity | CustomerIdentity;

/** The identity's parts before validation, from claims or from an authorizer context. */
export interface IdentityFields {
  readonly tenantId: unknown;
  readonly role: unknown;
  readonly subject: unknown;
  readonly providerId?: unknown;
  readonly customerId?: unknown;
}

const matches = (value: unknown, pattern: RegExp): value is string => typeof value === 'string' && pattern.test(value);

/** A valid identity from its parts, or InvalidTokenError naming the part (`source` says where from). */
export function callerIdentity(fields: IdentityFields, source: string): CallerIdentity {
  const { tenantId, role, subject } = fields;
  if (!matches(tenantId, TENANT_ID_PATTERN)) throw new InvalidTokenError(`${source}: no valid tenant id`);
  if (!matches(subject, SUBJECT_PATTERN)) throw new InvalidTokenError(`${source}: no valid subject`);
  switch (role) {
    case 'staff':
      return { tenantId, role, subject };
    case 'provider':
      if (!matches(fields.providerId, ENTITY_ID_PATTERN))
        throw new InvalidTokenError(`${source}: role provider without a valid provider id`);
      return { tenantId, role, subject, providerId: fields.providerId };
    case 'customer':
      if (!matches(fields.customerId, ENTITY_ID_PATTERN))
        throw new InvalidTokenError(`${source}: role customer without a valid customer id`);
      return { tenantId, role, subject, customerId: fields.customerId };
    default:
      throw new InvalidTokenError(`${source}: no valid role`);
  }
}

/**
 * The identity an ID token's claims make. Groups other than the three roles are ignored (a pool
 * may hold groups for other tools); no role group, or several, is invalid.
 */
export function identityFromClaims(claims: Readonly<Record<string, unknown>>): CallerIdentity {
  const groups = claims['cognito:groups'];
  if (groups !== undefined && !(Array.isArray(groups) && groups.every((g) => typeof g === 'string')))
    throw new InvalidTokenError('token: cognito:groups is not a list of names');
  const roles = ((groups ?? []) as string[]).filter((group): group is Role =>
    (ROLES as readonly string[]).includes(group),
  );
  if (roles.length !== 1)
    throw new InvalidTokenError(`token: ${roles.length === 0 ? 'no role group' : 'several role groups'}`);
  return callerIdentity(
    {
      tenantId: claims['custom:tenant_id'],
      role: roles[0],
      subject: claims.sub,
      providerId: claims['custom:provider_id'],
      customerId: claims['custom:customer_id'] ?? claims.sub,
    },
    'token',
  );
}
