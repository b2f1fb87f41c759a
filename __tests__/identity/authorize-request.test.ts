/**
 * The deployed authorizer (functions/authorize-request/handler.ts) as Lambda runs it: REQUEST
 * authorizer events of API Gateway's shape, TOKEN_ISSUER and TOKEN_AUDIENCE from the
 * environment, and the JWKS fetched for real by aws-jwt-verify from an HTTPS server on loopback.
 */
import { APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { ENV } from '../../src/environment';
import { RequestAuthorizerHandler } from '../../src/identity/request-authorizer';
import { HttpsJwksServer, startHttpsJwksServer } from './support/https-jwks-server';
import { jwksOf, newSigningKey, TestIssuer, testIssuer } from './support/test-issuer';

const AUDIENCE = 'pool-client-1';
const METHOD_ARN = 'arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/GET/appointments/appt-1';
const trusted = newSigningKey('pool-key-1');
let jwksServer: HttpsJwksServer;
let issuer: TestIssuer;

/** A fresh copy of the handler module (its verifier is built once per container, like Lambda's). */
async function loadHandler(tokenIssuer: string): Promise<RequestAuthorizerHandler> {
  process.env[ENV.tokenIssuer] = tokenIssuer;
  process.env[ENV.tokenAudience] = AUDIENCE;
  let handler: RequestAuthorizerHandler | undefined;
  await jest.isolateModulesAsync(async () => {
    ({ handler } = await import('../../functions/authorize-request/handler'));
  });
  return handler as RequestAuthorizerHandler;
}

function authorizerEvent(
  headers: Record<string, string>,
  multiValueHeaders?: Record<string, string[]>,
  methodArn = METHOD_ARN,
): APIGatewayRequestAuthorizerEvent {
  return {
    type: 'REQUEST',
    methodArn,
    resource: '/appointments/{appointmentId}',
    path: '/appointments/appt-1',
    httpMethod: 'GET',
    headers,
    multiValueHeaders: multiValueHeaders ?? Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    pathParameters: { appointmentId: 'appt-1' },
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    stageVariables: null,
    requestContext: {
      accountId: '123456789012',
      apiId: 'a1b2c3d4e5',
      authorizer: undefined,
      protocol: 'HTTP/1.1',
      httpMethod: 'GET',
      identity: { sourceIp: '198.51.100.7', apiKey: 'client-key' } as never,
      path: '/prod/appointments/appt-1',
      stage: 'prod',
      requestId: 'req-authorizer-1',
      requestTimeEpoch: 1_700_000_000_000,
      resourceId: 'res1',
      resourcePath: '/appointments/{appointmentId}',
    },
  };
}

/** Everything written to stdout and stderr (Powertools' JSON lines) in the current test; nothing reaches the terminal. */
let written: string[] = [];
beforeEach(() => {
  written = [];
  const keep = (chunk: unknown) => {
    written.push(String(chunk));
    return true;
  };
  for (const stream of [process.stdout, process.stderr]) jest.spyOn(stream, 'write').mockImplementation(keep);
});
afterEach(() => jest.restoreAllMocks());

/** What the handler logged while `work` ran. */
async function logsOf(work: () => Promise<unknown>): Promise<string> {
  const from = written.length;
  await work().catch(() => undefined);
  return written.slice(from).join('');
}

let handler: RequestAuthorizerHandler;
beforeAll(async () => {
  jwksServer = await startHttpsJwksServer({ kind: 'keys', jwks: jwksOf(trusted) }, '/eu-west-1_Pool1');
  issuer = testIssuer(jwksServer.issuer, AUDIENCE, trusted);
  handler = await loadHandler(jwksServer.issuer);
});
afterAll(async () => {
  await jwksServer?.close();
});

describe('a valid token', () => {
  it('is allowed on every method of the stage (the result is cached per token), with the identity as context', async () => {
    const token = issuer.sign(
      issuer.claims({ sub: 'u-prov', 'cognito:groups': ['provider'], 'custom:provider_id': 'dr-lee' }),
    );
    const result = await handler(authorizerEvent({ Authorization: `Bearer ${token}` }));
    expect(result).toEqual({
      principalId: 'u-prov',
      policyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 'execute-api:Invoke',
            Resource: 'arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/*/*',
          },
        ],
      },
      context: { tenantId: 'clinic-a', role: 'provider', subject: 'u-prov', providerId: 'dr-lee' },
    });
  });

  it.each([
    ['staff', {}, { tenantId: 'clinic-a', role: 'staff', subject: 'u-staff-1' }],
    [
      'customer',
      { sub: 'u-c', 'cognito:groups': ['customer'] },
      { tenantId: 'clinic-a', role: 'customer', subject: 'u-c', customerId: 'u-c' },
    ],
  ])('of a %s carries exactly its fields, under any header case', async (_role, claims, context) => {
    const result = await handler(authorizerEvent({ authorization: `bearer ${issuer.sign(issuer.claims(claims))}` }));
    expect(result.context).toEqual(context);
  });

  it('a method ARN of another partition and a nested path keep their partition and stage', async () => {
    const arn = 'arn:aws-us-gov:execute-api:us-gov-west-1:210987654321:zz9/v2-beta/DELETE/appointments/a/b';
    const result = await handler(
      authorizerEvent({ Authorization: `Bearer ${issuer.sign(issuer.claims())}` }, undefined, arn),
    );
    expect(result.policyDocument.Statement).toEqual([
      {
        Effect: 'Allow',
        Action: 'execute-api:Invoke',
        Resource: 'arn:aws-us-gov:execute-api:us-gov-west-1:210987654321:zz9/v2-beta/*/*',
      },
    ]);
  });
});

