/**
 * The development server's notification pipeline, all real: DynamoDB Local's stream, the file
 * publisher and in-process reminder timers. Nothing is mocked.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { FileEventPublisher } from '../../dev/local/file-publisher';
import { LocalReminderScheduler } from '../../dev/local/reminder-scheduler';
import { startLocalNotifications } from '../../dev/local/notifications';
import { noCounter, silentLog, systemClock } from '../../src/notifications/ports';
import { sendReminder } from '../../src/notifications/reminder-sender';
import { DynamoDbReminderStore } from '../../src/notifications/reminder-store';
import { reminderScheduleName } from '../../src/notifications/schedules';
import { addMinutes, createTestTable, makeAppointment, putAppointment, TENANT, TestTable } from './support';

let table: TestTable;
let dir: string;

beforeAll(async () => {
  table = await createTestTable('local');
  dir = mkdtempSync(path.join(tmpdir(), 'notifications-'));
});

afterAll(() => table.drop());

const linesOf = (file: string) =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>)
    : [];

/**
 * Looks for `probe`'s value up to `looks` times, 50 ms apart: a bounded number of looks, not a
 * deadline that a loaded machine could pass before the pipeline had its turn.
 */
async function waitFor<T>(probe: () => T | undefined, looks = 1_200): Promise<T> {
  for (let look = 0; look < looks; look++) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`condition not met after ${looks} looks`);
}

function captured() {
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { output, text: () => text };
}

describe('local notifications', () => {
  test('the local scheduler fires a reminder at its due time and the publisher writes one JSON line to file and output', async () => {
    // Prepare
    const file = path.join(dir, 'scheduler.jsonl');
    const { output, text } = captured();
    const appointment = makeAppointment();
    await putAppointment(table, appointment);
    const publisher = new FileEventPublisher(file, output);
    const store = new DynamoDbReminderStore(table.documents, table.tableName);
    const scheduler = new LocalReminderScheduler((input) =>
      sendReminder(input, { store, publisher, clock: systemClock, log: silentLog, counter: noCounter }),
    );
    const dueAt = new Date(Date.now() + 300);

    // Act
    await scheduler.create({
      name: 'rem-local-test',
      dueAt,
      input: {
        tenantId: TENANT,
        appointmentId: appointment.appointmentId,
        version: 1,
        start: appointment.start,
        minutesBefore: 60,
      },
    });
    const [line] = await waitFor(() => (linesOf(file).length > 0 ? linesOf(file) : undefined));
    const firedAt = Date.now();
    await scheduler.stop();

    // Assess
    expect(firedAt).toBeGreaterThanOrEqual(dueAt.getTime());
    expect(line).toMatchObject({
      type: 'APPOINTMENT_REMINDER',
      appointmentId: appointment.appointmentId,
      minutesBefore: 60,
    });
    expect(linesOf(file)).toHaveLength(1);
    expect(text()).toBe(`${JSON.stringify(line)}\n`);
    expect(scheduler.pendingNames()).toEqual([]);
  });

  test('a local schedule deleted before it is due never fires', async () => {
    // Prepare
    const fired: unknown[] = [];
    const scheduler = new LocalReminderScheduler(async (input) => fired.push(input));
    const input = {
      tenantId: TENANT,
      appointmentId: 'a',
      version: 1,
      start: '2027-01-01T00:00:00Z',
      minutesBefore: 60,
    };
    await scheduler.create({ name: 'rem-deleted', dueAt: new Date(Date.now() + 200), input });

    // Act
    await scheduler.delete('rem-deleted');
    await new Promise((resolve) => setTimeout(resolve, 400));

    // Assess
    expect(fired).toEqual([]);
    await scheduler.stop();
  });

  test('startLocalNotifications announces changes made after it starts and keeps reminder timers in step', async () => {
    // Prepare
    const file = path.join(dir, 'server.jsonl');
    const { output, text } = captured();
    const before = makeAppointment();
    await putAppointment(table, before);
    const notifications = await startLocalNotifications({
      client: table.client,
      tableName: table.tableName,
      notificationsFile: file,
      output,
      log: silentLog,
    });
    const booked = makeAppointment();
    const id = booked.appointmentId;

    try {
      // Act: book, then cancel
      await putAppointment(table, booked);
      await waitFor(() => (linesOf(file).length >= 1 ? true : undefined));
      const pendingAfterBooking = notifications.scheduler.pendingNames();
      await putAppointment(table, { ...booked, status: 'CANCELLED', version: 2 });
      // The publisher appends to the file, then writes the output: wait for both.
      await waitFor(() => (linesOf(file).length >= 2 && text().trim().split('\n').length >= 2 ? true : undefined));

      // Assess
      expect(linesOf(file).map((m) => [m.type, m.appointmentId])).toEqual([
        ['APPOINTMENT_CONFIRMED', id],
        ['APPOINTMENT_CANCELLED', id],
      ]);
      expect(text().trim().split('\n')).toHaveLength(2);
      expect(pendingAfterBooking.sort()).toEqual(
        [reminderScheduleName(id, booked.start, 1440), reminderScheduleName(id, booked.start, 60)].sort(),
      );
      expect(notifications.scheduler.pendingNames()).toEqual([]);
    } finally {
      await notifications.stop();
    }
  });

  test('locally too, a notes-only change is APPOINTMENT_UPDATED with the timers untouched, and a reschedule replaces them', async () => {
    // Prepare
    const file = path.join(dir, 'changes.jsonl');
    const notifications = await startLocalNotifications({
      client: table.client,
      tableName: table.tableName,
      notificationsFile: file,
      output: captured().output,
      log: silentLog,
    });
    const booked = makeAppointment();
    const moved = addMinutes(booked.start, 120);
    const names = (start: string) => [1440, 60].map((m) => reminderScheduleName(booked.appointmentId, start, m)).sort();

    try {
      // Act
      await putAppointment(table, booked);
      await waitFor(() => (linesOf(file).length >= 1 ? true : undefined));
      const creates = jest.spyOn(notifications.scheduler, 'create');
      const deletes = jest.spyOn(notifications.scheduler, 'delete');
      await putAppointment(table, { ...booked, notes: 'bring the X-rays', version: 2 });
      await waitFor(() => (linesOf(file).length >= 2 ? true : undefined));
      const pendingAfterNotes = notifications.scheduler.pendingNames().sort();
      const callsForNotes = creates.mock.calls.length + deletes.mock.calls.length;
      await putAppointment(table, { ...booked, start: moved, end: addMinutes(moved, 30), version: 3 });
      await waitFor(() => (linesOf(file).length >= 3 ? true : undefined));

      // Assess
      expect(linesOf(file).map((m) => [m.type, m.version, m.changedFields])).toEqual([
        ['APPOINTMENT_CONFIRMED', 1, undefined],
        ['APPOINTMENT_UPDATED', 2, ['notes']],
        ['APPOINTMENT_RESCHEDULED', 3, undefined],
      ]);
      expect(callsForNotes).toBe(0);
      expect(pendingAfterNotes).toEqual(names(booked.start));
      expect(deletes.mock.calls.map(([name]) => name).sort()).toEqual(names(booked.start));
      expect(notifications.scheduler.pendingNames().sort()).toEqual(names(moved));
    } finally {
      await notifications.stop();
    }
  });
});
