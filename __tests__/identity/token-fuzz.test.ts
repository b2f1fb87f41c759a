/**
 * 10,000 malformed tokens through the one verifier (keys fetched over real HTTPS on loopback):
 * each is refused with InvalidTokenError and nothing else (no other error type, no identity),
 * unless it spells the valid token's very bytes. Bounded work: a forged key id costs at most one
 * JWKS fetch per 10 s (aws-jwt-verify's penalty box), which is counted.
 */
import fc from 'fast-check';
import { createIdTokenVerifier } from '../../src/identity/id-token-verifier';
import { InvalidTokenError } from '../../src/identity/invalid-token';
import { HttpsJwksServer, startHttpsJwksServer } from './support/https-jwks-server';
import { malformedToken, sameBytes } from './support/malformed-tokens';
import { jwksOf, newSigningKey, testIssuer } from './support/test-issuer';

const TOKENS = 10_000;
const key = newSigningKey('fuzz-key');
let jwksServer: HttpsJwksServer;

beforeAll(async () => {
  jwksServer = await startHttpsJwksServer({ kind: 'keys', jwks: jwksOf(key) }, '/fuzz_pool');
});
afterAll(async () => {
  await jwksServer?.close();
});

it(`${TOKENS.toLocaleString('en')} malformed tokens are each refused with InvalidTokenError, never another error`, async () => {
  // Prepare
  const issuer = testIssuer(jwksServer.issuer, 'fuzz-client', key);
  const verifier = createIdTokenVerifier({ issuer: jwksServer.issuer, audience: 'fuzz-client' });
  const valid = issuer.sign(issuer.claims({ 'cognito:groups': ['customer'], 'custom:customer_id': 'c-fuzz' }));
  await expect(verifier.verify(valid)).resolves.toMatchObject({ customerId: 'c-fuzz' });
  const outcomes = { refused: 0, sameBytesAccepted: 0 };
  const fetchesBefore = jwksServer.fetches;
  // Act
  await fc.assert(
    fc.asyncProperty(malformedToken(valid, key.kid), async (token) => {
      const outcome = await verifier.verify(token).then(
        () => 'accepted' as const,
        (error: unknown) => error,
      );
      // Assess, token by token
      if (outcome === 'accepted') {
        expect(sameBytes(token, valid)).toBe(true);
        outcomes.sameBytesAccepted += 1;
      } else {
        expect(outcome).toBeInstanceOf(InvalidTokenError);
        outcomes.refused += 1;
      }
    }),
    { numRuns: TOKENS, seed: 20261202 },
  );
  // Assess, in all
  expect(outcomes.refused + outcomes.sameBytesAccepted).toBe(TOKENS);
  expect(outcomes.refused).toBeGreaterThan(TOKENS * 0.95);
  expect(jwksServer.fetches - fetchesBefore).toBeLessThanOrEqual(1 + Math.ceil(60 / 10)); // well under a minute
  process.stdout.write(
    `token fuzz: ${JSON.stringify({ ...outcomes, jwksFetches: jwksServer.fetches - fetchesBefore })}\n`,
  );
});
