/**
 * `PUT` and `GET /providers/{providerId}` and the free-slot search through the handlers, on
 * DynamoDB Local: what is stored and answered, who may write, each error the contract names, and
 * that the slots listed are exactly the starts a booking accepts.
 */
import { createTestTable, customerOf, providerOf, scanTable, staffOf, TestTable } from './helpers';
import { handlersAt } from '../support/provider-api';

let table: TestTable;
beforeAll(async () => (table = await createTestTable('providers-api')));
afterAll(() => table.drop());

/** Monday 7 December 2026, 09:00 in New York. */
const NOW = new Date('2026-12-07T14:00:00Z');
const api = () => handlersAt(table, () => NOW);

const PROFILE = {
  name: 'Dr. Lee',
  timeZone: 'America/New_York',
  weeklyHours: {
    MON: [
      { start: '09:00', end: '12:00' },
      { start: '13:00', end: '17:00' },
    ],
    TUE: [{ start: '09:00', end: '17:00' }],
  },
};

describe('PUT /providers/{providerId}', () => {
  it('creates the profile with the defaults filled in at version 1, and GET answers the same', async () => {
    // Act
    const put = await api().putProvider('dr-new', PROFILE);
    const get = await api().getProvider('dr-new');
    // Assess
    expect(put.status).toBe(200);
    expect(put.body).toEqual({
      providerId: 'dr-new',
      ...PROFILE,
      dateOverrides: [],
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 0,
      minimumNoticeMinutes: 0,
      bookingWindowDays: 365,
      version: 1,
      createdAt: '2026-12-07T14:00:00Z',
      updatedAt: '2026-12-07T14:00:00Z',
    });
    expect(put.headers.ETag).toBe('"1"');
    expect(get).toMatchObject({ status: 200, body: put.body });
    expect(put.body).not.toHaveProperty('maxBookingsPerDay');
  });

  it('replaces it at version + 1, and refuses an If-Match of another version with 412, writing nothing', async () => {
    // Prepare
    await api().putProvider('dr-twice', PROFILE);
    // Act
    const second = await api().putProvider(
      'dr-twice',
      { ...PROFILE, maxBookingsPerDay: 4 },
      { headers: { 'If-Match': '"1"' } },
    );
    const before = await scanTable(table);
    const stale = await api().putProvider('dr-twice', PROFILE, { headers: { 'If-Match': '1' } });
    // Assess
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ version: 2, maxBookingsPerDay: 4, createdAt: '2026-12-07T14:00:00Z' });
    expect(stale.status).toBe(412);
    expect(stale.body.error.code).toBe('VERSION_MISMATCH');
    expect(await scanTable(table)).toEqual(before);
  });

  it('refuses If-Match on a provider that does not exist yet with 412', async () => {
    const answer = await api().putProvider('dr-none-yet', PROFILE, { headers: { 'If-Match': '1' } });
    expect(answer.status).toBe(412);
    expect((await api().getProvider('dr-none-yet')).status).toBe(404);
  });

  it('names each failed field, as the contract spells it, and writes nothing', async () => {
    // Prepare
    const before = await scanTable(table);
    const body = {
      ...PROFILE,
      weeklyHours: {
        MON: [
          { start: '09:00', end: '12:00' },
          { start: '11:00', end: '12:10' },
        ],
      },
      bufferAfterMinutes: 10,
    };
    // Act
    const answer = await api().putProvider('dr-invalid', body);
    // Assess
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('VALIDATION_ERROR');
    expect(answer.body.error.details.map((detail: { path: string }) => detail.path)).toEqual([
      'weeklyHours.MON[1].end',
      'weeklyHours.MON[1].start',
      'bufferAfterMinutes',
    ]);
    expect(await scanTable(table)).toEqual(before);
  });

  it('lets staff write any provider and a provider only itself; a customer never (403, nothing written)', async () => {
    // Prepare
    const before = await scanTable(table);
    // Act
    const asOther = await api().putProvider('dr-self', PROFILE, { caller: providerOf('clinic-a', 'dr-other') });
    const asCustomer = await api().putProvider('dr-self', PROFILE, { caller: customerOf('clinic-a', 'c-1') });
    const afterRefusals = await scanTable(table);
    const asSelf = await api().putProvider('dr-self', PROFILE, { caller: providerOf('clinic-a', 'dr-self') });
    // Assess
    expect([asOther.status, asCustomer.status, asSelf.status]).toEqual([403, 403, 200]);
    expect(asOther.body.error.code).toBe('FORBIDDEN');
    expect(afterRefusals).toEqual(before);
  });

  it("keeps tenants apart: another tenant's provider of the same id is another provider", async () => {
    // Prepare
    await api().putProvider('dr-shared-id', PROFILE);
    // Act
    const fromB = await api().getProvider('dr-shared-id', { caller: staffOf('clinic-b') });
    const putByB = await api().putProvider('dr-shared-id', { ...PROFILE, name: 'B' }, { caller: staffOf('clinic-b') });
    const fromA = await api().getProvider('dr-shared-id');
    // Assess
    expect(fromB.status).toBe(404);
    expect(fromB.body.error.code).toBe('PROVIDER_NOT_FOUND');
    expect(putByB.body).toMatchObject({ name: 'B', version: 1 });
    expect(fromA.body).toMatchObject({ name: 'Dr. Lee', version: 1 });
  });

  it('refuses a provider id no PUT could make: 400 naming providerId on PUT, 404 on GET', async () => {
    const put = await api().putProvider('a.b', PROFILE);
    const get = await api().getProvider('a.b');
    expect(put.status).toBe(400);
    expect(put.body.error.details).toEqual([
      { path: 'providerId', message: 'must be 1 to 64 characters of A-Z, a-z, 0-9, _ or -' },
    ]);
    expect(get.status).toBe(404);
    expect(get.body.error.code).toBe('PROVIDER_NOT_FOUND');
  });

  it('takes the largest profile the contract allows (200 overrides of 8 intervals), beyond the 16 KB of a booking', async () => {
    const day = Array.from({ length: 8 }, (_, i) => ({ start: `${10 + i}:00`, end: `${10 + i}:45` }));
    const dateOverrides = Array.from({ length: 200 }, (_, i) => ({
      date: new Date(Date.UTC(2027, 0, 1 + i)).toISOString().slice(0, 10),
      intervals: day,
    }));
    const answer = await api().putProvider('dr-large', { ...PROFILE, dateOverrides });
    expect(JSON.stringify({ ...PROFILE, dateOverrides }).length).toBeGreaterThan(16 * 1024);
    expect(answer.status).toBe(200);
    expect(answer.body.dateOverrides).toHaveLength(200);
  });
});

