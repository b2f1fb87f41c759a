/**
 * `npm run dev` as the local identity provider, over HTTP, on a table of its own in the run's
 * DynamoDB Local: `POST /dev/tokens` and its validation, tokens of every role accepted, and the
 * token matrix refused with the contract's 401 while nothing is written. The server is given its signing key
 * so that the matrix can sign tokens that fail exactly one check each.
 */
import { PassThrough } from 'node:stream';
import fc from 'fast-check';
import type { DevServer } from '../../dev/server';
import { startTestDevServer } from './support/test-dev-server';
import { malformedToken, sameBytes } from '../identity/support/malformed-tokens';
import { newSigningKey, testIssuer, TestIssuer } from '../identity/support/test-issuer';
import { hostileTokenCases } from './support/hostile-token-cases';
import { seedOpenProvidersAt } from '../support/providers';

const API_KEY = 'identity-key';
const UNAUTHENTICATED = {
  error: { code: 'UNAUTHENTICATED', message: 'A valid ID token is required: send Authorization: Bearer <token>.' },
};
const key = newSigningKey('dev-server-key');
let server: DevServer;
let forge: TestIssuer;

beforeAll(async () => {
  server = await startTestDevServer('dev-identity', {
    apiKey: API_KEY,
    output: new PassThrough().resume(),
    signingKey: key,
  });
  forge = testIssuer(server.url, 'appointments-local-client', key);
  // The one booking that may go through: the valid token's (staff of clinic-a, forge.claims()).
  await seedOpenProvidersAt(server.dynamoDb, 'clinic-a', ['fuzz-provider']);
});
afterAll(async () => {
  await server?.stop();
});

interface CallOptions {
  readonly body?: unknown;
  /** Sent as `Authorization: Bearer <token>`. */
  readonly token?: string;
  /** The whole Authorization header; wins over `token`. */
  readonly authorization?: string;
  /** '' sends no key. @default API_KEY */
  readonly apiKey?: string;
}

