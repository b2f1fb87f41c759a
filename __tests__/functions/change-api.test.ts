/** PATCH and DELETE through the real handlers against DynamoDB Local. */
import { apiEvent, bookingBody, call, createTestTable, futureSlot, scanTable, TestTable } from './helpers';

process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
process.env.POWERTOOLS_METRICS_DISABLED = 'true';

let table: TestTable;
type Handler = typeof import('../../functions/get-appointment/handler').handler;
let create: Handler, update: Handler, cancel: Handler;

beforeAll(async () => {
  table = await createTestTable('change-api', {
    openProviders: {
      'clinic-a': [
        ...['p-move', 'p-blocked', 'p-notes', 'p-ifmatch-1', 'p-ifmatch-3', 'p-ifmatch-5', 'p-badmatch', 'p-empty'],
        ...['p-patch-cancelled', 'p-cancel', 'p-cancel-twice', 'p-cancel-412'],
      ],
    },
  });
  process.env.TABLE_NAME = table.tableName;
  process.env.MAX_OPEN_BOOKINGS_PER_CUSTOMER = '10';
  ({ handler: create } = await import('../../functions/create-appointment/handler'));
  ({ handler: update } = await import('../../functions/update-appointment/handler'));
  ({ handler: cancel } = await import('../../functions/cancel-appointment/handler'));
});
afterAll(() => table.drop());

const book = async (providerId: string, start: string, durationMinutes = 60) =>
  (await call(create, apiEvent('POST', { body: bookingBody({ providerId, start, durationMinutes }) }))).body;

const locksOf = async (providerId: string) =>
  (await scanTable(table))
    .filter((item) => String(item.pk).startsWith(`SLOT#clinic-a#${providerId}#`))
    .map((item) => `${String(item.pk).split('#')[3]}=${item.appointmentId}`);

describe('PATCH /appointments/{appointmentId}', () => {
  it('reschedules: answers 200 with version 2, moving only the locks that changed', async () => {
    // Prepare
    const appointment = await book('p-move', futureSlot(3));
    // Act: one hour moved 30 minutes later
    const answer = await call(
      update,
      apiEvent('PATCH', { appointmentId: appointment.appointmentId, body: { start: futureSlot(3, 30) } }),
    );
    // Assess
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ start: futureSlot(3, 30), end: futureSlot(3, 90), version: 2 });
    expect(await locksOf('p-move')).toEqual(
      [30, 45, 60, 75].map((minutes) => `${futureSlot(3, minutes)}=${appointment.appointmentId}`),
    );
  });

  it('may overlap its own old interval but not another appointment: 409 and nothing changes', async () => {
    // Prepare
    const mine = await book('p-blocked', futureSlot(4));
    await book('p-blocked', futureSlot(4, 60));
    const before = await scanTable(table);
    // Act
    const answer = await call(
      update,
      apiEvent('PATCH', { appointmentId: mine.appointmentId, body: { durationMinutes: 90 } }),
    );
    // Assess
    expect(answer.status).toBe(409);
    expect(answer.body.error.code).toBe('SLOT_CONFLICT');
    expect(await scanTable(table)).toEqual(before);
  });

  it('changes notes without touching locks, and removes them with null', async () => {
    const appointment = await book('p-notes', futureSlot(5));
    const withNotes = await call(
      update,
      apiEvent('PATCH', { appointmentId: appointment.appointmentId, body: { notes: 'gate code 42' } }),
    );
    const without = await call(
      update,
      apiEvent('PATCH', { appointmentId: appointment.appointmentId, body: { notes: null } }),
    );
    expect(withNotes.body).toMatchObject({ notes: 'gate code 42', version: 2 });
    expect(without.status).toBe(200);
    expect(without.body).not.toHaveProperty('notes');
    expect(without.body.version).toBe(3);
    expect(await locksOf('p-notes')).toHaveLength(4);
  });

  it.each([['3'], ['"1"'], ['W/"1"']])(
    'honours If-Match %s: a stale version answers 412 VERSION_MISMATCH',
    async (ifMatch) => {
      const appointment = await book(`p-ifmatch-${ifMatch.length}`, futureSlot(6));
      const answer = await call(
        update,
        apiEvent('PATCH', {
          appointmentId: appointment.appointmentId,
          body: { notes: 'x' },
          headers: { 'If-Match': ifMatch },
        }),
      );
      if (ifMatch === '3') {
        expect(answer.status).toBe(412);
        expect(answer.body.error.code).toBe('VERSION_MISMATCH');
      } else {
        expect(answer.status).toBe(200);
      }
    },
  );

  it('answers 400 for an If-Match that is not a positive integer', async () => {
    const appointment = await book('p-badmatch', futureSlot(7));
    const answer = await call(
      update,
      apiEvent('PATCH', {
        appointmentId: appointment.appointmentId,
        body: { notes: 'x' },
        headers: { 'if-match': '0' },
      }),
    );
    expect(answer.status).toBe(400);
    expect(answer.body.error.details).toEqual([{ path: 'If-Match', message: expect.any(String) }]);
  });

  it('answers 400 for an empty object and for an empty body', async () => {
    const appointment = await book('p-empty', futureSlot(8));
    const emptyObject = await call(update, apiEvent('PATCH', { appointmentId: appointment.appointmentId, body: {} }));
    const emptyBody = await call(update, apiEvent('PATCH', { appointmentId: appointment.appointmentId }));
    expect([emptyObject.status, emptyBody.status]).toEqual([400, 400]);
  });

  it('answers 404 for an unknown appointment', async () => {
    const answer = await call(update, apiEvent('PATCH', { appointmentId: 'nope', body: { notes: 'x' } }));
    expect(answer.status).toBe(404);
  });

  it('answers 409 APPOINTMENT_CANCELLED for a cancelled appointment', async () => {
    const appointment = await book('p-patch-cancelled', futureSlot(9));
    await call(cancel, apiEvent('DELETE', { appointmentId: appointment.appointmentId }));
    const answer = await call(
      update,
      apiEvent('PATCH', { appointmentId: appointment.appointmentId, body: { notes: 'x' } }),
    );
    expect(answer.status).toBe(409);
    expect(answer.body.error.code).toBe('APPOINTMENT_CANCELLED');
  });
});

