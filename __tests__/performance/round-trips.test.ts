/**
 * How many requests each operation sends to DynamoDB, counted by an SDK middleware on the client
 * the handlers use, through the real handlers over DynamoDB Local. The counts are exact: an extra
 * request fails the test. Two figures above one are deliberate, and documented where they are
 * made: a booking and a move read the provider's profile (what they are decided against), cancel
 * and update read the appointment consistently before their one transaction (the locks to release
 * depend on the stored interval), and a listing with includeCancelled=true queries the CONFIRMED
 * and the CANCELLED index partitions.
 */
import { OperationName } from '../../src/operations';
import { ApiHandler } from '../../src/http/handler';
import { createLocalHandlers } from '../../dev/local/handlers';
import { countRequests, RequestCounter } from '../../bench/request-counter';
import {
  apiEvent,
  Answer,
  bookingBody,
  call,
  createTestTable,
  EventOptions,
  futureSlot,
  TestTable,
} from '../functions/helpers';
import { providerEvent } from '../support/provider-api';
import { OPEN_PROFILE } from '../support/providers';

/** The open profile as a PUT body. */
const OPEN_BODY = OPEN_PROFILE;

let table: TestTable;
let counter: RequestCounter;
let handlers: Record<OperationName, ApiHandler>;
/** Handlers whose clock is 2 hours ahead: a booking 30 minutes from now has started for them. */
let lateHandlers: Record<OperationName, ApiHandler>;

beforeAll(async () => {
  table = await createTestTable('round-trips', {
    openProviders: {
      'clinic-a': [
        ...['rt-create', 'rt-key', 'rt-replay', 'rt-reused', 'rt-late', 'rt-conflict', 'rt-get', 'rt-list'],
        ...['rt-notes', 'rt-update', 'rt-stale', 'rt-cancel', 'rt-cancel-twice'],
      ],
    },
  });
  counter = countRequests(table.client);
  const options = { client: table.documentClient, tableName: table.tableName, pageTokenSecret: 'round-trip-secret' };
  handlers = createLocalHandlers(options);
  lateHandlers = createLocalHandlers({ ...options, clock: () => new Date(Date.now() + 2 * 3_600_000) });
});
afterAll(async () => {
  counter.detach();
  await table.drop();
});

/** Calls one operation and answers with the requests it sent, in order. */
async function requestsOf(
  operation: OperationName,
  method: string,
  options: EventOptions,
  from = handlers,
): Promise<{ answer: Answer; requests: string[] }> {
  counter.reset();
  const answer = await call(from[operation], apiEvent(method, options));
  return { answer, requests: [...counter.sequence] };
}

const book = async (providerId: string, start: string, extra: Record<string, unknown> = {}) => {
  const { answer } = await requestsOf('create-appointment', 'POST', {
    body: bookingBody({ providerId, start, ...extra }),
  });
  expect(answer.status).toBe(201);
  return answer.body as { appointmentId: string; version: number };
};

