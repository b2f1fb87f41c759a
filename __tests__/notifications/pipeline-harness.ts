/**
 * The stream handler and the reminder handler over one real DynamoDB Local table, with the SNS
 * and Scheduler clients mocked (aws-sdk-client-mock): writes go through the booking repository,
 * the table's stream feeds the stream handler, and the schedule inputs it creates can be fired
 * into the reminder handler as Scheduler would. Import './local-aws-env' before this module.
 */
import { CreateScheduleCommand, DeleteScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { Appointment } from '../../src/domain/appointment';
import type { StoredAppointment } from '../../src/data/repository';
import { openClaim } from '../support/calendar-claims';
import { seedOpenProviders } from '../support/providers';
import { DynamoAppointmentRepository } from '../../src/data/dynamo-repository';
import { ReminderInput } from '../../src/notifications/ports';
import { handler as publishEvents } from '../../functions/publish-appointment-events/handler';
import { publishedMessages } from '../support/published-notifications';
import { createTestTable, hasAppointmentVersion, streamReader, TENANT } from './support';

export const sns = mockClient(SNSClient);
export const scheduler = mockClient(SchedulerClient);

/** Call in `beforeAll`; `drop` in `afterAll`, `resetMocks` in `beforeEach`. */
export async function notificationPipeline(purpose: string) {
  const table = await createTestTable(purpose);
  const reader = streamReader(table);
  const repository = new DynamoAppointmentRepository({
    client: table.documents,
    tableName: table.tableName,
    tenantId: TENANT,
    clock: () => new Date(),
  });
  Object.assign(process.env, {
    TABLE_NAME: table.tableName,
    TOPIC_ARN: 'arn:aws:sns:us-west-1:111122223333:appointments-test-notifications',
    SCHEDULE_GROUP_NAME: 'appointments-test-reminders',
    REMINDER_FUNCTION_ARN: 'arn:aws:lambda:us-west-1:111122223333:function:appointments-test-send-reminder',
    SCHEDULER_ROLE_ARN: 'arn:aws:iam::111122223333:role/appointments-test-scheduler',
    SCHEDULE_DLQ_ARN: 'arn:aws:sqs:us-west-1:111122223333:appointments-test-reminders-dlq',
  });

  /** What the appointment holds, as the repository stored it when it was booked with openClaim. */
  const stored = (appointment: Appointment): StoredAppointment => ({
    tenantId: TENANT,
    appointment,
    hold: openClaim(appointment).hold,
  });
  const publishVersion = async (version: number) => {
    const result = await publishEvents({ Records: await reader.next(hasAppointmentVersion(version)) });
    if (result.batchItemFailures.length > 0) throw new Error(`stream handler failed on version ${version}`);
  };

  return {
    repository,
    drop: () => table.drop(),
    /** Books, lets the stream handler see it, and answers the schedules' inputs; history is then cleared. */
    async booked(appointment: Appointment): Promise<Map<number, ReminderInput>> {
      await seedOpenProviders({ documentClient: table.documents, tableName: table.tableName }, TENANT, [
        appointment.providerId,
      ]);
      await repository.create(appointment, openClaim(appointment));
      await publishVersion(1);
      const inputs = scheduledInputs();
      sns.resetHistory();
      scheduler.resetHistory();
      return inputs;
    },
    /** Commits a change the way PATCH does and feeds its stream records to the stream handler. */
    async changed(current: Appointment, changes: Partial<Appointment>): Promise<Appointment> {
      const next = { ...current, ...changes, version: current.version + 1, updatedAt: '2026-11-02T10:00:00Z' };
      const moved = next.start !== current.start || next.end !== current.end;
      await repository.update(stored(current), next, moved ? openClaim(next) : undefined);
      await publishVersion(next.version);
      return next;
    },
    /** Commits a cancellation the way DELETE does and feeds its stream records to the stream handler. */
    async cancelled(current: Appointment, changes: Partial<Appointment>): Promise<Appointment> {
      const next: Appointment = { ...current, ...changes, status: 'CANCELLED', version: current.version + 1 };
      await repository.cancel(stored(current), next);
      await publishVersion(next.version);
      return next;
    },
  };
}

export function resetMocks(): void {
  sns.reset();
  scheduler.reset();
  sns.on(PublishCommand).resolves({ MessageId: 'message-1' });
  scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn:aws:scheduler:::schedule/x' });
  scheduler.on(DeleteScheduleCommand).resolves({});
}

/** The published bodies, each validated against its schema (../support/published-notifications). */
export const published = () => publishedMessages(sns);
export const createdNames = () => scheduler.commandCalls(CreateScheduleCommand).map((call) => call.args[0].input.Name);
export const deletedNames = () => scheduler.commandCalls(DeleteScheduleCommand).map((call) => call.args[0].input.Name);

/** What Scheduler would deliver to the reminder function: the created schedules' inputs, by lead time. */
export const scheduledInputs = () =>
  new Map<number, ReminderInput>(
    scheduler.commandCalls(CreateScheduleCommand).map((call) => {
      const input = JSON.parse(call.args[0].input.Target!.Input!) as ReminderInput;
      return [input.minutesBefore, input];
    }),
  );
