/**
 * The contract's role table (*What each role may do*) through the five handlers on DynamoDB
 * Local: every operation x staff / provider / customer x own / other provider or customer x
 * own / other tenant. Each refusal answers what the contract says (403 FORBIDDEN for a
 * collection or a booking, 404 NOT_FOUND for an appointment the caller may not see) and leaves
 * the table exactly as it was. The two tenants use the same provider and customer ids, so only
 * the tenant tells their data apart.
 */
import { DEFAULT_MAX_OPEN_BOOKINGS_PER_CUSTOMER } from '../../config/environments';
import { createLocalHandlers } from '../../dev/local/handlers';
import { ApiHandler } from '../../src/http/handler';
import type { CallerIdentity } from '../../src/identity/caller-identity';
import { OperationName } from '../../src/operations';
import {
  apiEvent,
  bookingBody,
  call,
  createTestTable,
  customerOf,
  EventOptions,
  futureSlot,
  providerOf,
  scanTable,
  staffOf,
  TestTable,
} from '../functions/helpers';

let table: TestTable;
let handlers: Record<OperationName, ApiHandler>;
beforeAll(async () => {
  table = await createTestTable('role-matrix', { openProviders: { 'clinic-a': ['dr-1'], 'clinic-b': ['dr-1'] } });
  handlers = createLocalHandlers({ client: table.documentClient, tableName: table.tableName, pageTokenSecret: 's' });
});
afterAll(() => table.drop());

const A = 'clinic-a';
const B = 'clinic-b';
const callers = {
  staffA: staffOf(A),
  providerA: providerOf(A, 'dr-1'),
  otherProviderA: providerOf(A, 'dr-2'),
  customerA: customerOf(A, 'c-1'),
  otherCustomerA: customerOf(A, 'c-2'),
  staffB: staffOf(B),
  providerB: providerOf(B, 'dr-1'),
  customerB: customerOf(B, 'c-1'),
} satisfies Record<string, CallerIdentity>;
type CallerName = keyof typeof callers;

let slot = 0;
const body = (customerId = 'c-1', extra: Record<string, unknown> = {}) =>
  bookingBody({
    providerId: 'dr-1',
    customer: { customerId, name: 'Ada' },
    start: futureSlot(4, 15 * ++slot),
    durationMinutes: 15,
    ...extra,
  });

async function send(operation: OperationName, method: string, caller: CallerIdentity, options: EventOptions = {}) {
  return call(handlers[operation], apiEvent(method, { ...options, caller }));
}

/** A fresh appointment of provider dr-1 and customer c-1 in `tenantId`, booked by that tenant's staff. */
async function seed(tenantId = A): Promise<string> {
  const answer = await send('create-appointment', 'POST', staffOf(tenantId), { body: body() });
  expect(answer.status).toBe(201);
  return answer.body.appointmentId as string;
}

/** Sends the request and checks the answer; a refusal must leave every item as it was. */
async function expectAnswer(
  expected: number,
  operation: OperationName,
  method: string,
  caller: CallerIdentity,
  options: EventOptions,
) {
  const before = await scanTable(table);
  const answer = await send(operation, method, caller, options);
  expect(answer.status).toBe(expected);
  if (expected === 403) expect(answer.body.error.code).toBe('FORBIDDEN');
  if (expected === 404) expect(answer.body.error.code).toBe('NOT_FOUND');
  if (expected >= 400) expect(await scanTable(table)).toEqual(before);
  return answer;
}

