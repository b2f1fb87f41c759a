/**
 * Random sequences of bookings, moves, cancels and schedule changes of one provider, a few at a
 * time concurrently, through the handlers on DynamoDB Local. Whatever the interleaving, the
 * table must end in a state the contract allows: no two CONFIRMED appointments whose padded
 * intervals (each with the buffers it holds) overlap, a lock for exactly each slot of those
 * padded intervals, and every day counter equal to the CONFIRMED appointments it counts, with
 * none over the daily limit that was in force when the last of them was booked.
 */
import fc from 'fast-check';
import { heldSlots } from '../../src/domain/availability/calendar';
import { intervalOf } from '../../src/domain/booking';
import { holdOfItem } from '../../src/data/items';
import { createTestTable, scanTable, TestTable } from './helpers';
import { handlersAt } from '../support/provider-api';

let table: TestTable;
beforeAll(async () => (table = await createTestTable('availability-sequences')));
afterAll(() => table.drop());

/** Monday 7 December 2026, 08:00 in New York: every start below is ahead of it. */
const NOW = new Date('2026-12-07T13:00:00Z');
const api = () => handlersAt(table, () => NOW);
/** Grid starts of Monday and Tuesday 09:00-16:45 New York (14:00Z-21:45Z). */
const STARTS = [7, 8].flatMap((day) =>
  Array.from({ length: 32 }, (_, i) =>
    new Date(Date.UTC(2026, 11, day, 14, 15 * i)).toISOString().replace('.000Z', 'Z'),
  ),
);

const scheduleArbitrary = fc.record({
  bufferBeforeMinutes: fc.constantFrom(0, 15, 30),
  bufferAfterMinutes: fc.constantFrom(0, 15),
  maxBookingsPerDay: fc.constantFrom(2, 3, 5),
  closesAt: fc.constantFrom('15:00', '17:00'),
});
type Schedule = ReturnType<typeof scheduleArbitrary.generate>['value'];
const profileOf = (schedule: Schedule) => ({
  name: 'Dr. Random',
  timeZone: 'America/New_York',
  weeklyHours: {
    MON: [{ start: '09:00', end: schedule.closesAt }],
    TUE: [{ start: '09:00', end: schedule.closesAt }],
  },
  bufferBeforeMinutes: schedule.bufferBeforeMinutes,
  bufferAfterMinutes: schedule.bufferAfterMinutes,
  maxBookingsPerDay: schedule.maxBookingsPerDay,
});

const stepArbitrary = fc.oneof(
  fc.record({
    kind: fc.constant('book' as const),
    start: fc.constantFrom(...STARTS),
    minutes: fc.constantFrom(15, 30, 60),
  }),
  fc.record({ kind: fc.constant('move' as const), which: fc.nat(20), start: fc.constantFrom(...STARTS) }),
  fc.record({ kind: fc.constant('cancel' as const), which: fc.nat(20) }),
  fc.record({ kind: fc.constant('schedule' as const), schedule: scheduleArbitrary }),
);
type Step = ReturnType<typeof stepArbitrary.generate>['value'];

let run = 0;

it('any interleaving ends with no overlapping padded intervals, exact locks and exact day counters', async () => {
  await fc.assert(
    fc.asyncProperty(
      scheduleArbitrary,
      fc.array(fc.array(stepArbitrary, { minLength: 1, maxLength: 4 }), { minLength: 4, maxLength: 10 }),
      async (initial, batches) => {
        // Prepare
        const providerId = `dr-seq-${(run += 1)}`;
        await api().putProvider(providerId, profileOf(initial));
        const booked: string[] = [];
        let customer = 0;
        const perform = async (step: Step) => {
          switch (step.kind) {
            case 'book': {
              const answer = await api().book({
                providerId,
                customer: { customerId: `c-${run}-${(customer += 1)}`, name: 'Ada' },
                start: step.start,
                durationMinutes: step.minutes,
                timeZone: 'America/New_York',
              });
              if (answer.status === 201) booked.push(answer.body.appointmentId);
              return answer.status;
            }
            case 'move':
              if (booked.length === 0) return 0;
              return (await api().move(booked[step.which % booked.length], { start: step.start })).status;
            case 'cancel':
              if (booked.length === 0) return 0;
              return (await api().cancel(booked[step.which % booked.length])).status;
            case 'schedule':
              return (await api().putProvider(providerId, profileOf(step.schedule))).status;
          }
        };
        // Act: each batch's steps at once
        const statuses: number[] = [];
        for (const batch of batches) statuses.push(...(await Promise.all(batch.map(perform))));
        // Assess
        expect(statuses.filter((status) => status >= 500)).toEqual([]);
        const items = (await scanTable(table)).filter(
          (item) => String(item.pk).includes(`#${providerId}`) || item.providerId === providerId,
        );
        const confirmed = items.filter((item) => item.sk === 'APPOINTMENT' && item.status === 'CONFIRMED');
        const padded = confirmed.map((item) => ({
          id: String(item.appointmentId),
          slots: heldSlots(intervalOf(item as never), holdOfItem(item)),
          localDate: holdOfItem(item).localDate,
        }));
        // No slot is in two padded intervals, and the locks are exactly the padded slots.
        const expectedLocks = padded.flatMap(({ id, slots }) => slots.map((slot) => `${slot}=${id}`)).sort();
        const lockedSlots = expectedLocks.map((lock) => lock.split('=')[0]);
        expect(new Set(lockedSlots).size).toBe(lockedSlots.length);
        const locks = items
          .filter((item) => item.sk === 'LOCK')
          .map((lock) => `${String(lock.pk).split('#').pop()}=${lock.appointmentId}`)
          .sort();
        expect(locks).toEqual(expectedLocks);
        // Each counter counts exactly the CONFIRMED appointments of its date.
        const counted = Object.fromEntries(
          items.filter((item) => item.sk === 'COUNT').map((item) => [String(item.pk).split('#').pop(), item.bookings]),
        );
        const perDate: Record<string, number> = {};
        for (const { localDate } of padded) perDate[localDate] = (perDate[localDate] ?? 0) + 1;
        for (const [date, count] of Object.entries(counted)) expect([date, count]).toEqual([date, perDate[date] ?? 0]);
        for (const [date, count] of Object.entries(perDate)) expect([date, counted[date]]).toEqual([date, count]);
        // None is over the largest limit any schedule of the run had.
        const largestLimit = Math.max(
          initial.maxBookingsPerDay,
          ...batches.flat().flatMap((step) => (step.kind === 'schedule' ? [step.schedule.maxBookingsPerDay] : [])),
        );
        expect(Math.max(0, ...Object.values(perDate))).toBeLessThanOrEqual(largestLimit);
      },
    ),
    { numRuns: 25 },
  );
}, 240_000);
