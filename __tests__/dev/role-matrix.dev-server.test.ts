/**
 * The contract's role table (*What each role may do*) over HTTP against `npm run dev`, with
 * tokens from its own `POST /dev/tokens`: the HTTP twin of ../identity/role-matrix.handlers.
 * Every operation x staff / provider / customer x own / other provider or customer x own / other
 * tenant answers what the contract says; an appointment the caller may not see answers exactly
 * as one that does not exist; a refusal changes no item of the server's table (read before and
 * after through its DynamoDB Local endpoint), and a booking shows in its own tenant's listings
 * alone. The two tenants use the same provider and customer ids, so only the tenant tells their
 * data apart.
 */
import { randomUUID } from 'node:crypto';
import type { DevAnswer } from './support/dev-api';
import {
  A,
  B,
  Caller,
  MatrixFixture,
  otherTenant,
  startMatrix,
  Tenant,
  TENANTS,
  WINDOW,
  withAppointment,
  withIdReplaced,
} from './support/role-matrix-fixture';

let m: MatrixFixture;
beforeAll(async () => {
  m = await startMatrix();
});
afterAll(async () => {
  await m?.stop();
});

const listPath = (query: Record<string, string>) => `/appointments?${new URLSearchParams({ ...WINDOW, ...query })}`;
type Row = [Tenant, Caller, string, Record<string, unknown>, number];

// First, before the suites below book many appointments for c-1: the customer limit counts those.
describe('POST /appointments', () => {
  it.each<Row>(
    TENANTS.flatMap((tenant): Row[] => [
      [tenant, 'staff', 'c-2', {}, 201],
      [tenant, 'staff', 'c-1', { overrideAvailability: true }, 201],
      [tenant, 'customer', 'c-1', {}, 201],
      [tenant, 'customer', 'c-2', {}, 403],
      [tenant, 'otherCustomer', 'c-1', {}, 403],
      [tenant, 'customer', 'c-1', { overrideAvailability: true }, 403],
      [tenant, 'provider', 'c-1', {}, 403],
      [tenant, 'otherProvider', 'c-1', {}, 403],
    ]),
  )('in %s, %s booking for %s with %j answers %i', async (tenant, caller, customerId, extra, expected) => {
    const request = { token: m.tokens[tenant][caller], method: 'POST', path: '/appointments' };
    const body = m.booking(customerId, extra);
    if (expected === 403) return void (await m.expectRefusal({ ...request, body }, 403, 'FORBIDDEN'));

    const answer = await m.expectBooked(tenant, { ...request, body });
    expect(answer.body).toMatchObject({ providerId: 'dr-1', customer: { customerId }, status: 'CONFIRMED' });
  });
});

