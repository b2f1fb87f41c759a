/**
 * The five handlers as Lambda runs them (functions/<operation>/handler.ts, real clock) against
 * DynamoDB Local: POST and GET, and every error code they can answer.
 */
import { Metrics } from '@aws-lambda-powertools/metrics';
import { apiEvent, bookingBody, call, createTestTable, futureSlot, scanTable, staffOf, TestTable } from './helpers';

process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
process.env.POWERTOOLS_METRICS_DISABLED = 'true';
process.env.PAGE_TOKEN_SECRET = 'test-page-token-secret';

let table: TestTable;
let create: typeof import('../../functions/create-appointment/handler').handler;
let get: typeof import('../../functions/get-appointment/handler').handler;
const counted = jest.spyOn(Metrics.prototype, 'addMetric');

beforeAll(async () => {
  table = await createTestTable('booking-api', {
    openProviders: {
      'clinic-a': ['p-book', 'p-offset', 'p-conflict', 'p-b2b', 'p-a', 'p-b', 'p-idem', 'p-idem2', 'p-scope', 'p-get'],
      'clinic-b': ['p-scope'],
    },
  });
  process.env.TABLE_NAME = table.tableName;
  process.env.MAX_OPEN_BOOKINGS_PER_CUSTOMER = '10';
  ({ handler: create } = await import('../../functions/create-appointment/handler'));
  ({ handler: get } = await import('../../functions/get-appointment/handler'));
});
afterAll(() => table.drop());
beforeEach(() => counted.mockClear());

const metricNames = () => counted.mock.calls.map(([name]) => name);