describe('POST /appointments', () => {
  it("books with one GetItem of the provider's profile and one TransactWriteItems (appointment, locks, counter, profile check)", async () => {
    const { answer, requests } = await requestsOf('create-appointment', 'POST', {
      body: bookingBody({ providerId: 'rt-create', start: futureSlot(2) }),
    });
    expect(answer.status).toBe(201);
    expect(requests).toEqual(['GetItem', 'TransactWriteItems']);
  });

  it('with a new Idempotency-Key sends no more: the record is one more item of the same transaction', async () => {
    const { answer, requests } = await requestsOf('create-appointment', 'POST', {
      body: bookingBody({ providerId: 'rt-key', start: futureSlot(2) }),
      headers: { 'Idempotency-Key': 'rt-key-1' },
    });
    expect(answer.status).toBe(201);
    expect(requests).toEqual(['GetItem', 'TransactWriteItems']);
  });

  it('replays a retry with the same two: the failed transaction hands back the stored answer (ALL_OLD), no extra read', async () => {
    const body = bookingBody({ providerId: 'rt-replay', start: futureSlot(2) });
    const headers = { 'Idempotency-Key': 'rt-replay-1' };
    const first = await requestsOf('create-appointment', 'POST', { body, headers });
    const replay = await requestsOf('create-appointment', 'POST', { body, headers });
    expect(replay.answer.status).toBe(201);
    expect(replay.answer.rawBody).toBe(first.answer.rawBody);
    expect(replay.requests).toEqual(['GetItem', 'TransactWriteItems']);
  });

  it('refuses a reused key with a different body with the same two (422)', async () => {
    const headers = { 'Idempotency-Key': 'rt-reused-1' };
    await requestsOf('create-appointment', 'POST', {
      body: bookingBody({ providerId: 'rt-reused', start: futureSlot(2) }),
      headers,
    });
    const { answer, requests } = await requestsOf('create-appointment', 'POST', {
      body: bookingBody({ providerId: 'rt-reused', start: futureSlot(2, 60) }),
      headers,
    });
    expect(answer.status).toBe(422);
    expect(requests).toEqual(['GetItem', 'TransactWriteItems']);
  });

  it('answers a keyed retry that arrives after its start has passed with one GetItem of the record', async () => {
    const body = bookingBody({ providerId: 'rt-late', start: futureSlot(0, 30) });
    const headers = { 'Idempotency-Key': 'rt-late-1' };
    await requestsOf('create-appointment', 'POST', { body, headers });
    const { answer, requests } = await requestsOf('create-appointment', 'POST', { body, headers }, lateHandlers);
    expect(answer.status).toBe(201);
    expect(requests).toEqual(['GetItem']);
  });

  it('answers a taken slot (409) with the same two and sends nothing for an invalid body', async () => {
    await book('rt-conflict', futureSlot(2));
    const conflict = await requestsOf('create-appointment', 'POST', {
      body: bookingBody({ providerId: 'rt-conflict', start: futureSlot(2) }),
    });
    const invalid = await requestsOf('create-appointment', 'POST', { body: { providerId: 'rt-conflict' } });
    expect([conflict.answer.status, conflict.requests]).toEqual([409, ['GetItem', 'TransactWriteItems']]);
    expect([invalid.answer.status, invalid.requests]).toEqual([400, []]);
  });
});

describe('GET /appointments/{appointmentId}', () => {
  it('reads one item with one GetItem, found or not', async () => {
    const { appointmentId } = await book('rt-get', futureSlot(2));
    const found = await requestsOf('get-appointment', 'GET', { appointmentId });
    const missing = await requestsOf('get-appointment', 'GET', { appointmentId: 'no-such-appointment' });
    expect([found.answer.status, found.requests]).toEqual([200, ['GetItem']]);
    expect([missing.answer.status, missing.requests]).toEqual([404, ['GetItem']]);
  });
});

describe('GET /appointments', () => {
  beforeAll(async () => {
    for (let hour = 0; hour < 5; hour++) await book('rt-list', futureSlot(1, hour * 60));
  });

  it('sends one Query per page, first page and following pages alike', async () => {
    const query = { providerId: 'rt-list', limit: '2' };
    const pages: string[][] = [];
    let nextToken: string | undefined;
    do {
      const { answer, requests } = await requestsOf('list-appointments', 'GET', {
        query: nextToken ? { ...query, nextToken } : query,
      });
      expect(answer.status).toBe(200);
      pages.push(requests);
      nextToken = answer.body.nextToken;
    } while (nextToken);
    expect(pages).toEqual([['Query'], ['Query'], ['Query']]);
  });

  it('with includeCancelled=true sends two Queries: the CONFIRMED and the CANCELLED partition', async () => {
    const { answer, requests } = await requestsOf('list-appointments', 'GET', {
      query: { providerId: 'rt-list', includeCancelled: 'true' },
    });
    expect(answer.status).toBe(200);
    expect(requests).toEqual(['Query', 'Query']);
  });
});

