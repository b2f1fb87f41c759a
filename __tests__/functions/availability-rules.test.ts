/**
 * Bookings that follow the provider's availability (contract, "When an interval is bookable"),
 * through the handlers on DynamoDB Local: each rule at its boundary, date overrides, buffers
 * with back-to-back bookings, the daily limit kept by its counter through bookings, moves and
 * cancels, staff's override, and daylight-saving days. Every refusal writes nothing.
 */
import { apiEvent, call, createTestTable, customerOf, scanTable, staffOf, TestTable } from './helpers';
import { handlersAt } from '../support/provider-api';

let table: TestTable;
beforeAll(async () => {
  table = await createTestTable('availability-rules');
  await api().putProvider('dr-lee', LEE);
  await api().putProvider('dr-dst', DST);
});
afterAll(() => table.drop());

/** Monday 7 December 2026, 09:00 in New York (UTC-5 until 14 March 2027). */
const NOW = new Date('2026-12-07T14:00:00Z');
const api = () => handlersAt(table, () => NOW);

const WEEKDAY = [{ start: '09:00', end: '17:00' }];
const LEE = {
  name: 'Dr. Lee',
  timeZone: 'America/New_York',
  weeklyHours: {
    MON: [
      { start: '09:00', end: '12:00' },
      { start: '13:00', end: '17:00' },
    ],
    // Touching intervals are one stretch.
    TUE: [
      { start: '09:00', end: '12:00' },
      { start: '12:00', end: '17:00' },
    ],
    WED: WEEKDAY,
    THU: WEEKDAY,
    FRI: WEEKDAY,
  },
  dateOverrides: [
    { date: '2026-12-15', intervals: [] },
    { date: '2026-12-19', intervals: [{ start: '10:00', end: '14:00' }] },
  ],
  bufferAfterMinutes: 15,
  minimumNoticeMinutes: 120,
  bookingWindowDays: 60,
  maxBookingsPerDay: 3,
};
/** Open 01:00-04:00 on the Sunday clocks go forward at 02:00 and 00:00-03:00 on the one they go back at 02:00. */
const DST = {
  name: 'Dr. Night',
  timeZone: 'America/New_York',
  weeklyHours: {},
  dateOverrides: [
    { date: '2027-03-14', intervals: [{ start: '01:00', end: '04:00' }] },
    { date: '2027-11-07', intervals: [{ start: '00:00', end: '03:00' }] },
  ],
};

let sequence = 0;
const booking = (providerId: string, start: string, durationMinutes: number, extra: Record<string, unknown> = {}) => ({
  providerId,
  customer: { customerId: `c-${(sequence += 1)}`, name: 'Ada' },
  start,
  durationMinutes,
  timeZone: 'America/New_York',
  ...extra,
});
const book = (providerId: string, start: string, durationMinutes: number, extra?: Record<string, unknown>) =>
  api().book(booking(providerId, start, durationMinutes, extra));

/** The answer of a booking that must be refused, and that the table is unchanged by it. */
async function refused(providerId: string, start: string, durationMinutes: number, extra?: Record<string, unknown>) {
  const before = await scanTable(table);
  const answer = await book(providerId, start, durationMinutes, extra);
  expect(await scanTable(table)).toEqual(before);
  return { status: answer.status, code: answer.body.error?.code, details: answer.body.error?.details };
}
const outside = (reason: string) => ({ status: 422, code: 'OUTSIDE_AVAILABILITY', details: [{ reason }] });

const dayCount = async (providerId: string, localDate: string) =>
  (await scanTable(table)).find((item) => item.pk === `DAY#clinic-a#${providerId}#${localDate}`)?.bookings;