describe('POST /appointments', () => {
  it('books: answers 201 with the appointment, a Location header, and writes it with one lock per slot', async () => {
    // Prepare
    const start = futureSlot(3);
    // Act
    const answer = await call(
      create,
      apiEvent('POST', { body: bookingBody({ providerId: 'p-book', start, durationMinutes: 45 }) }),
    );
    // Assess
    expect(answer.status).toBe(201);
    expect(answer.headers['Content-Type']).toBe('application/json');
    expect(answer.headers.Location).toBe(`/appointments/${answer.body.appointmentId}`);
    expect(answer.body).toMatchObject({
      providerId: 'p-book',
      start,
      status: 'CONFIRMED',
      version: 1,
      reminderMinutesBefore: [1440, 60],
    });
    const items = await scanTable(table);
    const locks = items.filter((item) => item.sk === 'LOCK' && String(item.pk).startsWith('SLOT#clinic-a#p-book#'));
    expect(locks).toHaveLength(3);
    expect(locks.every((lock) => lock.appointmentId === answer.body.appointmentId)).toBe(true);
    const stored = items.find((item) => item.pk === `APPT#clinic-a#${answer.body.appointmentId}`);
    expect(stored).toMatchObject({
      providerKey: 'PROVIDER#clinic-a#p-book#CONFIRMED',
      customerKey: 'CUSTOMER#clinic-a#cust-1#CONFIRMED',
      startKey: `${start}#${answer.body.appointmentId}`,
    });
    expect(metricNames()).toEqual(['AppointmentCreated']);
  });

  it('normalises a start with an offset to UTC and computes end', async () => {
    const startUtc = futureSlot(4);
    const local = new Date(Date.parse(startUtc) + 5.75 * 3_600_000).toISOString().replace('.000Z', '+05:45');
    const answer = await call(
      create,
      apiEvent('POST', { body: bookingBody({ providerId: 'p-offset', start: local, durationMinutes: 60 }) }),
    );
    expect(answer.status).toBe(201);
    expect(answer.body.start).toBe(startUtc);
    expect(answer.body.end).toBe(futureSlot(4, 60));
  });

  it('when the slot is taken, it answers 409 SLOT_CONFLICT, counts SlotConflict and writes nothing', async () => {
    // Prepare
    await call(
      create,
      apiEvent('POST', { body: bookingBody({ providerId: 'p-conflict', start: futureSlot(5), durationMinutes: 60 }) }),
    );
    const before = await scanTable(table);
    counted.mockClear();
    // Act: overlaps the last 15 minutes only
    const answer = await call(
      create,
      apiEvent('POST', { body: bookingBody({ providerId: 'p-conflict', start: futureSlot(5, 45) }) }),
    );
    // Assess
    expect(answer.status).toBe(409);
    expect(answer.body.error.code).toBe('SLOT_CONFLICT');
    expect(await scanTable(table)).toEqual(before);
    expect(metricNames()).toEqual(['SlotConflict']);
  });

  it('books back-to-back appointments without a conflict', async () => {
    const first = await call(
      create,
      apiEvent('POST', { body: bookingBody({ providerId: 'p-b2b', start: futureSlot(6), durationMinutes: 60 }) }),
    );
    const second = await call(
      create,
      apiEvent('POST', { body: bookingBody({ providerId: 'p-b2b', start: futureSlot(6, 60) }) }),
    );
    expect([first.status, second.status]).toEqual([201, 201]);
  });

  it('lets another provider book the same interval', async () => {
    const start = futureSlot(7);
    const first = await call(create, apiEvent('POST', { body: bookingBody({ providerId: 'p-a', start }) }));
    const second = await call(create, apiEvent('POST', { body: bookingBody({ providerId: 'p-b', start }) }));
    expect([first.status, second.status]).toEqual([201, 201]);
  });

  it.each([
    ['malformed JSON', '{"providerId": '],
    ['an empty body', ''],
    ['a JSON array', '[]'],
  ])('answers 400 VALIDATION_ERROR for %s', async (_name, rawBody) => {
    const answer = await call(create, apiEvent('POST', { rawBody }));
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({
      code: 'VALIDATION_ERROR',
      details: [{ path: 'body', message: expect.any(String) }],
    });
    expect(metricNames()).toEqual(['ValidationFailed']);
  });

  it('answers 400 with every failed rule and its path', async () => {
    const answer = await call(
      create,
      apiEvent('POST', {
        body: bookingBody({ customer: { customerId: 'c', name: 'A', email: 'no' }, start: '2026-12-01T09:00:00' }),
      }),
    );
    expect(answer.status).toBe(400);
    expect(answer.body.error.details).toEqual(
      expect.arrayContaining([
        { path: 'customer.email', message: expect.any(String) },
        { path: 'start', message: expect.stringMatching(/offset/) },
      ]),
    );
  });

  it('refuses a body over 16 KB before parsing it, with 413 PAYLOAD_TOO_LARGE', async () => {
    const answer = await call(create, apiEvent('POST', { rawBody: `{"notes":"${'x'.repeat(17 * 1024)}"` }));
    expect(answer.status).toBe(413);
    expect(answer.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses an Idempotency-Key of 256 characters', async () => {
    const answer = await call(
      create,
      apiEvent('POST', { body: bookingBody(), headers: { 'Idempotency-Key': 'k'.repeat(256) } }),
    );
    expect(answer.status).toBe(400);
    expect(answer.body.error.details).toEqual([{ path: 'Idempotency-Key', message: expect.any(String) }]);
  });
});

describe('Idempotency-Key', () => {
  it('replays the first answer (same status, same body) for the same key and body, and writes nothing', async () => {
    // Prepare
    const body = bookingBody({ providerId: 'p-idem', start: futureSlot(8) });
    const first = await call(create, apiEvent('POST', { body, headers: { 'idempotency-key': 'order-42' } }));
    const before = await scanTable(table);
    counted.mockClear();
    // Act: same key, header in another case, keys of the body in another order
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const retry = await call(create, apiEvent('POST', { body: reordered, headers: { 'IDEMPOTENCY-KEY': 'order-42' } }));
    // Assess
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.rawBody).toBe(first.rawBody);
    expect(retry.headers.Location).toBe(first.headers.Location);
    expect(await scanTable(table)).toEqual(before);
    expect(metricNames()).toEqual(['IdempotentReplay']);
  });

  it('answers 422 IDEMPOTENCY_KEY_REUSED for the same key with another body, and writes nothing', async () => {
    await call(
      create,
      apiEvent('POST', {
        body: bookingBody({ providerId: 'p-idem2', start: futureSlot(9) }),
        headers: { 'Idempotency-Key': 'order-43' },
      }),
    );
    const before = await scanTable(table);
    const answer = await call(
      create,
      apiEvent('POST', {
        body: bookingBody({ providerId: 'p-idem2', start: futureSlot(10) }),
        headers: { 'Idempotency-Key': 'order-43' },
      }),
    );
    expect(answer.status).toBe(422);
    expect(answer.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await scanTable(table)).toEqual(before);
  });

  it("keeps one caller's key from replaying, blocking or revealing anything to another caller or tenant", async () => {
    // Prepare: three callers pick the same key, each with its own body.
    const headers = { 'Idempotency-Key': 'shared-key' };
    const callers = [staffOf('clinic-a', 'staff-1'), staffOf('clinic-a', 'staff-2'), staffOf('clinic-b', 'staff-1')];
    const bodies = callers.map((_, index) => bookingBody({ providerId: 'p-scope', start: futureSlot(11 + index) }));
    // Act
    const answers = [];
    for (const [index, caller] of callers.entries()) {
      answers.push(await call(create, apiEvent('POST', { body: bodies[index], headers, caller })));
    }
    const replay = await call(create, apiEvent('POST', { body: bodies[0], headers, caller: callers[0] }));
    // Assess: three bookings, and the first caller's retry is answered with its own first answer.
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((answer) => answer.body.appointmentId)).size).toBe(3);
    expect(replay.rawBody).toBe(answers[0].rawBody);
  });
});

describe('GET /appointments/{appointmentId}', () => {
  it('answers 200 with the appointment and its version as ETag', async () => {
    const created = await call(
      create,
      apiEvent('POST', { body: bookingBody({ providerId: 'p-get', start: futureSlot(13), notes: 'bring x-rays' }) }),
    );
    const answer = await call(get, apiEvent('GET', { appointmentId: created.body.appointmentId }));
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(created.body);
    expect(answer.headers.ETag).toBe('"1"');
  });

  it.each([
    ['an unknown id', 'does-not-exist'],
    ['an id that could never be issued', 'bad%20id'],
  ])('answers 404 NOT_FOUND for %s', async (_name, appointmentId) => {
    const answer = await call(get, apiEvent('GET', { appointmentId }));
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } });
  });
});