describe('GET, PATCH and DELETE /appointments/{id} of provider dr-1 and customer c-1', () => {
  /** Each request, and what a caller who may see the appointment gets: it, with `result` applied. */
  const OPERATIONS: Record<string, { method: string; body?: object; result: object }> = {
    GET: { method: 'GET', result: {} },
    PATCH: { method: 'PATCH', body: { notes: 'moved by request' }, result: { notes: 'moved by request' } },
    DELETE: { method: 'DELETE', result: { status: 'CANCELLED' } },
    'DELETE {reason}': {
      method: 'DELETE',
      body: { reason: 'Feeling better' },
      result: { status: 'CANCELLED', cancellationReason: 'Feeling better' },
    },
  };
  const WHO: ['own' | 'other', Caller, 200 | 404][] = [
    ['own', 'staff', 200],
    ['own', 'provider', 200],
    ['own', 'customer', 200],
    ['own', 'otherProvider', 404],
    ['own', 'otherCustomer', 404],
    ...(['staff', 'provider', 'otherProvider', 'customer', 'otherCustomer'] as const).map(
      (caller): ['other', Caller, 404] => ['other', caller, 404],
    ),
  ];
  const cases = Object.keys(OPERATIONS).flatMap((operation) =>
    TENANTS.flatMap((tenant) =>
      WHO.map(([which, caller, status]) => [operation, tenant, which, caller, status] as const),
    ),
  );

  it.each(cases)(
    "%s of a %s appointment by the %s tenant's %s answers %i",
    async (operation, tenant, which, caller, status) => {
      const { method, body, result } = OPERATIONS[operation];
      const seeded = await m.seed(tenant);
      const id = seeded.appointmentId as string;
      const token = m.tokens[which === 'own' ? tenant : otherTenant(tenant)][caller];
      const before = await m.seenByStaff([id]);
      expect(before[`${tenant} GET ${id}`]).toEqual({ status: 200, body: seeded });

      const answer = await m.api.call(method, `/appointments/${id}`, token, body);
      expect(answer.status).toBe(status);
      const after = await m.seenByStaff([id]);
      if (status === 404) {
        // The status, headers and body an id that does not exist gets (one of the same length), and nothing written.
        const missingId = randomUUID();
        const missing = await m.api.call(method, `/appointments/${missingId}`, token, body);
        expect(answer).toEqual(withIdReplaced(missing, missingId, id));
        expect(answer.body.error.code).toBe('NOT_FOUND');
        expect(after).toEqual(before);
        return;
      }
      const changed = method === 'GET' ? seeded : { ...seeded, ...result, version: 2, updatedAt: expect.any(String) };
      expect(answer.body).toEqual(changed);
      expect(after).toEqual(withAppointment(before, answer.body));
    },
  );

  it.each(TENANTS.flatMap((tenant) => (['provider', 'customer'] as const).map((caller) => [tenant, caller] as const)))(
    'in %s, %s may not override availability on a change of its own appointment: 403, nothing written',
    async (tenant, caller) => {
      const { appointmentId } = await m.seed(tenant);
      const path = `/appointments/${appointmentId}`;
      const body = { notes: 'x', overrideAvailability: true };
      await m.expectRefusal({ token: m.tokens[tenant][caller], method: 'PATCH', path, body }, 403, 'FORBIDDEN');
    },
  );
});

describe('GET /appointments', () => {
  const seeded = {} as Record<Tenant, string>;
  beforeAll(async () => {
    for (const tenant of TENANTS) seeded[tenant] = (await m.seed(tenant)).appointmentId;
  });
  type ListRow = [Tenant, Caller, 'providerId' | 'customerId', string, 200 | 403];

  it.each<ListRow>(
    TENANTS.flatMap((tenant): ListRow[] => [
      [tenant, 'staff', 'providerId', 'dr-1', 200],
      [tenant, 'staff', 'customerId', 'c-1', 200],
      [tenant, 'provider', 'providerId', 'dr-1', 200],
      [tenant, 'provider', 'providerId', 'dr-2', 403],
      [tenant, 'provider', 'customerId', 'c-1', 403],
      [tenant, 'otherProvider', 'providerId', 'dr-1', 403],
      [tenant, 'customer', 'customerId', 'c-1', 200],
      [tenant, 'customer', 'customerId', 'c-2', 403],
      [tenant, 'customer', 'providerId', 'dr-1', 403],
      [tenant, 'otherCustomer', 'customerId', 'c-1', 403],
    ]),
  )('in %s, %s listing by %s=%s answers %i', async (tenant, caller, selector, id, status) => {
    const token = m.tokens[tenant][caller];
    if (status === 403) {
      await m.expectRefusal({ token, method: 'GET', path: listPath({ [selector]: id }) }, 403, 'FORBIDDEN');
      return;
    }
    // Its own tenant's appointments of that provider or customer, never the other tenant's.
    const items = await m.api.listAll(token, { ...WINDOW, [selector]: id });
    const ids = items.map((item) => item.appointmentId);
    expect(ids).toContain(seeded[tenant]);
    expect(ids).not.toContain(seeded[otherTenant(tenant)]);
    const owners = items.map((item) =>
      selector === 'providerId' ? item.providerId : (item.customer as { customerId: string }).customerId,
    );
    expect(new Set(owners)).toEqual(new Set([id]));
  });

  it("refuses a page token issued to the other tenant's staff for the very same query (400 naming nextToken)", async () => {
    const query = { providerId: 'dr-1', limit: '1' };
    const first = await m.api.call('GET', listPath(query), m.tokens[A].staff);
    expect([first.status, typeof first.body.nextToken]).toEqual([200, 'string']);
    const page = listPath({ ...query, nextToken: first.body.nextToken });
    expect((await m.api.call('GET', page, m.tokens[A].staff)).status).toBe(200);
    const moved = await m.expectRefusal(
      { token: m.tokens[B].staff, method: 'GET', path: page },
      400,
      'VALIDATION_ERROR',
    );
    expect(moved.body.error.details).toEqual([
      { path: 'nextToken', message: 'is not a page token issued for this query' },
    ]);
  });
});

