/**
 * Who may call, and what the logs keep. The local API refuses a missing, empty or wrong key
 * with exactly API Gateway's 403 and touches nothing (full-table scans before and after). The
 * deployed functions (functions/<operation>/handler.ts, Powertools Logger and Metrics writing
 * JSON to stdout) never log the API key, the customer's email or phone: not on success, not on
 * a 4xx, not when DynamoDB fails with a message that echoes them.
 */
import './support/verbose-logs-env';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { createLocalApi } from '../../dev/local/api-gateway';
import { createLocalIssuer } from '../../dev/local/local-issuer';
import { handler as cancel } from '../../functions/cancel-appointment/handler';
import { handler as create } from '../../functions/create-appointment/handler';
import { handler as get } from '../../functions/get-appointment/handler';
import { handler as list } from '../../functions/list-appointments/handler';
import { handler as update } from '../../functions/update-appointment/handler';
import { createLocalHandlers } from '../../dev/local/handlers';
import { apiEvent, bookingBody, call, createTestTable, futureSlot, scanTable, TestTable } from '../functions/helpers';
import { FaultProxy, startFaultProxy } from './support/fault-proxy';
import { newFigures, recordFigures } from './support/figures';

const API_KEY = 'sk-LEAKCHECK-0123456789abcdef';
const EMAIL = 'leak.check@example.com';
const PHONE = '+14155550123';
const figures = newFigures();
let table: TestTable;
let proxy: FaultProxy;

beforeAll(async () => {
  table = await createTestTable('robustness-auth-logs', { openProviders: { 'clinic-a': ['auth', 'logs'] } });
  proxy = await startFaultProxy(String(process.env.DYNAMODB_ENDPOINT));
  // Read by the functions at their first request, as in Lambda.
  process.env.TABLE_NAME = table.tableName;
  process.env.MAX_OPEN_BOOKINGS_PER_CUSTOMER = '10';
  process.env.AWS_ENDPOINT_URL_DYNAMODB = proxy.url;
});

afterAll(async () => {
  figures.faultsInjected += proxy.faultsInjected;
  recordFigures('authorization-and-logs', figures);
  await proxy?.close();
  await table?.drop();
});

