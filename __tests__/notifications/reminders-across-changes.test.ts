/**
 * What each kind of change does to the notification and to reminders already scheduled, end to
 * end over a real DynamoDB Local: the booking repository writes, the table's stream is read and
 * fed to the stream handler, and the schedule inputs it creates are fired into the reminder
 * handler as Scheduler would. The SNS and Scheduler clients are the only mocks (./pipeline-harness).
 */
import './local-aws-env';
import { Appointment } from '../../src/domain/appointment';
import { reminderScheduleName } from '../../src/notifications/schedules';
import { handler as sendReminder } from '../../functions/send-reminder/handler';
import {
  createdNames,
  deletedNames,
  notificationPipeline,
  published,
  resetMocks,
  scheduledInputs,
  scheduler,
} from './pipeline-harness';
import { addMinutes, makeAppointment, TENANT } from './support';

let pipeline: Awaited<ReturnType<typeof notificationPipeline>>;

beforeAll(async () => {
  pipeline = await notificationPipeline('changes');
});

afterAll(() => pipeline.drop());

beforeEach(resetMocks);

const reminders = () => published().filter((message) => message.type === 'APPOINTMENT_REMINDER');
const booked = (appointment: Appointment) => pipeline.booked(appointment);
const changed = (current: Appointment, changes: Partial<Appointment>) => pipeline.changed(current, changes);

describe('reminders across changes', () => {
  test('a reminder scheduled before a notes-only change is sent once, with the new notes, however often it fires', async () => {
    // Prepare
    const appointment = makeAppointment();
    const inputs = await booked(appointment);
    const v2 = await changed(appointment, { notes: 'bring the X-rays' });

    // Act: Scheduler fires the version-1 schedule, retries it, and fires it again after another notes change
    const first = await sendReminder(inputs.get(60));
    const retry = await sendReminder(inputs.get(60));
    await changed(v2, { notes: 'and the referral letter' });
    const afterAnotherChange = await sendReminder(inputs.get(60));

    // Assess
    expect([first, retry, afterAnotherChange]).toEqual([
      { sent: true },
      { sent: false, reason: 'already-sent' },
      { sent: false, reason: 'already-sent' },
    ]);
    expect(reminders()).toEqual([
      expect.objectContaining({
        eventId: `${appointment.appointmentId}:${appointment.start}:APPOINTMENT_REMINDER:60`,
        minutesBefore: 60,
        notes: 'bring the X-rays',
        version: 2,
      }),
    ]);
    expect(published().map((m) => [m.type, m.changedFields])).toEqual([
      ['APPOINTMENT_UPDATED', ['notes']],
      ['APPOINTMENT_REMINDER', undefined],
      ['APPOINTMENT_UPDATED', ['notes']],
    ]);
    expect(scheduler.calls()).toHaveLength(0); // neither notes change touched a schedule
  });

  test('a change of reminderMinutesBefore alone deletes the removed lead times, creates the added ones and keeps the rest', async () => {
    // Prepare
    const appointment = makeAppointment({ reminderMinutesBefore: [1440, 60] });
    const before = await booked(appointment);

    // Act
    await changed(appointment, { reminderMinutesBefore: [60, 30] });
    const added = scheduledInputs();
    const removedFiresAnyway = await sendReminder(before.get(1440));
    const added30 = await sendReminder(added.get(30));

    // Assess
    const id = appointment.appointmentId;
    expect(deletedNames()).toEqual([reminderScheduleName(id, appointment.start, 1440)]);
    expect(createdNames()).toEqual([reminderScheduleName(id, appointment.start, 30)]);
    expect(added.get(30)).toEqual({
      tenantId: TENANT,
      appointmentId: id,
      version: 2,
      start: appointment.start,
      minutesBefore: 30,
    });
    expect(removedFiresAnyway).toEqual({ sent: false, reason: 'lead-time-removed' });
    expect(added30).toEqual({ sent: true });
    expect(published().map((m) => [m.type, m.changedFields])).toEqual([
      ['APPOINTMENT_UPDATED', ['reminderMinutesBefore']],
      ['APPOINTMENT_REMINDER', undefined],
    ]);
  });

  test('a change of time zone alone keeps the schedules, and the reminder shows the start in the new zone', async () => {
    // Prepare: 2027-01-15 17:00 UTC is 09:00 in Los Angeles and 12:00 in New York
    const start = '2027-01-15T17:00:00Z';
    const appointment = makeAppointment({ start, end: addMinutes(start, 30), timeZone: 'America/Los_Angeles' });
    const inputs = await booked(appointment);

    // Act
    await changed(appointment, { timeZone: 'America/New_York' });
    const schedulerCalls = scheduler.calls().length;
    const outcome = await sendReminder(inputs.get(60));

    // Assess
    expect(schedulerCalls).toBe(0);
    expect(outcome).toEqual({ sent: true });
    expect(published()).toEqual([
      expect.objectContaining({
        type: 'APPOINTMENT_UPDATED',
        changedFields: ['timeZone'],
        localStart: '2027-01-15T12:00:00-05:00',
      }),
      expect.objectContaining({ type: 'APPOINTMENT_REMINDER', localStart: '2027-01-15T12:00:00-05:00' }),
    ]);
  });

  test("after a reschedule the old start's schedule is skipped if it fires, and the new start's is sent", async () => {
    // Prepare
    const appointment = makeAppointment();
    const old = await booked(appointment);

    // Act
    const moved = await changed(appointment, {
      start: addMinutes(appointment.start, 120),
      end: addMinutes(appointment.end, 120),
    });
    const fresh = scheduledInputs();
    const oldFires = await sendReminder(old.get(60));
    const newFires = await sendReminder(fresh.get(60));

    // Assess
    expect(fresh.get(60)).toMatchObject({ start: moved.start, version: 2 });
    expect(oldFires).toEqual({ sent: false, reason: 'stale-start' });
    expect(newFires).toEqual({ sent: true });
    expect(reminders()).toEqual([
      expect.objectContaining({
        start: moved.start,
        eventId: `${appointment.appointmentId}:${moved.start}:APPOINTMENT_REMINDER:60`,
      }),
    ]);
  });

  test('a cancellation with a reason announces it with cancellationReason, drops the schedules, and a late firing sends nothing', async () => {
    // Prepare
    const appointment = makeAppointment();
    const inputs = await booked(appointment);

    // Act
    await pipeline.cancelled(appointment, { cancellationReason: 'The patient is unwell.' });
    const lateFiring = await sendReminder(inputs.get(1440));

    // Assess
    expect(published()).toEqual([
      expect.objectContaining({
        type: 'APPOINTMENT_CANCELLED',
        eventId: `${appointment.appointmentId}:2:APPOINTMENT_CANCELLED`,
        status: 'CANCELLED',
        cancellationReason: 'The patient is unwell.',
      }),
    ]);
    expect(deletedNames().sort()).toEqual(
      [1440, 60].map((m) => reminderScheduleName(appointment.appointmentId, appointment.start, m)).sort(),
    );
    expect(createdNames()).toEqual([]);
    expect(lateFiring).toEqual({ sent: false, reason: 'cancelled' });
  });
});
