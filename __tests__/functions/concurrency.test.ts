/** Double booking under real concurrency: DynamoDB Local serialises the transactions for us. */
import { apiEvent, bookingBody, call, createTestTable, futureSlot, scanTable, TestTable } from './helpers';
import { createLocalHandlers } from '../../dev/local/handlers';

let table: TestTable;
beforeAll(async () => (table = await createTestTable('concurrency', { openProviders: { 'clinic-a': ['p-race'] } })));
afterAll(() => table.drop());

describe('50 simultaneous overlapping bookings for one provider', () => {
  it('answer exactly one 201 and 49 x 409, and only the winner holds locks', async () => {
    // Prepare: every request overlaps 10:00-10:15 of the same provider.
    const handlers = createLocalHandlers({
      client: table.documentClient,
      tableName: table.tableName,
      pageTokenSecret: 's',
    });
    const requests = Array.from({ length: 50 }, (_, i) =>
      apiEvent('POST', {
        body: bookingBody({
          providerId: 'p-race',
          start: futureSlot(3, -15 * (i % 4)),
          durationMinutes: 15 * (1 + (i % 4)) + 15,
        }),
      }),
    );
    // Act
    const answers = await Promise.all(requests.map((event) => call(handlers['create-appointment'], event)));
    // Assess
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(49);
    const winner = answers.find((answer) => answer.status === 201)!.body;
    const items = await scanTable(table);
    const locks = items.filter((item) => item.sk === 'LOCK');
    expect(locks.every((lock) => lock.appointmentId === winner.appointmentId)).toBe(true);
    expect(locks).toHaveLength(winner.durationMinutes / 15);
    expect(items.filter((item) => item.sk === 'APPOINTMENT')).toHaveLength(1);
  });
});