describe('rule 1: working hours in the provider zone', () => {
  it('books inside one stretch and refuses an interval over the lunch gap or past the end of the day', async () => {
    expect((await book('dr-lee', '2026-12-07T19:00:00Z', 60)).status).toBe(201); // Mon 14:00-15:00
    expect(await refused('dr-lee', '2026-12-07T16:30:00Z', 60)).toEqual(outside('OUTSIDE_WORKING_HOURS')); // 11:30-12:30
    expect(await refused('dr-lee', '2026-12-07T21:30:00Z', 45)).toEqual(outside('OUTSIDE_WORKING_HOURS')); // 16:30-17:15
    expect((await book('dr-lee', '2026-12-07T21:30:00Z', 30)).status).toBe(201); // 16:30-17:00, to the end
  });

  it('joins touching intervals of one date into one stretch', async () => {
    expect((await book('dr-lee', '2026-12-08T16:30:00Z', 60)).status).toBe(201); // Tue 11:30-12:30
  });

  it('follows date overrides: a closed date refuses, an open Saturday books within its own hours', async () => {
    expect(await refused('dr-lee', '2026-12-15T15:00:00Z', 30)).toEqual(outside('OUTSIDE_WORKING_HOURS'));
    expect((await book('dr-lee', '2026-12-19T15:00:00Z', 60)).status).toBe(201); // Sat 10:00-11:00
    expect(await refused('dr-lee', '2026-12-19T18:30:00Z', 60)).toEqual(outside('OUTSIDE_WORKING_HOURS')); // 13:30-14:30
  });

  it('at the spring-forward gap: three wall-clock hours are two real ones, and no interval fits a third', async () => {
    // 2027-03-14 01:00 EST is 06:00Z; 04:00 EDT is 08:00Z.
    expect(await refused('dr-dst', '2027-03-14T06:00:00Z', 135)).toEqual(outside('OUTSIDE_WORKING_HOURS'));
    expect((await book('dr-dst', '2027-03-14T06:00:00Z', 120)).status).toBe(201);
  });

  it('at the fall-back repeat: three wall-clock hours are four real ones, all of them bookable', async () => {
    // 2027-11-07 00:00 EDT is 04:00Z; 03:00 EST is 08:00Z. The window is 365 days.
    expect((await book('dr-dst', '2027-11-07T04:00:00Z', 240)).status).toBe(201);
  });
});

describe('rules 2 and 3: minimum notice and booking window', () => {
  it('refuses a start inside the notice, and books one exactly at its end', async () => {
    // NOW + 120 minutes is Monday 11:00 in New York.
    expect(await refused('dr-lee', '2026-12-07T15:45:00Z', 30)).toEqual(outside('MINIMUM_NOTICE'));
    expect((await book('dr-lee', '2026-12-07T16:00:00Z', 30)).status).toBe(201);
  });

  it('books the last day of the window and refuses its end (NOW + 60 days)', async () => {
    expect((await book('dr-lee', '2027-02-04T19:00:00Z', 30)).status).toBe(201); // Thu 14:00
    expect(await refused('dr-lee', '2027-02-05T14:00:00Z', 30)).toEqual(outside('BEYOND_BOOKING_WINDOW')); // Fri 09:00
  });
});

describe('rule 4: buffers', () => {
  it('keeps the 15 minutes after a booking free: back to back is refused, 15 minutes later books', async () => {
    expect((await book('dr-lee', '2026-12-09T15:00:00Z', 60)).status).toBe(201); // Wed 10:00-11:00 (+15)
    expect(await refused('dr-lee', '2026-12-09T16:00:00Z', 30)).toEqual({
      status: 409,
      code: 'SLOT_CONFLICT',
      details: undefined,
    });
    expect((await book('dr-lee', '2026-12-09T16:15:00Z', 30)).status).toBe(201);
    // And before it: 09:30-10:00 ends where the first begins, but its own 15 minutes after overlap it.
    expect((await refused('dr-lee', '2026-12-09T14:30:00Z', 30)).code).toBe('SLOT_CONFLICT');
    expect((await book('dr-lee', '2026-12-09T14:00:00Z', 45)).status).toBe(201); // 09:00-09:45 (+15)
  });

  it('takes the lock items of the padded interval, and a cancel releases all of them', async () => {
    const answer = await book('dr-lee', '2026-12-10T20:00:00Z', 30); // Thu 15:00-15:30 (+15)
    const locks = (await scanTable(table))
      .filter((item) => item.appointmentId === answer.body.appointmentId && item.sk === 'LOCK')
      .map((item) => String(item.pk).split('#').pop());
    expect(locks).toEqual(['2026-12-10T20:00:00Z', '2026-12-10T20:15:00Z', '2026-12-10T20:30:00Z']);
    await api().cancel(answer.body.appointmentId);
    const left = (await scanTable(table)).filter((item) => item.appointmentId === answer.body.appointmentId);
    expect(left.map((item) => item.sk)).toEqual(['APPOINTMENT']);
  });
});

