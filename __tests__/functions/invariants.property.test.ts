/**
 * Random book / reschedule / cancel sequences, then the table itself is checked: no two
 * CONFIRMED appointments of a provider overlap, every lock belongs to a CONFIRMED appointment
 * covering that slot, and every CONFIRMED appointment holds all its locks.
 */
import fc from 'fast-check';
import { heldSlots } from '../../src/domain/availability/calendar';
import { intervalOf } from '../../src/domain/booking';
import { holdOfItem } from '../../src/data/items';
import { createLocalHandlers } from '../../dev/local/handlers';
import { seedOpenProviders } from '../support/providers';
import { apiEvent, bookingBody, call, createTestTable, scanTable, TestTable } from './helpers';

const NOW = new Date('2026-11-22T03:00:00Z');
const BASE_MS = Date.parse('2026-12-01T09:00:00Z');
const slotAt = (index: number) => new Date(BASE_MS + index * 15 * 60_000).toISOString().replace('.000Z', 'Z');

type Step =
  | { kind: 'book'; provider: number; slot: number; length: number }
  | { kind: 'move'; target: number; slot: number; length: number }
  | { kind: 'cancel'; target: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('book' as const),
    provider: fc.integer({ min: 0, max: 1 }),
    slot: fc.integer({ min: 0, max: 12 }),
    length: fc.integer({ min: 1, max: 4 }),
  }),
  fc.record({
    kind: fc.constant('move' as const),
    target: fc.nat(),
    slot: fc.integer({ min: 0, max: 12 }),
    length: fc.integer({ min: 1, max: 4 }),
  }),
  fc.record({ kind: fc.constant('cancel' as const), target: fc.nat() }),
);

let table: TestTable;
beforeAll(async () => (table = await createTestTable('invariants')));
afterAll(() => table.drop());

it('random book/reschedule/cancel sequences never double-book and never leave a lock without its appointment', async () => {
  let run = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
      // Prepare: providers unique to this run, so runs sharing the table do not interfere.
      run += 1;
      const handlers = createLocalHandlers({
        client: table.documentClient,
        tableName: table.tableName,
        pageTokenSecret: 's',
        clock: () => NOW,
      });
      const providers = [`pa${run}`, `pb${run}`];
      await seedOpenProviders(table, 'clinic-a', providers);
      const booked: string[] = [];
      // Act
      for (const s of steps) {
        if (s.kind === 'book') {
          const body = bookingBody({
            providerId: providers[s.provider],
            start: slotAt(s.slot),
            durationMinutes: 15 * s.length,
          });
          const answer = await call(handlers['create-appointment'], apiEvent('POST', { body }));
          expect([201, 409]).toContain(answer.status);
          if (answer.status === 201) booked.push(answer.body.appointmentId);
        } else if (booked.length > 0) {
          const appointmentId = booked[s.target % booked.length];
          const answer =
            s.kind === 'move'
              ? await call(
                  handlers['update-appointment'],
                  apiEvent('PATCH', { appointmentId, body: { start: slotAt(s.slot), durationMinutes: 15 * s.length } }),
                )
              : await call(handlers['cancel-appointment'], apiEvent('DELETE', { appointmentId }));
          expect([200, 409]).toContain(answer.status);
        }
      }
      // Assess
      const items = (await scanTable(table)).filter((item) =>
        providers.some((p) => String(item.pk).includes(`#${p}#`) || item.providerId === p),
      );
      const confirmed = items.filter((item) => item.sk === 'APPOINTMENT' && item.status === 'CONFIRMED');
      const expectedLocks = confirmed.flatMap((a) =>
        heldSlots(intervalOf(a as never), holdOfItem(a)).map(
          (slot) => `SLOT#clinic-a#${a.providerId}#${slot}=${a.appointmentId}`,
        ),
      );
      const actualLocks = items.filter((item) => item.sk === 'LOCK').map((lock) => `${lock.pk}=${lock.appointmentId}`);
      expect(actualLocks.sort()).toEqual([...expectedLocks].sort());
      expect(new Set(expectedLocks.map((lock) => lock.split('=')[0])).size).toBe(expectedLocks.length);
    }),
    { numRuns: 60 },
  );
});
