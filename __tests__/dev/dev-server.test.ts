/**
 * `npm run dev` end to end: the real server over a table of its own in the run's DynamoDB Local,
 * spoken to over HTTP the way the README's curl session does, with the staff token the server prints at start.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { DEMO_TENANT_ID, DevServer } from '../../dev/server';
import { startTestDevServer } from './support/test-dev-server';
import { seedOpenProvidersAt } from '../support/providers';

let server: DevServer;
const notificationLines: string[] = [];

beforeAll(async () => {
  const output = new PassThrough();
  output.on('data', (chunk: Buffer) => notificationLines.push(...chunk.toString().split('\n').filter(Boolean)));
  server = await startTestDevServer('dev-server', { apiKey: 'test-key-123', output });
  await seedOpenProvidersAt(server.dynamoDb, DEMO_TENANT_ID, ['dr-smith', 'dr-notify']);
});

afterAll(async () => {
  await server?.stop();
});

const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      'x-api-key': 'test-key-123',
      authorization: `Bearer ${server.staffToken}`,
      'content-type': 'application/json',
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
};

/** One instant for every date of this file: a run across midnight UTC still books the day it lists. */
const FILE_LOADED_MS = Date.now();

function nextDayAt(hourUtc: number): string {
  const d = new Date(FILE_LOADED_MS + 2 * 24 * 3600_000);
  d.setUTCHours(hourUtc, 0, 0, 0);
  return d.toISOString().replace('.000Z', 'Z');
}

const booking = (start: string, providerId = 'dr-smith') => ({
  providerId,
  customer: { customerId: 'cust-1', name: 'Ada Lovelace', email: 'ada@example.com' },
  start,
  durationMinutes: 30,
  timeZone: 'America/Los_Angeles',
});

