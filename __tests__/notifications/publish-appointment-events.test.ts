/**
 * The stream publisher end to end over a real DynamoDB Local: the booking repository writes,
 * the table's real stream is read, and the records are fed to the Lambda handler. The SNS and
 * EventBridge Scheduler clients are the only parts replaced (aws-sdk-client-mock).
 */
import './local-aws-env';
import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
} from '@aws-sdk/client-scheduler';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { DynamoDBRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { Appointment } from '../../src/domain/appointment';
import type { StoredAppointment } from '../../src/data/repository';
import { openClaim } from '../support/calendar-claims';
import { seedOpenProviders } from '../support/providers';
import { DynamoAppointmentRepository } from '../../src/data/dynamo-repository';
import { handler } from '../../functions/publish-appointment-events/handler';
import { reminderScheduleName } from '../../src/notifications/schedules';
import { publishedNotifications } from '../support/published-notifications';
import {
  addMinutes,
  createTestTable,
  futureStart,
  hasAppointmentVersion,
  makeAppointment,
  putAppointment,
  streamReader,
  TENANT,
  TestTable,
} from './support';

const ENV = {
  TOPIC_ARN: 'arn:aws:sns:us-west-1:111122223333:appointments-test-notifications',
  SCHEDULE_GROUP_NAME: 'appointments-test-reminders',
  REMINDER_FUNCTION_ARN: 'arn:aws:lambda:us-west-1:111122223333:function:appointments-test-send-reminder',
  SCHEDULER_ROLE_ARN: 'arn:aws:iam::111122223333:role/appointments-test-scheduler',
  SCHEDULE_DLQ_ARN: 'arn:aws:sqs:us-west-1:111122223333:appointments-test-reminders-dlq',
};

const sns = mockClient(SNSClient);
const scheduler = mockClient(SchedulerClient);
let table: TestTable;
let reader: ReturnType<typeof streamReader>;
let repository: DynamoAppointmentRepository;

beforeAll(async () => {
  Object.assign(process.env, ENV);
  table = await createTestTable('publisher');
  reader = streamReader(table);
  repository = new DynamoAppointmentRepository({
    client: table.documents,
    tableName: table.tableName,
    tenantId: TENANT,
    clock: () => new Date(),
  });
});

afterAll(() => table.drop());

beforeEach(() => {
  sns.reset();
  scheduler.reset();
  sns.on(PublishCommand).resolves({ MessageId: 'message-1' });
  scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn:aws:scheduler:::schedule/x' });
  scheduler.on(DeleteScheduleCommand).resolves({});
});

/** What the appointment holds, as the repository stored it when it was booked with openClaim. */
const stored = (appointment: Appointment): StoredAppointment => ({
  tenantId: TENANT,
  appointment,
  hold: openClaim(appointment).hold,
});
const published = () => publishedNotifications(sns);
const publishedMessages = () => published().map(({ message }) => message);
const createdNames = () => scheduler.commandCalls(CreateScheduleCommand).map((call) => call.args[0].input.Name);
const deletedNames = () => scheduler.commandCalls(DeleteScheduleCommand).map((call) => call.args[0].input.Name);

/** Books as POST does for a provider with an open profile (seeded first). */
async function create(appointment: Appointment): Promise<void> {
  await seedOpenProviders({ documentClient: table.documents, tableName: table.tableName }, TENANT, [
    appointment.providerId,
  ]);
  await repository.create(appointment, openClaim(appointment));
}

async function book(appointment: Appointment): Promise<DynamoDBRecord[]> {
  await create(appointment);
  return reader.next(hasAppointmentVersion(appointment.version));
}

/** Books and lets the handler see the booking, so the test starts from a settled appointment. */
async function booked(appointment: Appointment): Promise<Appointment> {
  await handler({ Records: await book(appointment) });
  sns.resetHistory();
  scheduler.resetHistory();
  return appointment;
}

async function reschedule(current: Appointment, changes: Partial<Appointment>): Promise<Appointment> {
  const next = { ...current, ...changes, version: current.version + 1, updatedAt: '2026-11-02T10:00:00Z' };
  const moved = next.start !== current.start || next.end !== current.end;
  await repository.update(stored(current), next, moved ? openClaim(next) : undefined);
  return next;
}

describe('publish-appointment-events', () => {
  test('a booking publishes one APPOINTMENT_CONFIRMED without storage keys and schedules each future reminder', async () => {
    // Prepare
    const appointment = makeAppointment();

    // Act
    const records = await book(appointment);
    const result = await handler({ Records: records });

    // Assess
    expect(records.some((r) => r.dynamodb?.Keys?.sk?.S === 'LOCK')).toBe(true); // lock records are in the batch...
    expect(result).toEqual({ batchItemFailures: [] });
    expect(published()).toHaveLength(1); // ...and publish nothing
    const [notification] = published();
    expect(notification.topicArn).toBe(ENV.TOPIC_ARN);
    expect(notification.messageAttributes).toEqual({
      eventType: { DataType: 'String', StringValue: 'APPOINTMENT_CONFIRMED' },
      tenantId: { DataType: 'String', StringValue: TENANT },
      providerId: { DataType: 'String', StringValue: appointment.providerId },
    });
    expect(notification.message).toEqual({
      type: 'APPOINTMENT_CONFIRMED',
      tenantId: TENANT,
      eventId: `${appointment.appointmentId}:1:APPOINTMENT_CONFIRMED`,
      ...appointment,
      localStart: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00-0[78]:00$/),
    });
    const schedules = scheduler.commandCalls(CreateScheduleCommand).map((c) => c.args[0].input);
    expect(schedules).toEqual(
      [1440, 60].map((m) => ({
        Name: reminderScheduleName(appointment.appointmentId, appointment.start, m),
        GroupName: ENV.SCHEDULE_GROUP_NAME,
        ScheduleExpression: `at(${addMinutes(appointment.start, -m).slice(0, 19)})`,
        ScheduleExpressionTimezone: 'UTC',
        FlexibleTimeWindow: { Mode: 'OFF' },
        ActionAfterCompletion: 'DELETE',
        Description: expect.any(String),
        Target: {
          Arn: ENV.REMINDER_FUNCTION_ARN,
          RoleArn: ENV.SCHEDULER_ROLE_ARN,
          Input: JSON.stringify({
            tenantId: TENANT,
            appointmentId: appointment.appointmentId,
            version: 1,
            start: appointment.start,
            minutesBefore: m,
          }),
          RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 900 },
          DeadLetterConfig: { Arn: ENV.SCHEDULE_DLQ_ARN },
        },
      })),
    );
    expect(scheduler.commandCalls(DeleteScheduleCommand)).toHaveLength(0);
  });

  test("a reschedule publishes APPOINTMENT_RESCHEDULED and swaps the old start's schedules for the new start's", async () => {
    // Prepare
    const current = await booked(makeAppointment());
    const next = await reschedule(current, {
      start: addMinutes(current.start, 120),
      end: addMinutes(current.end, 120),
    });

    // Act
    const result = await handler({ Records: await reader.next(hasAppointmentVersion(2)) });

    // Assess
    expect(result.batchItemFailures).toEqual([]);
    expect(publishedMessages()).toEqual([
      expect.objectContaining({
        type: 'APPOINTMENT_RESCHEDULED',
        tenantId: TENANT,
        eventId: `${current.appointmentId}:2:APPOINTMENT_RESCHEDULED`,
        start: next.start,
        version: 2,
        previousStart: current.start,
        previousEnd: current.end,
      }),
    ]);
    const id = current.appointmentId;
    expect(deletedNames()).toEqual([
      reminderScheduleName(id, current.start, 1440),
      reminderScheduleName(id, current.start, 60),
    ]);
    expect(createdNames()).toEqual([
      reminderScheduleName(id, next.start, 1440),
      reminderScheduleName(id, next.start, 60),
    ]);
  });

  test('a change of notes only publishes APPOINTMENT_UPDATED and makes no schedule call at all', async () => {
    // Prepare
    const current = await booked(makeAppointment());
    const next = await reschedule(current, { notes: 'bring the X-rays' });

    // Act
    const result = await handler({ Records: await reader.next(hasAppointmentVersion(2)) });

    // Assess
    expect(result.batchItemFailures).toEqual([]);
    expect(publishedMessages()).toEqual([
      {
        type: 'APPOINTMENT_UPDATED',
        tenantId: TENANT,
        eventId: `${current.appointmentId}:2:APPOINTMENT_UPDATED`,
        ...next,
        localStart: expect.stringMatching(/-0[78]:00$/),
        changedFields: ['notes'],
      },
    ]);
    expect(published()[0].messageAttributes.eventType.StringValue).toBe('APPOINTMENT_UPDATED');
    expect(scheduler.calls()).toHaveLength(0);
  });

  test('a cancellation publishes APPOINTMENT_CANCELLED, deletes the schedules and creates none', async () => {
    // Prepare
    const current = await booked(makeAppointment());
    await repository.cancel(stored(current), { ...current, status: 'CANCELLED', version: 2 });

    // Act
    const result = await handler({ Records: await reader.next(hasAppointmentVersion(2)) });

    // Assess
    expect(result.batchItemFailures).toEqual([]);
    expect(publishedMessages()).toEqual([
      expect.objectContaining({
        type: 'APPOINTMENT_CANCELLED',
        tenantId: TENANT,
        eventId: `${current.appointmentId}:2:APPOINTMENT_CANCELLED`,
        status: 'CANCELLED',
      }),
    ]);
    expect(published()[0].messageAttributes.eventType.StringValue).toBe('APPOINTMENT_CANCELLED');
    const id = current.appointmentId;
    expect(deletedNames()).toEqual([
      reminderScheduleName(id, current.start, 1440),
      reminderScheduleName(id, current.start, 60),
    ]);
    expect(createdNames()).toEqual([]);
  });

  test('reminders already due, or due within a minute, are not scheduled', async () => {
    // Prepare: a start 30-45 minutes ahead, so 1440 and 60 are past and only 20 is ahead
    const start = addMinutes(futureStart(0), 30);
    const appointment = makeAppointment({ start, end: addMinutes(start, 30), reminderMinutesBefore: [1440, 60, 20] });
    await putAppointment(table, appointment);

    // Act
    const result = await handler({ Records: await reader.next(hasAppointmentVersion(1)) });

    // Assess
    expect(result.batchItemFailures).toEqual([]);
    expect(createdNames()).toEqual([reminderScheduleName(appointment.appointmentId, appointment.start, 20)]);
  });

  test('when a publish fails, that record and every later one are reported, and the retry sends both', async () => {
    // Prepare: two bookings in one batch; SNS refuses the first message
    const first = makeAppointment({ providerId: 'dr-first' });
    const second = makeAppointment({ providerId: 'dr-second' });
    await create(first);
    await create(second);
    const records = await reader.next((rs) => rs.filter((r) => r.dynamodb?.Keys?.sk?.S === 'APPOINTMENT').length === 2);
    sns.on(PublishCommand).rejectsOnce(new Error('SNS throttled')).resolves({ MessageId: 'm' });
    const firstIndex = records.findIndex((r) => r.dynamodb?.Keys?.pk?.S === `APPT#clinic-a#${first.appointmentId}`);

    // Act
    const result = await handler({ Records: records });
    const failedIds = new Set(result.batchItemFailures.map((f) => f.itemIdentifier));
    const retry = await handler({ Records: records.filter((r) => failedIds.has(r.dynamodb!.SequenceNumber!)) });

    // Assess
    expect(result.batchItemFailures).toEqual(
      records.slice(firstIndex).map((r) => ({ itemIdentifier: r.dynamodb!.SequenceNumber })),
    );
    expect(retry.batchItemFailures).toEqual([]);
    expect(publishedMessages().map((m) => m.providerId)).toEqual(['dr-first', 'dr-first', 'dr-second']);
  });

  test('a schedule that already exists on create, or is already gone on delete, is not a failure', async () => {
    // Prepare
    scheduler
      .on(CreateScheduleCommand)
      .rejects(
        new ConflictException({
          message: 'Schedule already exists.',
          Message: 'Schedule already exists.',
          $metadata: {},
        }),
      )
      .on(DeleteScheduleCommand)
      .rejects(
        new ResourceNotFoundException({
          message: 'Schedule does not exist.',
          Message: 'Schedule does not exist.',
          $metadata: {},
        }),
      );
    const current = makeAppointment();
    await handler({ Records: await book(current) });
    await reschedule(current, { start: addMinutes(current.start, 60), end: addMinutes(current.end, 60) });

    // Act
    const result = await handler({ Records: await reader.next(hasAppointmentVersion(2)) });

    // Assess
    expect(result.batchItemFailures).toEqual([]);
    expect(publishedMessages().map((m) => m.type)).toEqual(['APPOINTMENT_CONFIRMED', 'APPOINTMENT_RESCHEDULED']);
    expect(deletedNames()).toHaveLength(2);
  });

  test('any other scheduler error fails the record so the stream retries it', async () => {
    // Prepare
    scheduler.on(CreateScheduleCommand).rejects(new Error('ThrottlingException'));
    const records = await book(makeAppointment());

    // Act
    const result = await handler({ Records: records });

    // Assess
    expect(result.batchItemFailures.length).toBeGreaterThan(0);
    expect(published()).toHaveLength(0);
  });

  test('a missing environment variable fails the invocation with its name', async () => {
    // Prepare
    const saved = process.env.SCHEDULE_DLQ_ARN;
    delete process.env.SCHEDULE_DLQ_ARN;
    let invocation: Promise<unknown> | undefined;

    try {
      // Act: a fresh module, because the loaded one already built its clients from the full environment
      await jest.isolateModulesAsync(async () => {
        const fresh = await import('../../functions/publish-appointment-events/handler');
        invocation = fresh.handler({ Records: [] });
      });

      // Assess
      await expect(invocation).rejects.toThrow('environment variable SCHEDULE_DLQ_ARN is required but not set');
    } finally {
      process.env.SCHEDULE_DLQ_ARN = saved;
    }
  });
});