describe('a refused token', () => {
  it.each<[string, () => APIGatewayRequestAuthorizerEvent, string]>([
    ['no Authorization header', () => authorizerEvent({}), 'no Authorization header'],
    ['a Basic scheme', () => authorizerEvent({ Authorization: 'Basic dTpw' }), 'is not \\"Bearer <token>\\"'],
    [
      'two Authorization headers',
      () => {
        const token = issuer.sign(issuer.claims());
        return authorizerEvent(
          { Authorization: `Bearer ${token}` },
          { Authorization: [`Bearer ${token}`, `Bearer ${token}`] },
        );
      },
      'several Authorization headers',
    ],
    [
      'an expired token',
      () => authorizerEvent({ Authorization: `Bearer ${issuer.sign(issuer.claims({ exp: 1_600_000_000 }))}` }),
      'token: expired',
    ],
    [
      'an access token',
      () => authorizerEvent({ Authorization: `Bearer ${issuer.sign(issuer.claims({ token_use: 'access' }))}` }),
      'token_use is not id',
    ],
  ])('%s throws Unauthorized (401) and logs the reason, never the token', async (_name, event, reason) => {
    const sent = event();
    let thrown: unknown;
    const logs = await logsOf(() => handler(sent).catch((e: unknown) => (thrown = e)));
    expect(thrown).toEqual(new Error('Unauthorized'));
    const line = JSON.parse(logs.split('\n').find((l) => l.includes('token refused')) as string);
    expect(line).toMatchObject({ level: 'WARN', message: 'token refused', requestId: 'req-authorizer-1' });
    expect(JSON.stringify(line.reason)).toContain(reason);
    const token = /Bearer (\S+)/i.exec(sent.headers?.Authorization ?? '')?.[1];
    if (token) expect(logs).not.toContain(token.split('.')[2]);
  });

  it('a method ARN API Gateway would never send is a failure (500), not a 401', async () => {
    const event = authorizerEvent(
      { Authorization: `Bearer ${issuer.sign(issuer.claims())}` },
      undefined,
      'arn:aws:s3:::x',
    );
    await expect(handler(event)).rejects.toThrow('methodArn is not an execute-api method ARN: arn:aws:s3:::x');
  });
});

describe('keys that cannot be fetched', () => {
  it('fail the invocation after one retry (500 AUTHORIZER_FAILURE, never cached), and say so in the log', async () => {
    const down = await startHttpsJwksServer({ kind: 'reset' }, '/eu-west-1_Down');
    try {
      const downHandler = await loadHandler(down.issuer);
      const token = testIssuer(down.issuer, AUDIENCE, trusted).sign(
        testIssuer(down.issuer, AUDIENCE, trusted).claims(),
      );
      let thrown: unknown;
      const logs = await logsOf(() =>
        downHandler(authorizerEvent({ Authorization: `Bearer ${token}` })).catch((e: unknown) => (thrown = e)),
      );
      expect((thrown as Error).name).toBe('SigningKeysUnavailableError');
      expect((thrown as Error).message).not.toBe('Unauthorized');
      expect(down.fetches).toBe(2);
      expect(logs).toContain('"message":"authorizer failed"');
      expect(logs).not.toContain(token.split('.')[2]);
    } finally {
      await down.close();
    }
  });

  it('without TOKEN_ISSUER, the first request fails naming the variable', async () => {
    const unset = await loadHandler('');
    await expect(unset(authorizerEvent({ Authorization: 'Bearer a.b.c' }))).rejects.toThrow(
      'environment variable TOKEN_ISSUER is required but not set',
    );
  });
});
