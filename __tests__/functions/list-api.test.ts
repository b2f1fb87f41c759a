/** GET /appointments through the real handler: windows, paging with signed tokens, includeCancelled. */
import { apiEvent, bookingBody, call, createTestTable, futureSlot, TestTable } from './helpers';

process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
process.env.POWERTOOLS_METRICS_DISABLED = 'true';
process.env.PAGE_TOKEN_SECRET = 'list-test-secret';

let table: TestTable;
type Handler = typeof import('../../functions/get-appointment/handler').handler;
let create: Handler, list: Handler, cancel: Handler;
const starts = [0, 1, 2, 3, 4].map((hour) => futureSlot(2, hour * 60));
const ids: string[] = [];

beforeAll(async () => {
  table = await createTestTable('list-api', { openProviders: { 'clinic-a': ['p-list'] } });
  process.env.TABLE_NAME = table.tableName;
  process.env.MAX_OPEN_BOOKINGS_PER_CUSTOMER = '10';
  ({ handler: create } = await import('../../functions/create-appointment/handler'));
  ({ handler: list } = await import('../../functions/list-appointments/handler'));
  ({ handler: cancel } = await import('../../functions/cancel-appointment/handler'));
  // Booked out of order, so ordering by start is the handler's doing.
  for (const start of [...starts].reverse()) {
    const customer = { customerId: 'cust-list', name: 'Ada' };
    const answer = await call(
      create,
      apiEvent('POST', { body: bookingBody({ providerId: 'p-list', customer, start }) }),
    );
    ids.unshift(answer.body.appointmentId);
  }
  await call(cancel, apiEvent('DELETE', { appointmentId: ids[2] }));
});
afterAll(() => table.drop());

const page = (query: Record<string, string>) => call(list, apiEvent('GET', { query }));

describe('GET /appointments', () => {
  it('lists the confirmed appointments of a provider in the default window, ordered by start, without nextToken', async () => {
    const answer = await page({ providerId: 'p-list' });
    expect(answer.status).toBe(200);
    expect(answer.body.items.map((item: { appointmentId: string }) => item.appointmentId)).toEqual([
      ids[0],
      ids[1],
      ids[3],
      ids[4],
    ]);
    expect(answer.body).not.toHaveProperty('nextToken');
  });

  it('includes cancelled ones with includeCancelled=true, merged in start order', async () => {
    const answer = await page({ customerId: 'cust-list', includeCancelled: 'true' });
    expect(answer.body.items.map((item: { start: string }) => item.start)).toEqual(starts);
    expect(answer.body.items[2].status).toBe('CANCELLED');
  });

  it('selects starts in [from, to): an appointment starting at to is left out', async () => {
    const answer = await page({ providerId: 'p-list', from: starts[1], to: starts[3] });
    expect(answer.body.items.map((item: { start: string }) => item.start)).toEqual([starts[1]]);
  });

  it('pages with nextToken until the last page, which has none', async () => {
    // Act
    const first = await page({ providerId: 'p-list', includeCancelled: 'true', limit: '2' });
    const second = await page({
      providerId: 'p-list',
      includeCancelled: 'true',
      limit: '2',
      nextToken: first.body.nextToken,
    });
    const third = await page({
      providerId: 'p-list',
      includeCancelled: 'true',
      limit: '2',
      nextToken: second.body.nextToken,
    });
    // Assess
    const seen = [first, second, third].flatMap((answer) =>
      answer.body.items.map((item: { start: string }) => item.start),
    );
    expect(seen).toEqual(starts);
    expect(first.body.nextToken).toEqual(expect.any(String));
    expect(third.body).not.toHaveProperty('nextToken');
  });

  it('omits nextToken when the page is exactly full and nothing remains', async () => {
    const answer = await page({ providerId: 'p-list', limit: '4' });
    expect(answer.body.items).toHaveLength(4);
    expect(answer.body).not.toHaveProperty('nextToken');
  });

  it.each([
    ['a forged token', () => 'eyJhIjoiMjAyNiJ9.c2lnbmF0dXJl'],
    ['a token with one character changed', (token: string) => (token[0] === 'a' ? 'b' : 'a') + token.slice(1)],
    ['garbage', () => 'not-a-token'],
  ])('answers 400 naming nextToken for %s', async (_name, tamper) => {
    const first = await page({ providerId: 'p-list', limit: '1' });
    const answer = await page({ providerId: 'p-list', limit: '1', nextToken: tamper(first.body.nextToken) });
    expect(answer.status).toBe(400);
    expect(answer.body.error.details).toEqual([{ path: 'nextToken', message: expect.any(String) }]);
  });

  it('answers 400 for a token from another query (another provider or includeCancelled)', async () => {
    const first = await page({ providerId: 'p-list', limit: '1' });
    const otherProvider = await page({ providerId: 'p-other', limit: '1', nextToken: first.body.nextToken });
    const otherFilter = await page({
      providerId: 'p-list',
      includeCancelled: 'true',
      limit: '1',
      nextToken: first.body.nextToken,
    });
    expect([otherProvider.status, otherFilter.status]).toEqual([400, 400]);
  });

  it.each([
    ['no selector', {}],
    ['both selectors', { providerId: 'p', customerId: 'c' }],
    ['a 32-day window', { providerId: 'p', from: '2027-01-01T00:00:00Z', to: '2027-02-02T00:00:00Z' }],
    ['limit 101', { providerId: 'p', limit: '101' }],
  ])('answers 400 VALIDATION_ERROR for %s', async (_name, query) => {
    const answer = await page(query as Record<string, string>);
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('VALIDATION_ERROR');
  });
});