describe('customers', () => {
  it('a customer token without customerId acts as the customer its subject names (contract default)', async () => {
    const token = await m.api.tokenFor({ tenantId: A, role: 'customer', subject: 'c-by-subject' });
    const own = await m.api.call('POST', '/appointments', token, m.booking('c-by-subject'));
    const ownId = own.body.appointmentId as string;
    expect(own.status).toBe(201);
    expect(await m.api.call('GET', `/appointments/${ownId}`, token)).toMatchObject({ status: 200, body: own.body });
    expect(await m.api.listAll(token, { ...WINDOW, customerId: 'c-by-subject' })).toEqual([own.body]);
    const { appointmentId: ofC1 } = await m.seed(A);
    await m.expectRefusal({ token, method: 'GET', path: `/appointments/${ofC1}` }, 404, 'NOT_FOUND');
    await m.expectRefusal({ token, method: 'POST', path: '/appointments', body: m.booking('c-1') }, 403, 'FORBIDDEN');
    await m.expectRefusal({ token, method: 'GET', path: listPath({ customerId: 'c-1' }) }, 403, 'FORBIDDEN');
    // The same subject in the other tenant is another customer.
    const inB = await m.api.tokenFor({ tenantId: B, role: 'customer', subject: 'c-by-subject' });
    await m.expectRefusal({ token: inB, method: 'GET', path: `/appointments/${ownId}` }, 404, 'NOT_FOUND');
  });

  it("answer 409 BOOKING_LIMIT_REACHED to the 11th future booking, counting staff's for them; staff still book", async () => {
    const request = { tenantId: A, role: 'customer', subject: 'user-limit', customerId: 'c-limit' } as const;
    const customer = await m.api.tokenFor(request);
    const staff = m.tokens[A].staff;
    const book = (token: string) => m.api.call('POST', '/appointments', token, m.booking('c-limit'));
    const held: DevAnswer[] = [];
    for (const token of [...Array(6).fill(customer), ...Array(4).fill(staff)]) held.push(await book(token));
    expect(held.map((answer) => answer.status)).toEqual(Array(10).fill(201));

    const eleventh = { token: customer, method: 'POST', path: '/appointments', body: m.booking('c-limit') };
    const refused = await m.expectRefusal(eleventh, 409, 'BOOKING_LIMIT_REACHED');
    expect(refused.body).toEqual({
      error: {
        code: 'BOOKING_LIMIT_REACHED',
        message: 'This customer already holds 10 upcoming appointments, the most a customer can book.',
      },
    });
    expect((await book(staff)).status).toBe(201);
    // Only CONFIRMED ones count: with 11 held, two cancelled make room for exactly one more.
    for (const { body } of held.slice(0, 2))
      expect((await m.api.call('DELETE', `/appointments/${body.appointmentId}`, customer)).status).toBe(200);
    expect((await book(customer)).status).toBe(201);
    await m.expectRefusal({ ...eleventh, body: m.booking('c-limit') }, 409, 'BOOKING_LIMIT_REACHED');
    // The same customer id in the other tenant is another customer, with a limit of its own.
    expect((await book(await m.api.tokenFor({ ...request, tenantId: B }))).status).toBe(201);
  });
});