async function call(method: string, path: string, options: CallOptions = {}) {
  const authorization = options.authorization ?? (options.token === undefined ? undefined : `Bearer ${options.token}`);
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(options.apiKey === '' ? {} : { 'x-api-key': options.apiKey ?? API_KEY }),
      ...(authorization === undefined ? {} : { authorization }),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

const tokenFor = async (request: Record<string, unknown>) => {
  const answer = await call('POST', '/dev/tokens', { body: request });
  expect(answer.status).toBe(201);
  return answer.body as { token: string; expiresAt: string };
};

const startInTwoDays = () => {
  const start = new Date(Date.now() + 2 * 86_400_000);
  start.setUTCHours(10, 0, 0, 0);
  return start.toISOString().replace('.000Z', 'Z');
};
const booking = (providerId: string) => ({
  providerId,
  customer: { customerId: 'c-matrix', name: 'Matrix Customer' },
  start: startInTwoDays(),
  durationMinutes: 30,
  timeZone: 'Europe/Berlin',
});

describe('POST /dev/tokens', () => {
  it('answers 201 with a token and its expiry, default one hour, or expiresInSeconds', async () => {
    const before = Date.now();
    const first = await tokenFor({ tenantId: 'clinic-a', role: 'staff', subject: 'u-1' });
    expect(first.token.split('.')).toHaveLength(3);
    const expiresAt = Date.parse(first.expiresAt);
    expect(first.expiresAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(expiresAt).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 3600_000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 3600_000);
    const short = await tokenFor({ tenantId: 'clinic-a', role: 'staff', subject: 'u-1', expiresInSeconds: 90 });
    expect(Date.parse(short.expiresAt)).toBeLessThanOrEqual(Date.now() + 90_000);
  });

  it('needs the API key, not a token', async () => {
    const answer = await call('POST', '/dev/tokens', {
      apiKey: '',
      body: { tenantId: 'abc', role: 'staff', subject: 's' },
    });
    expect(answer).toEqual({ status: 403, body: { message: 'Forbidden' } });
  });

  it.each<[string, unknown, { path: string; message: string }[]]>([
    ['no body', undefined, [{ path: 'body', message: 'must be a JSON object' }]],
    ['an array', [], [{ path: 'body', message: 'must be a JSON object' }]],
    [
      'nothing in it',
      {},
      [
        { path: 'tenantId', message: 'must be 3 to 40 characters of a-z, 0-9 and -' },
        { path: 'subject', message: 'must be 1 to 128 characters of A-Z, a-z, 0-9, _ and -' },
        { path: 'role', message: 'must be one of staff, provider, customer' },
      ],
    ],
    [
      'an unknown field and a bad role',
      { tenantId: 'abc', role: 'admin', subject: 's', scope: 'all' },
      [
        { path: 'scope', message: 'is not a field of a token request' },
        { path: 'role', message: 'must be one of staff, provider, customer' },
      ],
    ],
    [
      'a provider without providerId',
      { tenantId: 'abc', role: 'provider', subject: 's' },
      [{ path: 'providerId', message: 'must be 1 to 64 characters of A-Z, a-z, 0-9, _ and -' }],
    ],
    [
      'providerId for staff',
      { tenantId: 'abc', role: 'staff', subject: 's', providerId: 'p' },
      [{ path: 'providerId', message: 'is only for role provider' }],
    ],
    [
      'customerId for a provider',
      { tenantId: 'abc', role: 'provider', subject: 's', providerId: 'p', customerId: 'c' },
      [{ path: 'customerId', message: 'is only for role customer' }],
    ],
    [
      'a bad customerId',
      { tenantId: 'abc', role: 'customer', subject: 's', customerId: 'c 1' },
      [{ path: 'customerId', message: 'must be 1 to 64 characters of A-Z, a-z, 0-9, _ and -' }],
    ],
    ...[0, 86_401, 1.5, '60'].map((expiresInSeconds): [string, unknown, { path: string; message: string }[]] => [
      `expiresInSeconds ${JSON.stringify(expiresInSeconds)}`,
      { tenantId: 'abc', role: 'staff', subject: 's', expiresInSeconds },
      [{ path: 'expiresInSeconds', message: 'must be an integer from 1 to 86400' }],
    ]),
  ])('refuses %s with 400 VALIDATION_ERROR naming each field', async (_name, body, details) => {
    expect(await call('POST', '/dev/tokens', { body })).toEqual({
      status: 400,
      body: { error: { code: 'VALIDATION_ERROR', message: 'The token request is not valid.', details } },
    });
  });
});

describe('the contract routes', () => {
  it.each([
    { tenantId: 'clinic-a', role: 'staff', subject: 'u-s' },
    { tenantId: 'clinic-a', role: 'provider', subject: 'u-p', providerId: 'dr-lee' },
    { tenantId: 'clinic-a', role: 'customer', subject: 'u-c' },
    { tenantId: 'clinic-a', role: 'customer', subject: 'u-c2', customerId: 'c-2', expiresInSeconds: 60 },
  ])('accept a token from /dev/tokens: %j', async (request) => {
    const { token } = await tokenFor(request);
    // Each lists what its role may list; a customer is its customerId, else its subject.
    const selector =
      request.role === 'customer' ? `customerId=${request.customerId ?? request.subject}` : 'providerId=dr-lee';
    expect((await call('GET', `/appointments?${selector}`, { token })).status).toBe(200);
  });

  it('accept the staff token printed at start', async () => {
    expect((await call('GET', '/appointments?providerId=dr-lee', { token: server.staffToken })).status).toBe(200);
  });

  it.each(hostileTokenCases(() => ({ forge, key })))(
    'refuse a token %s with the contract 401, and write nothing',
    async (name, authorization) => {
      const header = authorization();
      const providerId = `matrix-${name.replace(/[^a-z]/gi, '')}`;
      for (const [method, path, body] of [
        ['POST', '/appointments', booking(providerId)],
        ['GET', `/appointments?providerId=${providerId}`],
        ['PATCH', '/appointments/appt-1', { notes: 'x' }],
        ['DELETE', '/appointments/appt-1'],
      ] as const) {
        expect(await call(method, path, { body, authorization: header })).toEqual({
          status: 401,
          body: UNAUTHENTICATED,
        });
      }
      const listed = await call('GET', `/appointments?providerId=${providerId}&includeCancelled=true`, {
        token: server.staffToken,
      });
      expect(listed).toEqual({ status: 200, body: { items: [] } });
    },
  );
});

it('200 malformed bearer tokens on a booking never answer 5xx, and only the valid spelling books', async () => {
  const valid = forge.sign(forge.claims());
  const statuses = new Set<number>();
  await fc.assert(
    fc.asyncProperty(
      malformedToken(valid, key.kid).filter((token) => /^[\x21-\x7e]*$/.test(token)),
      async (token) => {
        const answer = await call('POST', '/appointments', { body: booking('fuzz-provider'), token });
        statuses.add(answer.status);
        if (answer.status === 401) expect(answer.body).toEqual(UNAUTHENTICATED);
        else expect(sameBytes(token, valid)).toBe(true);
      },
    ),
    { numRuns: 200, seed: 20261202 },
  );
  expect([...statuses].filter((status) => status >= 500)).toEqual([]);
});