describe('DELETE /appointments/{appointmentId}', () => {
  it('cancels: 200 CANCELLED version 2, deletes every lock, moves the index keys, frees the interval at once', async () => {
    // Prepare
    const appointment = await book('p-cancel', futureSlot(10));
    // Act
    const answer = await call(cancel, apiEvent('DELETE', { appointmentId: appointment.appointmentId }));
    const rebooked = await call(
      create,
      apiEvent('POST', { body: bookingBody({ providerId: 'p-cancel', start: futureSlot(10), durationMinutes: 60 }) }),
    );
    // Assess
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ status: 'CANCELLED', version: 2 });
    expect(rebooked.status).toBe(201);
    const stored = (await scanTable(table)).find((item) => item.pk === `APPT#clinic-a#${appointment.appointmentId}`);
    expect(stored).toMatchObject({
      providerKey: 'PROVIDER#clinic-a#p-cancel#CANCELLED',
      customerKey: 'CUSTOMER#clinic-a#cust-1#CANCELLED',
    });
    expect((await locksOf('p-cancel')).every((lock) => lock.endsWith(`=${rebooked.body.appointmentId}`))).toBe(true);
  });

  it('answers an already cancelled appointment with 200 and leaves it unchanged', async () => {
    const appointment = await book('p-cancel-twice', futureSlot(11));
    const first = await call(cancel, apiEvent('DELETE', { appointmentId: appointment.appointmentId }));
    const second = await call(
      cancel,
      apiEvent('DELETE', { appointmentId: appointment.appointmentId, headers: { 'If-Match': '1' } }),
    );
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
  });

  it('answers 412 when If-Match names another version, and cancels nothing', async () => {
    const appointment = await book('p-cancel-412', futureSlot(12));
    const answer = await call(
      cancel,
      apiEvent('DELETE', { appointmentId: appointment.appointmentId, headers: { 'If-Match': '2' } }),
    );
    expect(answer.status).toBe(412);
    expect(await locksOf('p-cancel-412')).toHaveLength(4);
  });

  it('answers 404 for an unknown appointment', async () => {
    expect((await call(cancel, apiEvent('DELETE', { appointmentId: 'missing' }))).status).toBe(404);
  });
});
