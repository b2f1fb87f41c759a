/**
 * The identity's way from the authorizer to the handlers (src/identity/authorizer-context.ts):
 * what the authorizer writes is read back as the same identity, and anything else in
 * `requestContext.authorizer` is refused rather than guessed at.
 */
import { APIGatewayProxyEvent } from 'aws-lambda';
import { identityFromRequestContext, toAuthorizerContext } from '../../src/identity/authorizer-context';
import { CallerIdentity } from '../../src/identity/caller-identity';
import { bearerToken } from '../../src/identity/id-token-verifier';
import { InvalidTokenError } from '../../src/identity/invalid-token';

const eventWith = (authorizer: unknown) => ({ requestContext: { authorizer } }) as unknown as APIGatewayProxyEvent;
/** As API Gateway passes a Lambda authorizer's result: its context plus principalId and integrationLatency. */
const asDelivered = (identity: CallerIdentity, extra: Record<string, unknown> = {}) =>
  eventWith({ ...toAuthorizerContext(identity), principalId: identity.subject, integrationLatency: 12, ...extra });

const reasonOf = (work: () => unknown): string => {
  try {
    work();
  } catch (error) {
    if (error instanceof InvalidTokenError) return error.reason;
    throw error;
  }
  throw new Error('not refused');
};

describe('an identity written by the authorizer', () => {
  it.each<CallerIdentity>([
    { tenantId: 'clinic-a', role: 'staff', subject: 's-1' },
    { tenantId: 'clinic-a', role: 'provider', subject: 'p-1', providerId: 'dr-lee' },
    { tenantId: 'clinic-a', role: 'customer', subject: 'c-1', customerId: 'cust-7' },
  ])('is read back as itself: %j', (identity) => {
    expect(toAuthorizerContext(identity)).toEqual(identity);
    expect(identityFromRequestContext(asDelivered(identity))).toEqual(identity);
  });
});

describe('a context the authorizer never writes is InvalidTokenError', () => {
  const staff: CallerIdentity = { tenantId: 'clinic-a', role: 'staff', subject: 's-1' };
  it.each<[string, APIGatewayProxyEvent, string]>([
    ['none (an API without the authorizer)', eventWith(null), 'request: no authorizer context'],
    ['an array', eventWith([]), 'request: no authorizer context'],
    ['an extra key', asDelivered(staff, { isAdmin: 'true' }), 'request: unexpected authorizer context keys isAdmin'],
    [
      'a principal that is not the subject',
      asDelivered(staff, { principalId: 'other' }),
      'request: principalId is not the subject',
    ],
    ['providerId for staff', asDelivered(staff, { providerId: 'dr-lee' }), 'request: providerId for role staff'],
    ['customerId for staff', asDelivered(staff, { customerId: 'c-1' }), 'request: customerId for role staff'],
    ['a bad tenant', asDelivered({ ...staff, tenantId: 'x' }), 'request: no valid tenant id'],
    [
      'an unknown role',
      eventWith({ tenantId: 'clinic-a', role: 'admin', subject: 's-1', principalId: 's-1' }),
      'request: no valid role',
    ],
    [
      'a provider without its id',
      eventWith({ tenantId: 'clinic-a', role: 'provider', subject: 'p', principalId: 'p' }),
      'request: role provider without a valid provider id',
    ],
  ])('%s', (_name, event, reason) => {
    expect(reasonOf(() => identityFromRequestContext(event))).toBe(reason);
  });
});

describe('the bearer token of a request', () => {
  it.each<[string, Record<string, string> | null, Record<string, string[]> | null, string]>([
    ['from the single-value map, any case', { AUTHORIZATION: 'Bearer a.b.c' }, null, 'a.b.c'],
    ['from the multi-value map first', { Authorization: 'Bearer x.y.z' }, { authorization: ['bearer a.b.c'] }, 'a.b.c'],
    ['with spaces around', { authorization: 'Bearer   a.b.c  ' }, null, 'a.b.c'],
  ])('is read %s', (_name, headers, multi, token) => {
    expect(bearerToken(headers, multi)).toBe(token);
  });

  it.each<[string, Record<string, string> | null, Record<string, string[]> | null, string]>([
    ['no header', {}, {}, 'no Authorization header'],
    ['no maps', null, null, 'no Authorization header'],
    [
      'twice',
      null,
      { Authorization: ['Bearer a.b.c'], authorization: ['Bearer a.b.c'] },
      'several Authorization headers',
    ],
    ['the scheme alone', { Authorization: 'Bearer' }, null, 'Authorization is not "Bearer <token>"'],
    ['two words', { Authorization: 'Bearer a.b.c d' }, null, 'Authorization is not "Bearer <token>"'],
    ['another scheme', { Authorization: 'Token a.b.c' }, null, 'Authorization is not "Bearer <token>"'],
  ])('is refused with %s', (_name, headers, multi, reason) => {
    expect(reasonOf(() => bearerToken(headers, multi))).toBe(reason);
  });
});
