/**
 * The local API's identity layer over real HTTP, with handlers that only report what reached
 * them: every contract route requires a token verified by src/identity (the deployed
 * authorizer's module), a refused one answers the contract's 401 and reaches no handler, and an
 * accepted one arrives as `requestContext.authorizer` exactly as the handlers will read it.
 */
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { APIGatewayProxyEvent } from 'aws-lambda';
import { attachLocalApi } from '../../dev/local/api-gateway';
import { createLocalIssuer, LocalIssuer } from '../../dev/local/local-issuer';
import { ApiHandler } from '../../src/http/handler';
import { identityFromRequestContext } from '../../src/identity/authorizer-context';
import { OPERATION_NAMES, OperationName } from '../../src/operations';
import { malformedToken, sameBytes } from '../identity/support/malformed-tokens';
import { newSigningKey, testIssuer, TestIssuer } from '../identity/support/test-issuer';
import { hostileTokenCases } from './support/hostile-token-cases';

const API_KEY = 'local-identity-key';
const UNAUTHENTICATED =
  '{"error":{"code":"UNAUTHENTICATED","message":"A valid ID token is required: send Authorization: Bearer <token>."}}';
const key = newSigningKey('local-key-1');
const reached: APIGatewayProxyEvent[] = [];
let server: Server;
let base: string;
let local: LocalIssuer;
let forge: TestIssuer;

/** Each operation's handler answers 200 with the identity it reads, as the real ones will. */
const echo: ApiHandler = async (event) => {
  reached.push(event);
  return { statusCode: 200, body: JSON.stringify(identityFromRequestContext(event)) };
};

beforeAll(async () => {
  server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  local = createLocalIssuer({ issuer: base, signingKey: key });
  forge = testIssuer(base, local.audience, key);
  const handlers = Object.fromEntries(OPERATION_NAMES.map((name) => [name, echo])) as Record<OperationName, ApiHandler>;
  attachLocalApi(server, { handlers, apiKey: API_KEY, issuer: local });
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => (reached.length = 0));

const get = (authorization: string | undefined, apiKey = API_KEY, path = '/appointments/appt-1') =>
  fetch(`${base}${path}`, {
    headers: { 'x-api-key': apiKey, ...(authorization === undefined ? {} : { authorization }) },
  }).then(async (response) => ({ status: response.status, body: await response.text() }));

describe('an accepted token', () => {
  it.each([
    ['staff', { tenantId: 'clinic-a', role: 'staff', subject: 's-1' }],
    ['provider', { tenantId: 'clinic-a', role: 'provider', subject: 'p-1', providerId: 'dr-lee' }],
    ['customer', { tenantId: 'clinic-a', role: 'customer', subject: 'c-1', customerId: 'cust-9' }],
  ] as const)('of a %s reaches the handler as API Gateway passes the authorizer context', async (_role, identity) => {
    const { token } = local.issue(identity);
    const answer = await get(`Bearer ${token}`);
    expect(answer).toEqual({ status: 200, body: JSON.stringify(identity) });
    const { tenantId, role, subject } = identity;
    expect(reached[0].requestContext.authorizer).toEqual({
      ...identity,
      tenantId,
      role,
      subject,
      principalId: subject,
      integrationLatency: expect.any(Number),
    });
  });

  it('with a wrong API key answers 403 Forbidden (the key is checked after the authorizer)', async () => {
    const { token } = local.issue({ tenantId: 'clinic-a', role: 'staff', subject: 's-1' });
    expect(await get(`Bearer ${token}`, 'wrong')).toEqual({ status: 403, body: '{"message":"Forbidden"}' });
    expect(reached).toEqual([]);
  });
});

describe('a refused token answers the contract 401 and reaches no handler', () => {
  it.each(hostileTokenCases(() => ({ forge, key })))('%s', async (_name, authorization) => {
    for (const path of ['/appointments/appt-1', '/appointments?providerId=dr-lee']) {
      expect(await get(authorization(), API_KEY, path)).toEqual({ status: 401, body: UNAUTHENTICATED });
    }
    expect(reached).toEqual([]);
  });

  it('whatever the API key, as API Gateway runs the authorizer first', async () => {
    expect(await get(undefined, 'wrong')).toEqual({ status: 401, body: UNAUTHENTICATED });
  });

  it('the local routes need none: the JWKS (public parts only) and the OpenAPI-free 404 of an unknown path', async () => {
    const jwks = await fetch(`${base}/.well-known/jwks.json`).then((r) => r.json());
    expect(jwks).toEqual({
      keys: [{ kty: 'RSA', n: expect.any(String), e: 'AQAB', kid: 'local-key-1', alg: 'RS256', use: 'sig' }],
    });
    expect(await get(undefined, API_KEY, '/nothing-here')).toMatchObject({ status: 404 });
  });
});

it('500 malformed bearer tokens over HTTP never answer 5xx, and only their valid spelling reaches a handler', async () => {
  const { token: valid } = local.issue({ tenantId: 'clinic-a', role: 'staff', subject: 's-fuzz' });
  const statuses: Record<number, number> = {};
  await fc.assert(
    fc.asyncProperty(
      malformedToken(valid, key.kid).filter((token) => /^[\x21-\x7e]*$/.test(token) && token.length < 12_000),
      async (token) => {
        reached.length = 0;
        const answer = await get(`Bearer ${token}`);
        statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
        if (answer.status === 200) expect(sameBytes(token, valid)).toBe(true);
        else expect(answer).toEqual({ status: 401, body: UNAUTHENTICATED });
        expect(reached).toHaveLength(answer.status === 200 ? 1 : 0);
      },
    ),
    { numRuns: 500, seed: 20261202 },
  );
  expect(Object.keys(statuses).every((status) => Number(status) < 500)).toBe(true);
  process.stdout.write(`local API token fuzz: statuses ${JSON.stringify(statuses)}\n`);
});
