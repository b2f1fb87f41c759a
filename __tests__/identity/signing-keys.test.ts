/**
 * Where the verifier's keys come from (src/identity/id-token-verifier.ts), with aws-jwt-verify's
 * own HTTPS fetcher against real HTTPS servers on loopback: fetched once, refetched at most once
 * per 10 s for forged key ids, not at all when given up front, and when they cannot be fetched
 * the failure is SigningKeysUnavailableError (a 500), never a refused token (a 401).
 */
import { createIdTokenVerifier, IdTokenVerifier } from '../../src/identity/id-token-verifier';
import { InvalidTokenError, SigningKeysUnavailableError } from '../../src/identity/invalid-token';
import { HttpsJwksServer, startHttpsJwksServer } from './support/https-jwks-server';
import { jwksOf, newSigningKey, TestIssuer, testIssuer } from './support/test-issuer';

const AUDIENCE = 'app-client-1';
const trusted = newSigningKey('trusted-1');
const stranger = newSigningKey('stranger-1');
let jwksServer: HttpsJwksServer;
let issuer: TestIssuer;

beforeAll(async () => {
  jwksServer = await startHttpsJwksServer({ kind: 'keys', jwks: jwksOf(trusted) });
  issuer = testIssuer(jwksServer.issuer, AUDIENCE, trusted);
});

afterAll(async () => {
  await jwksServer?.close();
});

const refusal = (token: string, by: IdTokenVerifier) =>
  by.verify(token).then(
    () => 'accepted',
    (error: unknown) => (error instanceof InvalidTokenError ? error.reason : error),
  );

describe('the signing keys', () => {
  it('are fetched once, and a stream of unknown key ids costs one more fetch, not one each', async () => {
    const fresh = createIdTokenVerifier({ issuer: jwksServer.issuer, audience: AUDIENCE });
    const before = jwksServer.fetches;
    for (let i = 0; i < 3; i++) await fresh.verify(issuer.sign(issuer.claims()));
    expect(jwksServer.fetches - before).toBe(1);
    for (let i = 0; i < 20; i++)
      expect(await refusal(issuer.sign(issuer.claims(), { ...stranger, kid: `forged-${i}` }), fresh)).toMatch(
        /unknown key id/,
      );
    expect(jwksServer.fetches - before).toBe(2); // then 10 s of aws-jwt-verify's penalty box
  });

  it('given up front (cacheJwks) need no fetch at all', async () => {
    const preloaded = createIdTokenVerifier({ issuer: jwksServer.issuer, audience: AUDIENCE, jwks: jwksOf(trusted) });
    const before = jwksServer.fetches;
    await expect(preloaded.verify(issuer.sign(issuer.claims()))).resolves.toMatchObject({ role: 'staff' });
    expect(jwksServer.fetches).toBe(before);
  });
});

describe('keys that cannot be fetched are SigningKeysUnavailableError, never a refused token', () => {
  let failing: HttpsJwksServer;
  beforeAll(async () => {
    failing = await startHttpsJwksServer({ kind: 'status', status: 503 }, '/us-test-1_down');
  });
  afterAll(async () => {
    await failing?.close();
  });

  it.each<[string, Parameters<HttpsJwksServer['setMode']>[0], number]>([
    ['an error status (not retried)', { kind: 'status', status: 503 }, 1],
    ['a dropped connection (retried once)', { kind: 'reset' }, 2],
    ['a body that is no JWKS', { kind: 'status', status: 200 }, 1],
  ])('%s', async (_name, mode, attempts) => {
    failing.setMode(mode);
    const down = createIdTokenVerifier({ issuer: failing.issuer, audience: AUDIENCE });
    const token = testIssuer(failing.issuer, AUDIENCE, trusted).sign(
      testIssuer(failing.issuer, AUDIENCE, trusted).claims(),
    );
    const before = failing.fetches;
    const error = await down.verify(token).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SigningKeysUnavailableError);
    expect(error).not.toBeInstanceOf(InvalidTokenError);
    expect(failing.fetches - before).toBe(attempts);
  });
});