describe('GET /providers/{providerId}/slots', () => {
  const window = { from: '2026-12-07T14:00:00Z', to: '2026-12-09T05:00:00Z' };

  it('lists the working starts after the notice, on the 15-minute grid, and none in the lunch gap', async () => {
    // Prepare
    await api().putProvider('dr-slots', { ...PROFILE, minimumNoticeMinutes: 120 });
    // Act
    const answer = await api().slots('dr-slots', { ...window, durationMinutes: '60' });
    // Assess
    expect(answer.status).toBe(200);
    const starts = answer.body.slots.map((slot: { start: string }) => slot.start);
    expect(answer.body).toMatchObject({ providerId: 'dr-slots', timeZone: 'America/New_York', durationMinutes: 60 });
    // Monday: 11:00 (notice) only before lunch, 13:00-16:00 after; Tuesday 09:00-16:00.
    expect(starts.slice(0, 2)).toEqual(['2026-12-07T16:00:00Z', '2026-12-07T18:00:00Z']);
    expect(starts.filter((start: string) => start.startsWith('2026-12-07'))).toHaveLength(1 + 13);
    expect(starts.filter((start: string) => start.startsWith('2026-12-08'))).toHaveLength(29);
    expect(answer.body.slots[0]).toEqual({ start: '2026-12-07T16:00:00Z', end: '2026-12-07T17:00:00Z' });
  });

  it('agrees with booking: every listed slot books with 201, every unlisted grid start is refused', async () => {
    // Prepare: buffers and a daily limit, so that every rule takes part
    await api().putProvider('dr-agree', {
      ...PROFILE,
      bufferAfterMinutes: 30,
      minimumNoticeMinutes: 60,
      maxBookingsPerDay: 3,
    });
    const query = { from: '2026-12-07T14:00:00Z', to: '2026-12-08T00:00:00Z', durationMinutes: '45' };
    const listed = new Set<string>(
      (await api().slots('dr-agree', query)).body.slots.map((s: { start: string }) => s.start),
    );
    // Act: every grid start of the window, in order; the slots are asked for again after each booking
    const outcomes: string[] = [];
    for (let ms = Date.parse(query.from); ms < Date.parse(query.to); ms += 15 * 60_000) {
      const start = new Date(ms).toISOString().replace('.000Z', 'Z');
      const free = new Set<string>(
        (await api().slots('dr-agree', query)).body.slots.map((s: { start: string }) => s.start),
      );
      const answer = await api().book({
        providerId: 'dr-agree',
        customer: { customerId: `c-${ms}`, name: 'Ada' },
        start,
        durationMinutes: 45,
        timeZone: 'Europe/London',
      });
      outcomes.push(`${start} ${free.has(start) ? 'listed' : 'unlisted'} ${answer.status}`);
    }
    // Assess: a listed start books, an unlisted one does not
    expect(outcomes.filter((line) => /listed 201$/.test(line) && !line.includes('unlisted'))).toHaveLength(3);
    expect(outcomes.filter((line) => line.includes(' listed ') && !line.endsWith('201'))).toEqual([]);
    expect(outcomes.filter((line) => line.includes('unlisted') && line.endsWith('201'))).toEqual([]);
    expect(listed.size).toBeGreaterThan(3);
  });

  it('answers 400 naming the parameter, and 404 for a provider without a profile', async () => {
    await api().putProvider('dr-params', PROFILE);
    const missing = await api().slots('dr-params', {});
    const odd = await api().slots('dr-params', { durationMinutes: '50' });
    const tooWide = await api().slots('dr-params', {
      from: '2026-12-07T14:00:00Z',
      to: '2027-01-08T14:00:00Z',
      durationMinutes: '30',
    });
    const unknown = await api().slots('dr-nobody', { durationMinutes: '30' });
    expect(missing.body.error.details).toEqual([{ path: 'durationMinutes', message: 'is required' }]);
    expect(odd.body.error.details).toEqual([{ path: 'durationMinutes', message: 'must be a multiple of 15' }]);
    expect(tooWide.body.error.details).toEqual([{ path: 'to', message: 'must be at most 31 days after from' }]);
    expect([missing.status, odd.status, tooWide.status, unknown.status]).toEqual([400, 400, 400, 404]);
    expect(unknown.body.error.code).toBe('PROVIDER_NOT_FOUND');
  });

  it('answers a window at the end of year 9999 with 400 or its free slots, never 500', async () => {
    // Found by the hostile-input fuzzer: the calendar's read reached past 9999-12-31T23:59:59Z,
    // whose text ("+010000-...") sorts before its lower bound, and DynamoDB refused the query.
    await api().putProvider('dr-far', PROFILE);
    const defaultTo = await api().slots('dr-far', { from: '9999-12-28T00:00:00Z', durationMinutes: '30' });
    const lastDay = await api().slots('dr-far', {
      from: '9999-12-31T00:00:00Z',
      to: '9999-12-31T23:59:59Z',
      durationMinutes: '30',
    });
    expect([defaultTo.status, lastDay.status]).toEqual([400, 200]);
    expect(defaultTo.body.error.details).toEqual([
      { path: 'from', message: 'must be at least 7 days before 9999-12-31T23:59:59Z when to is not given' },
    ]);
    expect(lastDay.body.slots).toEqual([]);
  });

  it('is open to every role of the tenant, and to no other tenant', async () => {
    await api().putProvider('dr-open-to-all', PROFILE);
    const query = { ...window, durationMinutes: '30' };
    const answers = await Promise.all([
      api().slots('dr-open-to-all', query, { caller: customerOf('clinic-a', 'c-9') }),
      api().slots('dr-open-to-all', query, { caller: providerOf('clinic-a', 'dr-else') }),
      api().slots('dr-open-to-all', query, { caller: staffOf('clinic-b') }),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 404]);
  });
});
