/**
 * SNS and EventBridge Scheduler failing under the stream publisher and the reminder sender, with
 * the table and its stream real (DynamoDB Local). The SNS and Scheduler clients are the only
 * mocks (aws-sdk-client-mock): there is no local SNS or Scheduler engine to fail for real, and a
 * mock is the one way to make their calls fail on cue. Nothing may be lost: a failed record is
 * reported for Lambda to retry (then, per the event source mapping, to the on-failure queue), and
 * a failed reminder is given back and thrown, so Lambda's async retries (then the DLQ) resend it.
 */
import '../notifications/local-aws-env';
import { CreateScheduleCommand, DeleteScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { handler as publishEvents } from '../../functions/publish-appointment-events/handler';
import { handler as sendReminder } from '../../functions/send-reminder/handler';
import { publishedMessages } from '../support/published-notifications';
import {
  createTestTable,
  futureStart,
  hasAppointmentVersion,
  makeAppointment,
  putAppointment,
  streamReader,
  TENANT,
  TestTable,
} from '../notifications/support';
import { newFigures, recordFigures } from './support/figures';

Object.assign(process.env, {
  TOPIC_ARN: 'arn:aws:sns:us-west-1:111122223333:appointments-test-notifications',
  SCHEDULE_GROUP_NAME: 'appointments-test-reminders',
  REMINDER_FUNCTION_ARN: 'arn:aws:lambda:us-west-1:111122223333:function:appointments-test-send-reminder',
  SCHEDULER_ROLE_ARN: 'arn:aws:iam::111122223333:role/appointments-test-scheduler',
  SCHEDULE_DLQ_ARN: 'arn:aws:sqs:us-west-1:111122223333:appointments-test-reminders-dlq',
});

const figures = newFigures();
const sns = mockClient(SNSClient);
const scheduler = mockClient(SchedulerClient);
let table: TestTable;
let reader: ReturnType<typeof streamReader>;

const unavailable = (name: string) => Object.assign(new Error(`${name}: try again later`), { name, $fault: 'server' });

beforeAll(async () => {
  table = await createTestTable('robustness-notify');
  process.env.TABLE_NAME = table.tableName;
  reader = streamReader(table);
});

beforeEach(() => {
  sns.reset();
  scheduler.reset();
  scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn:aws:scheduler:::schedule/x' });
  scheduler.on(DeleteScheduleCommand).resolves({});
});

afterAll(async () => {
  recordFigures('notification-faults', figures);
  await table?.drop();
});

const confirmedIds = () =>
  publishedMessages(sns)
    .filter((message) => message.type === 'APPOINTMENT_CONFIRMED')
    .map((message) => message.appointmentId as string);

async function bookThree() {
  const appointments = [1, 2, 3].map((day) => makeAppointment({ start: futureStart(day + 2) }));
  for (const appointment of appointments) await putAppointment(table, appointment);
  const records = await reader.next((found) =>
    appointments.every((a) => found.some((r) => r.dynamodb?.NewImage?.appointmentId?.S === a.appointmentId)),
  );
  expect(hasAppointmentVersion(1)(records)).toBe(true);
  return { appointments, records };
}

describe('the stream publisher with a failing dependency', () => {
  it('SNS failing on the second record: it and every later record are reported; the retry announces them, none lost, none twice', async () => {
    // Prepare
    const { appointments, records } = await bookThree();
    sns
      .on(PublishCommand)
      .resolvesOnce({ MessageId: 'm1' })
      .rejectsOnce(unavailable('InternalErrorException'))
      .resolves({ MessageId: 'm' });
    // Act
    const first = await publishEvents({ Records: records });
    const failed = first.batchItemFailures.map((failure) => failure.itemIdentifier);
    const retry = await publishEvents({ Records: records.filter((r) => failed.includes(r.dynamodb!.SequenceNumber!)) });
    // Assess
    figures.faultsInjected += 1;
    expect(failed).toEqual(records.slice(1).map((r) => r.dynamodb!.SequenceNumber));
    expect(retry.batchItemFailures).toEqual([]);
    const delivered = confirmedIds().filter((_, call) => call !== 1); // call 1 was the refused one
    expect(delivered.sort()).toEqual(appointments.map((a) => a.appointmentId).sort());
    figures.invariantsChecked += 3;
  });

  it('Scheduler throttling: the record is reported before anything is published; the retry schedules and announces it once', async () => {
    const { appointments, records } = await bookThree();
    sns.on(PublishCommand).resolves({ MessageId: 'm' });
    scheduler.on(CreateScheduleCommand).rejectsOnce(unavailable('ThrottlingException')).resolves({ ScheduleArn: 'x' });
    const first = await publishEvents({ Records: records });
    expect(first.batchItemFailures).toHaveLength(records.length);
    expect(publishedMessages(sns)).toHaveLength(0);
    const retry = await publishEvents({ Records: records });
    figures.faultsInjected += 1;
    expect(retry.batchItemFailures).toEqual([]);
    expect(confirmedIds().sort()).toEqual(appointments.map((a) => a.appointmentId).sort());
    const scheduled = scheduler.commandCalls(CreateScheduleCommand).map((call) => call.args[0].input.Name);
    expect(scheduled.length).toBeGreaterThanOrEqual(appointments.length * 2);
    figures.invariantsChecked += 4;
  });
});

describe('the reminder sender with SNS failing', () => {
  it('throws after giving its claim back, so the retry sends the reminder, once', async () => {
    // Prepare
    const appointment = makeAppointment({ start: futureStart(3) });
    await putAppointment(table, appointment);
    const input = {
      tenantId: TENANT,
      appointmentId: appointment.appointmentId,
      version: 1,
      start: appointment.start,
      minutesBefore: 60,
    };
    sns.on(PublishCommand).rejectsOnce(unavailable('KMSThrottlingException')).resolves({ MessageId: 'm' });
    const claims = async () =>
      (await table.documents.send(new ScanCommand({ TableName: table.tableName, ConsistentRead: true }))).Items!.filter(
        (item) => item.pk === `REMINDER#clinic-a#${appointment.appointmentId}#${appointment.start}#60`,
      );
    // Act and Assess
    await expect(sendReminder(input)).rejects.toThrow('KMSThrottlingException');
    figures.faultsInjected += 1;
    expect(await claims()).toEqual([]);
    expect(await sendReminder(input)).toEqual({ sent: true });
    expect(await sendReminder(input)).toEqual({ sent: false, reason: 'already-sent' });
    expect(await claims()).toHaveLength(1);
    expect(publishedMessages(sns)).toHaveLength(2); // the failed one and the delivered one
    figures.invariantsChecked += 5;
  });
});
