/**
 * `POST /dev/tokens` bodies (contract, *The local development server*): the fields of a token,
 * checked by the rules the verifier applies to the claims (src/identity/caller-identity), so
 * the local issuer never signs a token the API would then refuse. Each failure names its field.
 */
import { ValidationDetail } from '../../src/domain/errors';
import { ENTITY_ID_PATTERN, Role, ROLES, SUBJECT_PATTERN, TENANT_ID_PATTERN } from '../../src/identity/caller-identity';
import { LocalTokenRequest } from './local-issuer';

/** The contract's bounds of `expiresInSeconds`. */
export const MAX_TOKEN_LIFETIME_SECONDS = 86_400;
const FIELDS = new Set(['tenantId', 'role', 'subject', 'providerId', 'customerId', 'expiresInSeconds']);

export type TokenRequestResult =
  | { readonly ok: true; readonly request: LocalTokenRequest }
  | { readonly ok: false; readonly details: readonly ValidationDetail[] };

const isRole = (value: unknown): value is Role => (ROLES as readonly unknown[]).includes(value);

export function readTokenRequest(body: unknown): TokenRequestResult {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { ok: false, details: [{ path: 'body', message: 'must be a JSON object' }] };
  const fields = body as Record<string, unknown>;
  const details: ValidationDetail[] = Object.keys(fields)
    .filter((key) => !FIELDS.has(key))
    .map((key) => ({ path: key, message: 'is not a field of a token request' }));
  const pattern = (name: string, rule: RegExp, description: string) => {
    if (typeof fields[name] !== 'string' || !rule.test(fields[name] as string))
      details.push({ path: name, message: `must be ${description}` });
  };
  pattern('tenantId', TENANT_ID_PATTERN, '3 to 40 characters of a-z, 0-9 and -');
  pattern('subject', SUBJECT_PATTERN, '1 to 128 characters of A-Z, a-z, 0-9, _ and -');
  const { role } = fields;
  if (!isRole(role)) details.push({ path: 'role', message: `must be one of ${ROLES.join(', ')}` });
  if (role === 'provider') pattern('providerId', ENTITY_ID_PATTERN, '1 to 64 characters of A-Z, a-z, 0-9, _ and -');
  else if (fields.providerId !== undefined) details.push({ path: 'providerId', message: 'is only for role provider' });
  if (role === 'customer' && fields.customerId !== undefined)
    pattern('customerId', ENTITY_ID_PATTERN, '1 to 64 characters of A-Z, a-z, 0-9, _ and -');
  else if (role !== 'customer' && fields.customerId !== undefined)
    details.push({ path: 'customerId', message: 'is only for role customer' });
  const lifetime = fields.expiresInSeconds;
  if (
    lifetime !== undefined &&
    !(Number.isInteger(lifetime) && (lifetime as number) >= 1 && (lifetime as number) <= MAX_TOKEN_LIFETIME_SECONDS)
  )
    details.push({ path: 'expiresInSeconds', message: `must be an integer from 1 to ${MAX_TOKEN_LIFETIME_SECONDS}` });
  if (details.length > 0 || !isRole(role)) return { ok: false, details };
  return {
    ok: true,
    request: {
      tenantId: fields.tenantId as string,
      role,
      subject: fields.subject as string,
      ...(role === 'provider' ? { providerId: fields.providerId as string } : {}),
      ...(role === 'customer' && fields.customerId !== undefined ? { customerId: fields.customerId as string } : {}),
      ...(lifetime === undefined ? {} : { expiresInSeconds: lifetime as number }),
    },
  };
}