describe('rule 5: the daily limit, kept by a counter', () => {
  it('refuses the fourth booking of a local date with 409 DAILY_LIMIT_REACHED; a cancel makes room again', async () => {
    // Prepare: Wednesday 16 December
    const first = await book('dr-lee', '2026-12-16T14:00:00Z', 30);
    await book('dr-lee', '2026-12-16T15:00:00Z', 30);
    await book('dr-lee', '2026-12-16T16:00:00Z', 30);
    // Act
    const fourth = await refused('dr-lee', '2026-12-16T17:00:00Z', 30);
    await api().cancel(first.body.appointmentId);
    const afterCancel = await book('dr-lee', '2026-12-16T17:00:00Z', 30);
    // Assess
    expect(fourth).toMatchObject({ status: 409, code: 'DAILY_LIMIT_REACHED' });
    expect(afterCancel.status).toBe(201);
    expect(await dayCount('dr-lee', '2026-12-16')).toBe(3);
  });

  it('counts by the local date: 23:00 UTC on a Thursday is still that Thursday in New York', async () => {
    await book('dr-lee', '2026-12-17T21:00:00Z', 30); // Thu 16:00
    expect(await dayCount('dr-lee', '2026-12-17')).toBe(1);
    expect(await dayCount('dr-lee', '2026-12-18')).toBeUndefined();
  });

  it('moves the count with a reschedule to another date, and refuses a move into a full date', async () => {
    // Prepare: Friday 18 December full, one on Monday 21
    for (const start of ['2026-12-18T14:00:00Z', '2026-12-18T15:00:00Z', '2026-12-18T16:00:00Z'])
      expect((await book('dr-lee', start, 30)).status).toBe(201);
    const mover = await book('dr-lee', '2026-12-21T14:00:00Z', 30);
    // Act
    const before = await scanTable(table);
    const intoFull = await api().move(mover.body.appointmentId, { start: '2026-12-18T17:00:00Z' });
    const unchanged = await scanTable(table);
    const elsewhere = await api().move(mover.body.appointmentId, { start: '2026-12-22T14:00:00Z' });
    // Assess
    expect(intoFull.status).toBe(409);
    expect(intoFull.body.error.code).toBe('DAILY_LIMIT_REACHED');
    expect(unchanged).toEqual(before);
    expect(elsewhere.status).toBe(200);
    expect([await dayCount('dr-lee', '2026-12-21'), await dayCount('dr-lee', '2026-12-22')]).toEqual([0, 1]);
  });

  it('lets a move within its own full date through: the appointment is not another one', async () => {
    const own = await book('dr-lee', '2026-12-23T14:00:00Z', 30);
    await book('dr-lee', '2026-12-23T15:00:00Z', 30);
    await book('dr-lee', '2026-12-23T16:00:00Z', 30);
    const moved = await api().move(own.body.appointmentId, { start: '2026-12-23T19:00:00Z' });
    expect(moved.status).toBe(200);
    expect(await dayCount('dr-lee', '2026-12-23')).toBe(3);
  });
});

