/**
 * The one verifier (src/identity/id-token-verifier.ts), with aws-jwt-verify's own HTTPS fetcher
 * reading the JWKS from a real HTTPS server on loopback: every way a token can fail is the one
 * InvalidTokenError with the reason of the check that refused it, and the leeway is 5 s to the
 * millisecond. Where the keys come from: ./signing-keys.test.ts.
 */
import { CallerIdentity } from '../../src/identity/caller-identity';
import { createIdTokenVerifier, IdTokenVerifier } from '../../src/identity/id-token-verifier';
import { InvalidTokenError } from '../../src/identity/invalid-token';
import { HttpsJwksServer, startHttpsJwksServer } from './support/https-jwks-server';
import {
  hs256WithPublicKey,
  jwksOf,
  newSigningKey,
  tampered,
  TestIssuer,
  testIssuer,
  unsignedToken,
} from './support/test-issuer';

const AUDIENCE = 'app-client-1';
const trusted = newSigningKey('trusted-1');
const stranger = newSigningKey('stranger-1');
let jwksServer: HttpsJwksServer;
let issuer: TestIssuer;
let verifier: IdTokenVerifier;

beforeAll(async () => {
  jwksServer = await startHttpsJwksServer({ kind: 'keys', jwks: jwksOf(trusted) });
  issuer = testIssuer(jwksServer.issuer, AUDIENCE, trusted);
  verifier = createIdTokenVerifier({ issuer: jwksServer.issuer, audience: AUDIENCE });
});

afterAll(async () => {
  await jwksServer?.close();
});

afterEach(() => jest.restoreAllMocks());

/** The reason a token was refused; fails the test when it was accepted or failed otherwise. */
async function refusal(token: string, by: IdTokenVerifier = verifier): Promise<string> {
  const outcome = await by.verify(token).then(
    (identity) => ({ accepted: identity }),
    (error: unknown) => error,
  );
  if (!(outcome instanceof InvalidTokenError))
    throw new Error(`not refused with InvalidTokenError: ${String(outcome)}`);
  expect(outcome.message).toBe('A valid ID token is required: send Authorization: Bearer <token>.');
  return outcome.reason;
}

describe('a token that proves a caller', () => {
  it.each<[string, Record<string, unknown>, CallerIdentity]>([
    ['staff', {}, { tenantId: 'clinic-a', role: 'staff', subject: 'u-staff-1' }],
    [
      'provider',
      { 'cognito:groups': ['provider'], 'custom:provider_id': 'dr-lee', sub: 'u-p' },
      { tenantId: 'clinic-a', role: 'provider', subject: 'u-p', providerId: 'dr-lee' },
    ],
    [
      'customer with custom:customer_id',
      { 'cognito:groups': ['customer'], 'custom:customer_id': 'c-1', sub: 'u-c' },
      { tenantId: 'clinic-a', role: 'customer', subject: 'u-c', customerId: 'c-1' },
    ],
    [
      'customer without one (the sub)',
      { 'cognito:groups': ['customer'], sub: '3f1c0d6e-5b0a-4c2e-9c1e-2f8a7d6b5c4a' },
      {
        tenantId: 'clinic-a',
        role: 'customer',
        subject: '3f1c0d6e-5b0a-4c2e-9c1e-2f8a7d6b5c4a',
        customerId: '3f1c0d6e-5b0a-4c2e-9c1e-2f8a7d6b5c4a',
      },
    ],
    [
      'staff also in a group that is no role',
      { 'cognito:groups': ['reporting', 'staff'] },
      { tenantId: 'clinic-a', role: 'staff', subject: 'u-staff-1' },
    ],
  ])('a valid %s token yields exactly its identity', async (_name, overrides, identity) => {
    expect(await verifier.verify(issuer.sign(issuer.claims(overrides)))).toEqual(identity);
  });
});