describe('the local server', () => {
  test('refuses a missing, empty or wrong API key with 403 Forbidden, even with a valid token', async () => {
    for (const key of [undefined, '', 'wrong']) {
      const res = await fetch(`${server.url}/appointments`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${server.staffToken}`,
          ...(key === undefined ? {} : { 'x-api-key': key }),
        },
        body: JSON.stringify(booking(nextDayAt(9))),
      });
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({ message: 'Forbidden' });
    }
    const list = await call('GET', `/appointments?providerId=dr-smith&from=${nextDayAt(0)}&to=${nextDayAt(23)}`);
    expect(list.body.items).toEqual([]);
  });

  test('serves the OpenAPI document', async () => {
    const res = await fetch(`${server.url}/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; servers: unknown; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.servers).toEqual([{ url: server.url, description: 'this npm run dev server' }]);
    expect(Object.keys(doc.paths)).toEqual([
      '/appointments',
      '/appointments/{appointmentId}',
      '/providers/{providerId}',
      '/providers/{providerId}/slots',
    ]);
  });

  test('serves the AsyncAPI document and the notification schemas beside it, without key or token, as under docs/', async () => {
    for (const file of ['asyncapi.json', 'notifications/appointment-reminder.schema.json']) {
      const res = await fetch(`${server.url}/${file}`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual(JSON.parse(readFileSync(path.join(__dirname, '../../docs', file), 'utf8')));
    }
  });

  test('a request head over 16 KB answers 431 in the contract shape', async () => {
    const res = await fetch(`${server.url}/appointments`, {
      headers: {
        'x-api-key': 'test-key-123',
        authorization: `Bearer ${server.staffToken}`,
        'x-padding': 'p'.repeat(20_000),
      },
    });
    expect(res.status).toBe(431);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('REQUEST_HEADER_TOO_LARGE');
  });

  test('an unknown route answers 404 in the contract shape', async () => {
    const res = await call('GET', '/nope');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });

  test('book, conflict, list, reschedule, cancel: the README session', async () => {
    const first = await call('POST', '/appointments', booking(nextDayAt(17)));
    expect(first.status).toBe(201);
    expect(first.headers.get('location')).toBe(`/appointments/${first.body.appointmentId}`);
    const id = first.body.appointmentId as string;

    const clash = await call('POST', '/appointments', {
      ...booking(nextDayAt(17)),
      customer: { customerId: 'c2', name: 'Bob' },
    });
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe('SLOT_CONFLICT');

    const list = await call('GET', `/appointments?providerId=dr-smith&from=${nextDayAt(0)}&to=${nextDayAt(23)}`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((a: { appointmentId: string }) => a.appointmentId)).toEqual([id]);

    const moved = await call('PATCH', `/appointments/${id}`, { start: nextDayAt(18) }, { 'If-Match': '1' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ start: nextDayAt(18), version: 2 });

    const cancelled = await call('DELETE', `/appointments/${id}`, { reason: 'Patient asked to move' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({
      status: 'CANCELLED',
      version: 3,
      cancellationReason: 'Patient asked to move',
    });

    // Another customer of the tenant: the appointment does not exist for it, the provider's list is not its to read.
    const issued = await call('POST', '/dev/tokens', {
      tenantId: 'demo',
      role: 'customer',
      subject: 'u-bob',
      customerId: 'c2',
    });
    expect(issued.status).toBe(201);
    const asBob = { authorization: `Bearer ${issued.body.token}` };
    const hidden = await call('GET', `/appointments/${id}`, undefined, asBob);
    expect([hidden.status, hidden.body.error.code]).toEqual([404, 'NOT_FOUND']);
    const forbidden = await call('GET', '/appointments?providerId=dr-smith', undefined, asBob);
    expect([forbidden.status, forbidden.body.error.code]).toEqual([403, 'FORBIDDEN']);

    const again = await call('POST', '/appointments', booking(nextDayAt(18)));
    expect(again.status).toBe(201);
  });

  test('committed changes are published as JSON lines on stdout and in the notifications file', async () => {
    const booked = await call('POST', '/appointments', booking(nextDayAt(20), 'dr-notify'));
    expect(booked.status).toBe(201);
    const id = booked.body.appointmentId as string;
    const confirmed = () =>
      notificationLines
        .map((l) => JSON.parse(l))
        .find((m) => m.type === 'APPOINTMENT_CONFIRMED' && m.appointmentId === id);
    // A bounded number of looks, not a deadline: on a loaded machine each look takes longer, and so
    // may the stream poller (every 500 ms); 600 looks are two minutes on a quiet one.
    for (let look = 0; !confirmed() && look < 600; look++) await new Promise((r) => setTimeout(r, 200));
    expect(confirmed()).toMatchObject({ providerId: 'dr-notify', start: nextDayAt(20) });
    const fileLines = readFileSync(server.notificationsFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    expect(fileLines.some((m) => m.type === 'APPOINTMENT_CONFIRMED' && m.appointmentId === id)).toBe(true);
  });
});

describe("the README's provider session", () => {
  /** The Monday at least 14 days ahead, at `hh:mm` UTC (Los Angeles is UTC-7 or UTC-8 then). */
  function mondayAt(hour: number, minute = 0): string {
    const d = new Date(FILE_LOADED_MS + 14 * 24 * 3600_000);
    d.setUTCDate(d.getUTCDate() + ((8 - d.getUTCDay()) % 7));
    d.setUTCHours(hour, minute, 0, 0);
    return d.toISOString().replace('.000Z', 'Z');
  }
  const profile = {
    name: 'Dr. Lee',
    timeZone: 'UTC',
    weeklyHours: {
      MON: [
        { start: '09:00', end: '12:00' },
        { start: '13:00', end: '17:00' },
      ],
    },
    bufferAfterMinutes: 15,
    minimumNoticeMinutes: 120,
    bookingWindowDays: 180,
    maxBookingsPerDay: 12,
  };
  const book = (start: string, providerId = 'dr-readme', durationMinutes = 60) =>
    call('POST', '/appointments', { ...booking(start, providerId), durationMinutes });

  test('creates a provider, lists its slots, books the first, and is refused by buffer, hours and an unknown provider', async () => {
    const put = await call('PUT', '/providers/dr-readme', profile);
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ providerId: 'dr-readme', bufferBeforeMinutes: 0, version: 1 });
    const invalid = await call('PUT', '/providers/dr-readme', {
      ...profile,
      weeklyHours: { MON: [{ start: '09:00', end: '12:10' }] },
    });
    expect(invalid.body.error.details).toEqual([
      { path: 'weeklyHours.MON[0].end', message: 'must be on a 15-minute boundary (:00, :15, :30 or :45)' },
    ]);

    const slotsOf = async (from: string, to: string) =>
      (await call('GET', `/providers/dr-readme/slots?from=${from}&to=${to}&durationMinutes=60`)).body.slots.map(
        (slot: { start: string }) => slot.start,
      );
    const before = await slotsOf(mondayAt(9), mondayAt(17));
    expect(before[0]).toBe(mondayAt(9));
    expect(before).not.toContain(mondayAt(11, 15)); // would run into lunch
    expect(before).toHaveLength(9 + 13);

    expect((await book(before[0])).status).toBe(201);
    const conflict = await book(mondayAt(10), 'dr-readme', 30);
    const lunch = await book(mondayAt(12), 'dr-readme', 30);
    const unknown = await book(mondayAt(14), 'dr-who', 30);
    expect([conflict.status, conflict.body.error.code]).toEqual([409, 'SLOT_CONFLICT']);
    expect([lunch.status, lunch.body.error.details]).toEqual([422, [{ reason: 'OUTSIDE_WORKING_HOURS' }]]);
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'PROVIDER_NOT_FOUND']);

    const after = await slotsOf(mondayAt(9), mondayAt(12));
    expect(after).toEqual([mondayAt(10, 15), mondayAt(10, 30), mondayAt(10, 45), mondayAt(11)]);
  });
});