describe('POST /appointments', () => {
  it.each<[CallerName, string, number]>([
    ['staffA', 'c-2', 201],
    ['customerA', 'c-1', 201],
    ['customerA', 'c-2', 403],
    ['providerA', 'c-1', 403],
    ['staffB', 'c-1', 201],
  ])('%s booking for customer %s answers %i', async (name, customerId, expected) => {
    await expectAnswer(expected, 'create-appointment', 'POST', callers[name], { body: body(customerId) });
  });

  it.each<[CallerName, number]>([
    ['staffA', 201],
    ['customerA', 403],
  ])('overrideAvailability by %s answers %i', async (name, expected) => {
    const request = { body: body('c-1', { overrideAvailability: true }) };
    await expectAnswer(expected, 'create-appointment', 'POST', callers[name], request);
  });

  it("refuses a customer's booking past maxOpenBookingsPerCustomer (409), never staff's for that customer", async () => {
    const customer = customerOf(A, 'c-limit');
    for (let i = 0; i < DEFAULT_MAX_OPEN_BOOKINGS_PER_CUSTOMER; i++) {
      await expectAnswer(201, 'create-appointment', 'POST', customer, { body: body('c-limit') });
    }
    const refused = await expectAnswer(409, 'create-appointment', 'POST', customer, { body: body('c-limit') });
    expect(refused.body.error.code).toBe('BOOKING_LIMIT_REACHED');
    await expectAnswer(201, 'create-appointment', 'POST', callers.staffA, { body: body('c-limit') });
  });

  it('books in the caller tenant only: the same ids in another tenant are another appointment', async () => {
    const inA = await send('create-appointment', 'POST', callers.staffA, { body: body() });
    const read = await send('get-appointment', 'GET', callers.staffB, { appointmentId: inA.body.appointmentId });
    expect([inA.status, read.status]).toEqual([201, 404]);
  });
});

describe('GET, PATCH and DELETE /appointments/{id}', () => {
  const visible: CallerName[] = ['staffA', 'providerA', 'customerA'];
  const hidden: CallerName[] = ['otherProviderA', 'otherCustomerA', 'staffB', 'providerB', 'customerB'];

  it.each(visible)('%s sees the appointment (200)', async (name) => {
    const appointmentId = await seed();
    const answer = await expectAnswer(200, 'get-appointment', 'GET', callers[name], { appointmentId });
    expect(answer.body.appointmentId).toBe(appointmentId);
  });

  it.each(hidden)('%s gets 404 for it, as for an id that does not exist', async (name) => {
    const appointmentId = await seed();
    const answer = await expectAnswer(404, 'get-appointment', 'GET', callers[name], { appointmentId });
    const missing = await send('get-appointment', 'GET', callers[name], { appointmentId: 'no-such-id' });
    expect(answer.body.error.code).toBe(missing.body.error.code);
    expect(answer.status).toBe(missing.status);
  });

  it.each(visible)('%s may change it (200, version 2)', async (name) => {
    const appointmentId = await seed();
    const answer = await expectAnswer(200, 'update-appointment', 'PATCH', callers[name], {
      appointmentId,
      body: { notes: 'moved by request' },
    });
    expect(answer.body.version).toBe(2);
  });

  it.each(hidden)('%s may not change it: 404, nothing written', async (name) => {
    const appointmentId = await seed();
    await expectAnswer(404, 'update-appointment', 'PATCH', callers[name], { appointmentId, body: { notes: 'x' } });
  });

  it.each<CallerName>(['providerA', 'customerA'])(
    '%s may not override availability on a change: 403, nothing written',
    async (name) => {
      const appointmentId = await seed();
      const request = { appointmentId, body: { notes: 'x', overrideAvailability: true } };
      await expectAnswer(403, 'update-appointment', 'PATCH', callers[name], request);
    },
  );

  it.each(visible)('%s may cancel it (200 CANCELLED), with a reason', async (name) => {
    const appointmentId = await seed();
    const answer = await expectAnswer(200, 'cancel-appointment', 'DELETE', callers[name], {
      appointmentId,
      body: { reason: 'Feeling better' },
    });
    expect(answer.body).toMatchObject({ status: 'CANCELLED', cancellationReason: 'Feeling better', version: 2 });
  });

  it.each(hidden)('%s may not cancel it: 404, nothing written', async (name) => {
    const appointmentId = await seed();
    await expectAnswer(404, 'cancel-appointment', 'DELETE', callers[name], { appointmentId });
  });
});