describe('the local API key check', () => {
  it('a missing, empty or wrong key answers 403 {"message":"Forbidden"} to every route, even with a valid token, and leaves the table as it was', async () => {
    // Prepare
    const handlers = createLocalHandlers({
      client: table.documentClient,
      tableName: table.tableName,
      pageTokenSecret: 's',
    });
    const issuer = createLocalIssuer({ issuer: 'http://127.0.0.1:9' });
    const { token } = issuer.issue({ tenantId: 'auth-tenant', role: 'staff', subject: 'auth-staff' });
    const server: Server = createLocalApi({ handlers, apiKey: API_KEY, issuer });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const booked = await call(
      handlers['create-appointment'],
      apiEvent('POST', { body: bookingBody({ providerId: 'auth' }) }),
    );
    const before = await scanTable(table);
    const routes: [string, string, string?][] = [
      ['POST', '/appointments', JSON.stringify(bookingBody({ providerId: 'auth', start: futureSlot(4) }))],
      ['GET', `/appointments/${booked.body.appointmentId}`],
      ['GET', '/appointments?providerId=auth'],
      ['PATCH', `/appointments/${booked.body.appointmentId}`, '{"notes":"changed"}'],
      ['DELETE', `/appointments/${booked.body.appointmentId}`],
    ];
    try {
      // Act and Assess
      for (const key of [null, '', 'wrong', API_KEY.slice(0, -1), `${API_KEY}0`, API_KEY.toLowerCase()]) {
        for (const [method, path, body] of routes) {
          const response = await fetch(`${base}${path}`, {
            method,
            body,
            headers: { authorization: `Bearer ${token}`, ...(key === null ? {} : { 'x-api-key': key }) },
          });
          expect({ status: response.status, body: await response.text() }).toEqual({
            status: 403,
            body: '{"message":"Forbidden"}',
          });
          figures.invariantsChecked += 1;
        }
      }
      expect(await scanTable(table)).toEqual(before);
      figures.invariantsChecked += 1;
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

/** Everything written to stdout, stderr or the console while `work` runs; nothing reaches the terminal. */
async function captureOutput(work: () => Promise<void>): Promise<string> {
  const chunks: string[] = [];
  const keep = (chunk: unknown) => {
    chunks.push(String(chunk));
    return true;
  };
  const spies = [
    jest.spyOn(process.stdout, 'write').mockImplementation(keep),
    jest.spyOn(process.stderr, 'write').mockImplementation(keep),
    ...(['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
      jest.spyOn(console, method).mockImplementation((...args: unknown[]) => void keep(args.map(String).join(' '))),
    ),
  ];
  try {
    await work();
  } finally {
    spies.forEach((spy) => spy.mockRestore());
  }
  return chunks.join('');
}

describe('the functions logs', () => {
  it('hold no API key, email or phone across every operation, its 4xx answers and DynamoDB failures that echo them', async () => {
    const headers = { 'x-api-key': API_KEY };
    const customer = { customerId: 'log-customer', name: 'Log Check', email: EMAIL, phone: PHONE };
    const statuses: number[] = [];
    const run = async (handler: typeof create, event: ReturnType<typeof apiEvent>) => {
      const answer = await call(handler, event);
      statuses.push(answer.status);
      return answer;
    };
    // Act
    const output = await captureOutput(async () => {
      const body = bookingBody({ providerId: 'logs', customer });
      const booked = await run(
        create,
        apiEvent('POST', { body, headers: { ...headers, 'Idempotency-Key': `${EMAIL} ${PHONE}` } }),
      );
      const id = booked.body.appointmentId as string;
      await run(create, apiEvent('POST', { body, headers: { ...headers, 'Idempotency-Key': `${EMAIL} ${PHONE}` } }));
      await run(
        create,
        apiEvent('POST', {
          body: { ...body, notes: 'x' },
          headers: { ...headers, 'Idempotency-Key': `${EMAIL} ${PHONE}` },
        }),
      );
      await run(create, apiEvent('POST', { body: bookingBody({ providerId: 'logs', customer }), headers }));
      await run(
        create,
        apiEvent('POST', { body: bookingBody({ customer: { ...customer, email: `${EMAIL}@` } }), headers }),
      );
      await run(get, apiEvent('GET', { appointmentId: id, headers }));
      await run(get, apiEvent('GET', { appointmentId: EMAIL, headers }));
      await run(list, apiEvent('GET', { query: { customerId: 'log-customer' }, headers }));
      await run(list, apiEvent('GET', { query: { customerId: PHONE, nextToken: EMAIL }, headers }));
      await run(update, apiEvent('PATCH', { appointmentId: id, body: { notes: `call ${PHONE}` }, headers }));
      await run(
        update,
        apiEvent('PATCH', { appointmentId: id, body: { notes: EMAIL }, headers: { ...headers, 'If-Match': '1' } }),
      );
      const echo = `item of ${EMAIL} ${PHONE} rejected`;
      await proxy.setMode({
        kind: 'error',
        status: 500,
        type: 'com.amazonaws.dynamodb.v20120810#InternalServerError',
        message: echo,
      });
      await run(get, apiEvent('GET', { appointmentId: id, headers }));
      await proxy.setMode({
        kind: 'error',
        status: 400,
        type: 'com.amazon.coral.validate#ValidationException',
        message: echo,
      });
      await run(update, apiEvent('PATCH', { appointmentId: id, body: { notes: 'n' }, headers }));
      await proxy.setMode({ kind: 'pass' });
      await run(cancel, apiEvent('DELETE', { appointmentId: id, headers }));
      await run(update, apiEvent('PATCH', { appointmentId: id, body: { notes: 'n' }, headers }));
    });
    // Assess: the operations were real (every kind of answer), they were logged, and nothing leaked.
    expect(statuses).toEqual([201, 201, 422, 409, 400, 200, 404, 200, 400, 200, 412, 503, 500, 200, 409]);
    expect(output.match(/"message":"request completed"/g)).toHaveLength(statuses.length);
    expect(output).toContain('"message":"dependency unavailable"');
    expect(output).toContain('"message":"unexpected failure"');
    for (const secret of [API_KEY, EMAIL, PHONE, PHONE.slice(1)]) expect(output).not.toContain(secret);
    figures.invariantsChecked += 4 + 4 * statuses.length;
  });
});
