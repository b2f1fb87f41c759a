/**
 * The reminder sender over a real DynamoDB Local table (appointment reads and the at-most-once
 * claim are real conditional writes). The SNS client is the only part replaced
 * (aws-sdk-client-mock).
 */
import './local-aws-env';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { reminderSentKey } from '../../src/data/keys';
import { handler } from '../../functions/send-reminder/handler';
import { publishedNotifications } from '../support/published-notifications';
import { createTestTable, makeAppointment, putAppointment, TENANT, TestTable } from './support';

const TOPIC_ARN = 'arn:aws:sns:us-west-1:111122223333:appointments-test-notifications';
const sns = mockClient(SNSClient);
let table: TestTable;

beforeAll(async () => {
  table = await createTestTable('reminders');
  process.env.TABLE_NAME = table.tableName;
  process.env.TOPIC_ARN = TOPIC_ARN;
});

afterAll(() => table.drop());

beforeEach(() => {
  sns.reset();
  sns.on(PublishCommand).resolves({ MessageId: 'message-1' });
});

/** An appointment on the morning Los Angeles springs forward in 2027. */
const springForward = () =>
  makeAppointment({ start: '2027-03-14T16:00:00Z', end: '2027-03-14T16:30:00Z', timeZone: 'America/Los_Angeles' });

const inputFor = (a: { appointmentId: string; version: number; start: string }, minutesBefore = 60) => ({
  tenantId: TENANT,
  appointmentId: a.appointmentId,
  version: a.version,
  start: a.start,
  minutesBefore,
});

const claimOf = async (appointmentId: string, start: string, minutesBefore: number) =>
  (
    await table.documents.send(
      new GetCommand({
        TableName: table.tableName,
        Key: reminderSentKey(TENANT, appointmentId, start, minutesBefore),
      }),
    )
  ).Item;

describe('send-reminder', () => {
  test('a reminder invoked twice is published once, with minutesBefore and the DST-correct localStart', async () => {
    // Prepare
    const appointment = springForward();
    await putAppointment(table, appointment);

    // Act
    const first = await handler(inputFor(appointment));
    const second = await handler(inputFor(appointment));

    // Assess
    expect(first).toEqual({ sent: true });
    expect(second).toEqual({ sent: false, reason: 'already-sent' });
    expect(publishedNotifications(sns)).toHaveLength(1);
    const [notification] = publishedNotifications(sns);
    expect(notification.topicArn).toBe(TOPIC_ARN);
    expect(notification.messageAttributes).toEqual({
      eventType: { DataType: 'String', StringValue: 'APPOINTMENT_REMINDER' },
      tenantId: { DataType: 'String', StringValue: TENANT },
      providerId: { DataType: 'String', StringValue: appointment.providerId },
    });
    expect(notification.message).toEqual({
      type: 'APPOINTMENT_REMINDER',
      tenantId: TENANT,
      eventId: `${appointment.appointmentId}:2027-03-14T16:00:00Z:APPOINTMENT_REMINDER:60`,
      minutesBefore: 60,
      localStart: '2027-03-14T09:00:00-07:00',
      ...appointment,
    });
    const claim = await claimOf(appointment.appointmentId, appointment.start, 60);
    expect(claim?.expiresAt).toBe(Date.parse('2027-03-17T16:00:00Z') / 1000);
  });

  test('a reminder for a cancelled appointment is not published', async () => {
    // Prepare
    const appointment = { ...springForward(), status: 'CANCELLED' as const, version: 2 };
    await putAppointment(table, appointment);

    // Act
    const outcome = await handler(inputFor(appointment));

    // Assess
    expect(outcome).toEqual({ sent: false, reason: 'cancelled' });
    expect(publishedNotifications(sns)).toHaveLength(0);
    expect(await claimOf(appointment.appointmentId, appointment.start, 60)).toBeUndefined();
  });

  test('a reminder made for the start before a reschedule is not published', async () => {
    // Prepare: the schedule was made at version 1; the table holds version 2 at a later start
    const original = springForward();
    await putAppointment(table, {
      ...original,
      start: '2027-03-14T18:00:00Z',
      end: '2027-03-14T18:30:00Z',
      version: 2,
    });

    // Act
    const outcome = await handler(inputFor(original));

    // Assess
    expect(outcome).toEqual({ sent: false, reason: 'stale-start' });
    expect(publishedNotifications(sns)).toHaveLength(0);
  });

  test('a reminder whose start differs from the stored start is not published', async () => {
    // Prepare
    const appointment = springForward();
    await putAppointment(table, appointment);

    // Act
    const outcome = await handler({ ...inputFor(appointment), start: '2027-03-14T17:00:00Z' });

    // Assess
    expect(outcome).toEqual({ sent: false, reason: 'stale-start' });
    expect(publishedNotifications(sns)).toHaveLength(0);
  });

  test('a reminder for an appointment that does not exist is not published', async () => {
    // Act
    const outcome = await handler(inputFor(makeAppointment()));

    // Assess
    expect(outcome).toEqual({ sent: false, reason: 'missing' });
    expect(publishedNotifications(sns)).toHaveLength(0);
  });

  test('a failed publish releases the claim and throws, so the retry sends the reminder', async () => {
    // Prepare
    const appointment = springForward();
    await putAppointment(table, appointment);
    sns.on(PublishCommand).rejectsOnce(new Error('SNS unavailable')).resolves({ MessageId: 'message-2' });

    // Act
    const failed = handler(inputFor(appointment, 1440));
    await expect(failed).rejects.toThrow('SNS unavailable');
    const claimAfterFailure = await claimOf(appointment.appointmentId, appointment.start, 1440);
    const retried = await handler(inputFor(appointment, 1440));

    // Assess
    expect(claimAfterFailure).toBeUndefined();
    expect(retried).toEqual({ sent: true });
    expect(publishedNotifications(sns)).toHaveLength(2);
    expect(await claimOf(appointment.appointmentId, appointment.start, 1440)).toBeDefined();
  });

  test('a malformed schedule input is refused with the failing fields', async () => {
    await expect(handler({ appointmentId: 'a', version: '1', start: 'x', minutesBefore: 60 })).rejects.toThrow(
      'reminder input is malformed at: tenantId, version',
    );
  });
});