describe('a move follows the availability in force, an edit that keeps the interval does not need it', () => {
  it('refuses a move outside working hours with 422 and changes nothing, and edits notes of the same booking', async () => {
    const booked = await book('dr-lee', '2026-12-28T14:00:00Z', 30); // Mon 09:00
    const before = await scanTable(table);
    const moved = await api().move(booked.body.appointmentId, { start: '2026-12-28T17:00:00Z' }); // 12:00, lunch
    expect(moved.body.error).toMatchObject({
      code: 'OUTSIDE_AVAILABILITY',
      details: [{ reason: 'OUTSIDE_WORKING_HOURS' }],
    });
    expect(await scanTable(table)).toEqual(before);
    expect((await api().move(booked.body.appointmentId, { notes: 'bring the x-rays' })).status).toBe(200);
  });
});

describe('overrideAvailability (staff only)', () => {
  it('lets staff book outside hours, inside the notice and past the daily limit, but never into a conflict', async () => {
    // Prepare: Sunday 3 January is closed
    const sunday = await book('dr-lee', '2027-01-03T15:00:00Z', 60, { overrideAvailability: true });
    const soon = await book('dr-lee', '2026-12-07T14:30:00Z', 15, { overrideAvailability: true });
    for (const start of ['2026-12-30T14:00:00Z', '2026-12-30T15:00:00Z', '2026-12-30T16:00:00Z'])
      await book('dr-lee', start, 30);
    const beyondLimit = await book('dr-lee', '2026-12-30T17:00:00Z', 30, { overrideAvailability: true });
    // Act
    const conflict = await refused('dr-lee', '2027-01-03T15:30:00Z', 30, { overrideAvailability: true });
    // Assess
    expect([sunday.status, soon.status, beyondLimit.status]).toEqual([201, 201, 201]);
    expect(conflict).toMatchObject({ status: 409, code: 'SLOT_CONFLICT' });
    expect(await dayCount('dr-lee', '2026-12-30')).toBe(4);
  });

  it('is refused with 403 for a customer, and writes nothing', async () => {
    const before = await scanTable(table);
    const answer = await api().book(
      {
        ...booking('dr-lee', '2027-01-03T18:00:00Z', 30, { overrideAvailability: true }),
        customer: { customerId: 'c-me', name: 'Me' },
      },
      customerOf('clinic-a', 'c-me'),
    );
    expect(answer.status).toBe(403);
    expect(await scanTable(table)).toEqual(before);
  });
});

describe('the provider must exist in the caller tenant', () => {
  it("answers 404 PROVIDER_NOT_FOUND for an unknown provider and for another tenant's, writing nothing", async () => {
    const before = await scanTable(table);
    const unknown = await book('dr-nobody', '2026-12-09T19:00:00Z', 30);
    const otherTenant = await api().book(booking('dr-lee', '2026-12-09T19:00:00Z', 30), staffOf('clinic-b'));
    expect([unknown.status, otherTenant.status]).toEqual([404, 404]);
    expect([unknown.body.error.code, otherTenant.body.error.code]).toEqual([
      'PROVIDER_NOT_FOUND',
      'PROVIDER_NOT_FOUND',
    ]);
    expect(await scanTable(table)).toEqual(before);
  });
});

describe('a changed profile', () => {
  it('applies to new bookings at once and leaves those already booked as they are', async () => {
    // Prepare: a Wednesday booking, then Wednesdays close
    const kept = await book('dr-change', '2027-01-06T15:00:00Z', 30);
    expect(kept.status).toBe(404); // no profile yet
    await api().putProvider('dr-change', LEE);
    const booked = await book('dr-change', '2027-01-06T15:00:00Z', 30);
    const withoutWednesday = Object.fromEntries(Object.entries(LEE.weeklyHours).filter(([day]) => day !== 'WED'));
    await api().putProvider('dr-change', { ...LEE, weeklyHours: withoutWednesday });
    // Act
    const next = await refused('dr-change', '2027-01-06T16:00:00Z', 30);
    const stored = await call(
      api().handlers['get-appointment'],
      apiEvent('GET', { appointmentId: booked.body.appointmentId }),
    );
    // Assess
    expect(booked.status).toBe(201);
    expect(next).toEqual(outside('OUTSIDE_WORKING_HOURS'));
    expect(stored.body).toMatchObject({ status: 'CONFIRMED', start: '2027-01-06T15:00:00Z' });
  });
});