describe('PATCH and DELETE /appointments/{appointmentId}', () => {
  it("reschedules with a consistent GetItem, a GetItem of the provider's profile, then one TransactWriteItems", async () => {
    const { appointmentId } = await book('rt-update', futureSlot(2));
    const { answer, requests } = await requestsOf('update-appointment', 'PATCH', {
      appointmentId,
      body: { start: futureSlot(2, 60) },
    });
    expect(answer.status).toBe(200);
    expect(requests).toEqual(['GetItem', 'GetItem', 'TransactWriteItems']);
  });

  it('edits notes with a consistent GetItem then one TransactWriteItems: the interval, and availability, stay', async () => {
    const { appointmentId } = await book('rt-notes', futureSlot(2));
    const { answer, requests } = await requestsOf('update-appointment', 'PATCH', {
      appointmentId,
      body: { notes: 'bring the X-rays' },
    });
    expect(answer.status).toBe(200);
    expect(requests).toEqual(['GetItem', 'TransactWriteItems']);
  });

  it('cancels with a consistent GetItem then one TransactWriteItems (the locks to delete depend on the stored interval)', async () => {
    const { appointmentId } = await book('rt-cancel', futureSlot(2));
    const { answer, requests } = await requestsOf('cancel-appointment', 'DELETE', { appointmentId });
    expect(answer.status).toBe(200);
    expect(requests).toEqual(['GetItem', 'TransactWriteItems']);
  });

  it('answers a second cancel from the read alone: one GetItem, nothing written', async () => {
    const { appointmentId } = await book('rt-cancel-twice', futureSlot(2));
    await requestsOf('cancel-appointment', 'DELETE', { appointmentId });
    const { answer, requests } = await requestsOf('cancel-appointment', 'DELETE', { appointmentId });
    expect(answer.status).toBe(200);
    expect(requests).toEqual(['GetItem']);
  });

  it('answers If-Match on a stale version (412) from the read alone', async () => {
    const { appointmentId } = await book('rt-stale', futureSlot(2));
    const { answer, requests } = await requestsOf('cancel-appointment', 'DELETE', {
      appointmentId,
      headers: { 'If-Match': '7' },
    });
    expect(answer.status).toBe(412);
    expect(requests).toEqual(['GetItem']);
  });
});

describe('providers', () => {
  const providerRequests = async (operation: OperationName, event: Parameters<ApiHandler>[0]) => {
    counter.reset();
    const answer = await call(handlers[operation], event);
    return { answer, requests: [...counter.sequence] };
  };
  const profile = { name: 'Dr. Count', timeZone: 'UTC', weeklyHours: { MON: [{ start: '00:00', end: '24:00' }] } };

  it('writes a profile with one GetItem (the version) and one TransactWriteItems (profile and version item)', async () => {
    const { answer, requests } = await providerRequests(
      'put-provider',
      providerEvent('PUT', 'rt-profile', { body: profile }),
    );
    expect(answer.status).toBe(200);
    expect(requests).toEqual(['GetItem', 'TransactWriteItems']);
  });

  it('reads a profile with one GetItem', async () => {
    await providerRequests('put-provider', providerEvent('PUT', 'rt-profile-read', { body: profile }));
    const { answer, requests } = await providerRequests('get-provider', providerEvent('GET', 'rt-profile-read'));
    expect(answer.status).toBe(200);
    expect(requests).toEqual(['GetItem']);
  });

  it('searches 31 days of slots with one GetItem of the profile and one Query of its 200 appointments, never a Scan', async () => {
    // Prepare: an open provider with 200 appointments in the window
    await providerRequests('put-provider', providerEvent('PUT', 'rt-slots', { body: OPEN_BODY }));
    for (let i = 0; i < 200; i++)
      await book('rt-slots', futureSlot(1 + (i % 30), 60 * Math.floor(i / 30)), { durationMinutes: 15 });
    // Act
    const { answer, requests } = await providerRequests(
      'list-free-slots',
      providerEvent('GET', 'rt-slots', {
        slots: true,
        query: { from: futureSlot(0, 60), to: futureSlot(31, 60), durationMinutes: '30' },
      }),
    );
    // Assess
    expect(answer.status).toBe(200);
    expect(answer.body.slots.length).toBeGreaterThan(30 * 24 * 4 - 200 * 3);
    expect(requests).toEqual(['GetItem', 'Query']);
  });
});
