/**
 * Availability under concurrency, on DynamoDB Local through the handlers: overlapping bookings,
 * a daily limit, and a schedule change racing a booking that was decided against the old
 * schedule. The race is made to happen, not hoped for: the booking's transaction is held until
 * the schedule change has committed (a delay in front of the real table, nothing mocked).
 */
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { createLocalHandlers } from '../../dev/local/handlers';
import { apiEvent, call, createTestTable, scanTable, TestTable } from './helpers';
import { handlersAt, providerEvent } from '../support/provider-api';

let table: TestTable;
beforeAll(async () => (table = await createTestTable('availability-concurrency')));
afterAll(() => table.drop());

/** Monday 7 December 2026, 09:00 in New York. */
const NOW = new Date('2026-12-07T14:00:00Z');
const api = () => handlersAt(table, () => NOW);
const WEEKDAYS = Object.fromEntries(
  ['MON', 'TUE', 'WED', 'THU', 'FRI'].map((day) => [day, [{ start: '09:00', end: '17:00' }]]),
);
const profile = (extra: Record<string, unknown> = {}) => ({
  name: 'Dr. Race',
  timeZone: 'America/New_York',
  weeklyHours: WEEKDAYS,
  ...extra,
});
let sequence = 0;
const booking = (providerId: string, start: string, durationMinutes = 30) => ({
  providerId,
  customer: { customerId: `c-${(sequence += 1)}`, name: 'Ada' },
  start,
  durationMinutes,
  timeZone: 'America/New_York',
});
const at = (iso: string, minutes: number) =>
  new Date(Date.parse(iso) + minutes * 60_000).toISOString().replace('.000Z', 'Z');

describe('simultaneous bookings', () => {
  it('30 overlapping bookings (with buffers) give exactly one 201 and 29 x 409 SLOT_CONFLICT', async () => {
    // Prepare: starts 10:45-11:15 on Wednesday, 15-45 minutes long: padded by the 15-minute
    // buffers, every one covers 11:00-11:15, so any two conflict.
    await api().putProvider('dr-overlap', profile({ bufferBeforeMinutes: 15, bufferAfterMinutes: 15 }));
    const requests = Array.from({ length: 30 }, (_, i) =>
      booking('dr-overlap', at('2026-12-09T15:45:00Z', 15 * (i % 3)), 15 * (1 + ((i >> 2) % 3))),
    );
    // Act
    const answers = await Promise.all(requests.map((body) => api().book(body)));
    // Assess
    const codes = answers.map((answer) => (answer.status === 201 ? 201 : answer.body.error.code));
    expect(codes.filter((code) => code === 201)).toHaveLength(1);
    expect(codes.filter((code) => code === 'SLOT_CONFLICT')).toHaveLength(29);
    const items = await scanTable(table);
    const winner = answers.find((answer) => answer.status === 201)!.body;
    const locks = items.filter((item) => item.sk === 'LOCK' && String(item.pk).includes('#dr-overlap#'));
    expect(locks.every((lock) => lock.appointmentId === winner.appointmentId)).toBe(true);
    expect(locks).toHaveLength(winner.durationMinutes / 15 + 2);
  });

  it('with maxBookingsPerDay 3, 20 bookings of distinct free slots of one local date give exactly 3', async () => {
    // Prepare
    await api().putProvider('dr-limit', profile({ maxBookingsPerDay: 3 }));
    const requests = Array.from({ length: 20 }, (_, i) => booking('dr-limit', at('2026-12-10T14:00:00Z', 15 * i), 15));
    // Act
    const answers = await Promise.all(requests.map((body) => api().book(body)));
    // Assess
    const codes = answers.map((answer) => (answer.status === 201 ? 201 : answer.body.error.code));
    expect(codes.filter((code) => code === 201)).toHaveLength(3);
    expect(codes.filter((code) => code === 'DAILY_LIMIT_REACHED')).toHaveLength(17);
    const items = await scanTable(table);
    const confirmed = items.filter((item) => item.sk === 'APPOINTMENT' && item.providerId === 'dr-limit');
    expect(confirmed).toHaveLength(3);
    expect(items.find((item) => item.pk === 'DAY#clinic-a#dr-limit#2026-12-10')?.bookings).toBe(3);
  });
});