describe('GET /appointments', () => {
  let inA: string;
  let inB: string;
  beforeAll(async () => {
    inA = await seed(A);
    inB = await seed(B);
  });
  const window = { from: futureSlot(3), to: futureSlot(10) };

  it.each<[CallerName, string, string, number]>([
    ['staffA', 'providerId', 'dr-1', 200],
    ['staffA', 'customerId', 'c-1', 200],
    ['providerA', 'providerId', 'dr-1', 200],
    ['providerA', 'providerId', 'dr-2', 403],
    ['providerA', 'customerId', 'c-1', 403],
    ['customerA', 'customerId', 'c-1', 200],
    ['customerA', 'customerId', 'c-2', 403],
    ['customerA', 'providerId', 'dr-1', 403],
    ['otherProviderA', 'providerId', 'dr-1', 403],
    ['otherCustomerA', 'customerId', 'c-1', 403],
  ])('%s listing by %s=%s answers %i', async (name, selector, id, expected) => {
    await expectAnswer(expected, 'list-appointments', 'GET', callers[name], { query: { [selector]: id, ...window } });
  });

  it.each<[CallerName, string]>([
    ['staffA', 'providerId'],
    ['staffB', 'providerId'],
    ['customerA', 'customerId'],
    ['customerB', 'customerId'],
    ['providerB', 'providerId'],
  ])("%s listing by %s lists its own tenant's appointments only", async (name, selector) => {
    const caller = callers[name];
    const query = { [selector]: selector === 'providerId' ? 'dr-1' : 'c-1', ...window, limit: '100' };
    const answer = await send('list-appointments', 'GET', caller, { query });
    const ids = (answer.body.items as { appointmentId: string }[]).map((item) => item.appointmentId);
    expect(answer.status).toBe(200);
    expect(ids).toContain(caller.tenantId === A ? inA : inB);
    expect(ids).not.toContain(caller.tenantId === A ? inB : inA);
  });

  it("refuses a page token issued to another tenant's caller for the very same query", async () => {
    const query = { providerId: 'dr-1', ...window, limit: '1' };
    const first = await send('list-appointments', 'GET', callers.staffA, { query });
    expect(first.body.nextToken).toEqual(expect.any(String));
    const moved = await send('list-appointments', 'GET', callers.staffB, {
      query: { ...query, nextToken: first.body.nextToken },
    });
    expect([moved.status, moved.body.error.details]).toEqual([
      400,
      [{ path: 'nextToken', message: 'is not a page token issued for this query' }],
    ]);
  });
});

describe('a request without a valid identity', () => {
  it.each<[string, EventOptions['caller'] | 'altered']>([
    ['no authorizer context', null],
    ['an altered context', 'altered'],
  ])('with %s answers 401 UNAUTHENTICATED to every operation and writes nothing', async (_name, caller) => {
    const appointmentId = await seed();
    const before = await scanTable(table);
    const requests: [OperationName, string, EventOptions][] = [
      ['create-appointment', 'POST', { body: body() }],
      ['get-appointment', 'GET', { appointmentId }],
      ['list-appointments', 'GET', { query: { providerId: 'dr-1' } }],
      ['update-appointment', 'PATCH', { appointmentId, body: { notes: 'x' } }],
      ['cancel-appointment', 'DELETE', { appointmentId }],
    ];
    for (const [operation, method, options] of requests) {
      const event = apiEvent(method, { ...options, caller: caller === 'altered' ? callers.staffA : caller });
      if (caller === 'altered') (event.requestContext.authorizer as Record<string, unknown>).tenantId = 'Clinic B';
      const answer = await call(handlers[operation], event);
      expect([operation, answer.status, answer.body.error?.code]).toEqual([operation, 401, 'UNAUTHENTICATED']);
    }
    expect(await scanTable(table)).toEqual(before);
  });
});
