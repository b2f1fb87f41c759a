/**
 * How a verified identity travels from the authorizer to the handlers: as the Lambda
 * authorizer's `context` (flat string values, all API Gateway can carry), which reaches every
 * handler as `event.requestContext.authorizer` beside `principalId` and `integrationLatency`.
 * `npm run dev` puts the same object there. No aws-jwt-verify here: the handlers bundle this.
 */
import { APIGatewayProxyEvent } from 'aws-lambda';
import { CallerIdentity, callerIdentity } from './caller-identity';
import { InvalidTokenError } from './invalid-token';

/** The authorizer's context: the identity's fields, each a string, absent when the role has none. */
export interface AuthorizerContext {
  readonly tenantId: string;
  readonly role: string;
  readonly subject: string;
  readonly providerId?: string;
  readonly customerId?: string;
  readonly [key: string]: string | undefined;
}

export function toAuthorizerContext(identity: CallerIdentity): AuthorizerContext {
  const base = { tenantId: identity.tenantId, role: identity.role, subject: identity.subject };
  switch (identity.role) {
    case 'staff':
      return base;
    case 'provider':
      return { ...base, providerId: identity.providerId };
    case 'customer':
      return { ...base, customerId: identity.customerId };
  }
}

/** What API Gateway adds to the context by itself. */
const GATEWAY_KEYS = new Set(['principalId', 'integrationLatency']);
const IDENTITY_KEYS = new Set(['tenantId', 'role', 'subject', 'providerId', 'customerId']);

/**
 * The caller of a request, read back from the authorizer's context and checked by the same
 * rules as the token's claims: a missing or altered context (an API deployed without the
 * authorizer, a key the authorizer never writes, a principal that is not the subject) is
 * InvalidTokenError, never a guessed identity.
 */
export function identityFromRequestContext(event: Pick<APIGatewayProxyEvent, 'requestContext'>): CallerIdentity {
  const context: unknown = event.requestContext?.authorizer;
  if (typeof context !== 'object' || context === null || Array.isArray(context))
    throw new InvalidTokenError('request: no authorizer context');
  const fields = context as Record<string, unknown>;
  const unexpected = Object.keys(fields).filter((key) => !IDENTITY_KEYS.has(key) && !GATEWAY_KEYS.has(key));
  if (unexpected.length > 0)
    throw new InvalidTokenError(`request: unexpected authorizer context keys ${unexpected.join(', ')}`);
  const identity = callerIdentity(
    {
      tenantId: fields.tenantId,
      role: fields.role,
      subject: fields.subject,
      providerId: fields.providerId,
      customerId: fields.customerId,
    },
    'request',
  );
  if (fields.principalId !== identity.subject) throw new InvalidTokenError('request: principalId is not the subject');
  const { providerId, customerId } = fields;
  if (identity.role !== 'provider' && providerId !== undefined)
    throw new InvalidTokenError(`request: providerId for role ${identity.role}`);
  if (identity.role !== 'customer' && customerId !== undefined)
    throw new InvalidTokenError(`request: customerId for role ${identity.role}`);
  return identity;
}