describe('a schedule change racing a booking', () => {
  /**
   * Handlers whose booking transactions (those with a ConditionCheck) wait for the test to open
   * the gate: `decided` resolves when the first one arrives, its decision already made on the
   * profile it read; `sent` counts them.
   */
  function handlersWithHeldBookings() {
    let open!: () => void;
    let arrived!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const decided = new Promise<void>((resolve) => (arrived = resolve));
    const counts = { sent: 0 };
    const client = table.documentClient;
    const held = new Proxy(client, {
      get(target, property, receiver) {
        if (property !== 'send') return Reflect.get(target, property, receiver);
        return async (command: unknown, ...rest: unknown[]) => {
          const items = command instanceof TransactWriteCommand ? (command.input.TransactItems ?? []) : [];
          if (items.some((item) => item.ConditionCheck)) {
            counts.sent += 1;
            arrived();
            await gate;
          }
          return (target.send as (...args: unknown[]) => Promise<unknown>).call(target, command, ...rest);
        };
      },
    }) as DynamoDBDocumentClient;
    const handlers = createLocalHandlers({
      client: held,
      tableName: table.tableName,
      pageTokenSecret: 's',
      clock: () => NOW,
    });
    return { handlers, decided, open, counts };
  }

  const closedThursdays = Object.fromEntries(Object.entries(WEEKDAYS).filter(([day]) => day !== 'THU'));

  it('never commits a booking decided against the old schedule after the new one committed: it is decided again', async () => {
    // Prepare: Thursdays open; a booking on Thursday is decided, then Thursdays close before it is sent
    await api().putProvider('dr-moving', profile());
    const { handlers, decided, open, counts } = handlersWithHeldBookings();
    const pending = call(
      handlers['create-appointment'],
      apiEvent('POST', { body: booking('dr-moving', '2026-12-17T15:00:00Z') }),
    );
    await Promise.race([decided, pending]); // a request that ends without a transaction fails below, not hangs
    // Act: the change commits while the booking's transaction waits, then the transaction is sent
    const change = await call(
      handlers['put-provider'],
      providerEvent('PUT', 'dr-moving', { body: profile({ weeklyHours: closedThursdays }) }),
    );
    open();
    const answer = await pending;
    // Assess: the one transaction sent was refused; the decision made again on the new schedule
    expect(change.status).toBe(200);
    expect(counts.sent).toBe(1);
    expect(answer.status).toBe(422);
    expect(answer.body.error.details).toEqual([{ reason: 'OUTSIDE_WORKING_HOURS' }]);
    const items = await scanTable(table);
    expect(items.filter((item) => item.sk === 'APPOINTMENT' && item.providerId === 'dr-moving')).toEqual([]);
    expect(items.filter((item) => String(item.pk).includes('#dr-moving#'))).toEqual([]);
  });

  it('a change that leaves the slot bookable lets the held booking through on its second decision', async () => {
    await api().putProvider('dr-renamed', profile());
    const { handlers, decided, open, counts } = handlersWithHeldBookings();
    const pending = call(
      handlers['create-appointment'],
      apiEvent('POST', { body: booking('dr-renamed', '2026-12-17T15:00:00Z') }),
    );
    await Promise.race([decided, pending]); // a request that ends without a transaction fails below, not hangs
    await call(
      handlers['put-provider'],
      providerEvent('PUT', 'dr-renamed', { body: profile({ name: 'Dr. Renamed' }) }),
    );
    open();
    expect((await pending).status).toBe(201);
    expect(counts.sent).toBe(2);
  });

  it('a move decided against the old schedule is decided again too', async () => {
    await api().putProvider('dr-move-race', profile());
    const booked = await api().book(booking('dr-move-race', '2026-12-16T15:00:00Z'));
    expect(booked.status).toBe(201);
    const { handlers, decided, open } = handlersWithHeldBookings();
    const pending = call(
      handlers['update-appointment'],
      apiEvent('PATCH', { appointmentId: booked.body.appointmentId, body: { start: '2026-12-17T15:00:00Z' } }),
    );
    await Promise.race([decided, pending]); // a request that ends without a transaction fails below, not hangs
    await call(
      handlers['put-provider'],
      providerEvent('PUT', 'dr-move-race', { body: profile({ weeklyHours: closedThursdays }) }),
    );
    open();
    const answer = await pending;
    expect(answer.body.error).toMatchObject({ code: 'OUTSIDE_AVAILABILITY' });
    const stored = (await scanTable(table)).find(
      (item) => item.appointmentId === booked.body.appointmentId && item.sk === 'APPOINTMENT',
    );
    expect(stored).toMatchObject({ start: '2026-12-16T15:00:00Z', version: 1 });
  });
});