describe('every token that does not prove a caller is InvalidTokenError with the failing check as reason', () => {
  const now = () => Math.floor(Date.now() / 1000);
  it.each<[string, () => string, RegExp]>([
    ['missing', () => '', /^no token$/],
    ['not a JWT', () => 'not-a-token', /malformed/],
    ['three parts of nothing', () => 'a.b.c', /malformed/],
    ['a header that is no JSON object', () => `${Buffer.from('[1]').toString('base64url')}.e30.AAAA`, /alg undefined/],
    ['longer than 8 KB', () => issuer.sign(issuer.claims({ pad: 'x'.repeat(9000) })), /longer than 8192/],
    ['expired', () => issuer.sign(issuer.claims({ exp: now() - 60 })), /: expired:/],
    ['not yet valid', () => issuer.sign(issuer.claims({ nbf: now() + 60 })), /not yet valid/],
    ['without exp', () => issuer.sign(issuer.claims({ exp: undefined })), /no exp claim/],
    ['signed by another key (its own kid)', () => issuer.sign(issuer.claims(), stranger), /unknown key id/],
    [
      'signed by another key under the trusted kid',
      () => issuer.sign(issuer.claims(), { ...stranger, kid: trusted.kid }),
      /signature mismatch/,
    ],
    ['alg none, no signature', () => unsignedToken(trusted.kid, issuer.claims()), /alg none/],
    ['alg none, any signature', () => `${unsignedToken(trusted.kid, issuer.claims())}AAAA`, /alg none/],
    ['HS256 keyed with the public key', () => hs256WithPublicKey(trusted, issuer.claims()), /alg HS256/],
    ['RS512 under the trusted kid', () => issuer.sign(issuer.claims(), trusted, { alg: 'RS512' }), /alg RS512/],
    ['from another issuer', () => issuer.sign(issuer.claims({ iss: 'https://evil.example' })), /wrong issuer/],
    ['for another audience', () => issuer.sign(issuer.claims({ aud: 'other-client' })), /wrong audience/],
    ['an access token', () => issuer.sign(issuer.claims({ token_use: 'access' })), /token_use is not id/],
    [
      'tampered claims (tenant changed after signing)',
      () => tampered(issuer.sign(issuer.claims()), issuer.claims({ 'custom:tenant_id': 'clinic-b' })),
      /signature mismatch/,
    ],
    ['without a tenant', () => issuer.sign(issuer.claims({ 'custom:tenant_id': undefined })), /no valid tenant id/],
    ['with a bad tenant', () => issuer.sign(issuer.claims({ 'custom:tenant_id': 'Clinic_A' })), /no valid tenant id/],
    ['with a short tenant', () => issuer.sign(issuer.claims({ 'custom:tenant_id': 'ab' })), /no valid tenant id/],
    ['without a role', () => issuer.sign(issuer.claims({ 'cognito:groups': undefined })), /no role group/],
    ['with only other groups', () => issuer.sign(issuer.claims({ 'cognito:groups': ['admins'] })), /no role group/],
    [
      'with several roles',
      () => issuer.sign(issuer.claims({ 'cognito:groups': ['staff', 'customer'] })),
      /several role groups/,
    ],
    ['with groups as text', () => issuer.sign(issuer.claims({ 'cognito:groups': 'staff' })), /not a list/],
    [
      'a provider without provider_id',
      () => issuer.sign(issuer.claims({ 'cognito:groups': ['provider'] })),
      /role provider without a valid provider id/,
    ],
    [
      'a provider with a bad provider_id',
      () => issuer.sign(issuer.claims({ 'cognito:groups': ['provider'], 'custom:provider_id': 'dr lee' })),
      /role provider without a valid provider id/,
    ],
    [
      'a customer with a bad customer_id',
      () => issuer.sign(issuer.claims({ 'cognito:groups': ['customer'], 'custom:customer_id': 'c/1' })),
      /role customer without a valid customer id/,
    ],
    ['without a subject', () => issuer.sign(issuer.claims({ sub: undefined })), /no valid subject/],
  ])('%s', async (_name, token, reason) => {
    expect(await refusal(token())).toMatch(reason);
  });

  it('a reason never holds the token', async () => {
    const token = issuer.sign(issuer.claims({ iss: 'https://evil.example' }));
    const reason = await refusal(token);
    expect(reason).not.toContain(token);
    expect(reason).not.toContain(token.split('.')[2]);
  });
});

describe('the clock leeway is 5 s, exactly', () => {
  const exp = 2_000_000_000;
  it('exp + 5 s is still valid; 1 ms later it is not', async () => {
    const token = issuer.sign(issuer.claims({ iat: exp - 3600, exp }));
    jest.spyOn(Date, 'now').mockReturnValue((exp + 5) * 1000);
    await expect(verifier.verify(token)).resolves.toMatchObject({ role: 'staff' });
    jest.spyOn(Date, 'now').mockReturnValue((exp + 5) * 1000 + 1);
    expect(await refusal(token)).toMatch(/: expired:/);
  });

  it('nbf - 5 s is already valid; 1 ms earlier it is not', async () => {
    const token = issuer.sign(issuer.claims({ iat: exp - 3600, nbf: exp, exp: exp + 3600 }));
    jest.spyOn(Date, 'now').mockReturnValue((exp - 5) * 1000);
    await expect(verifier.verify(token)).resolves.toMatchObject({ role: 'staff' });
    jest.spyOn(Date, 'now').mockReturnValue((exp - 5) * 1000 - 1);
    expect(await refusal(token)).toMatch(/not yet valid/);
  });
});
