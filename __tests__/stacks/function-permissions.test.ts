/**
 * Each function's role allows exactly the actions that function calls, on exactly the ARNs it
 * touches, under exactly the conditions that confine it, and only its service may assume it.
 * Whole statements are compared (sid, effect, actions, resources, conditions), written out in
 * full so that an added permission or a lost condition fails here.
 */
import { Condition, PolicyStatement } from '../../scripts/policy-table/statements';
import {
  referencedId,
  resourcesOfType,
  roleStatements,
  roleTrustStatements,
  synthServiceStack,
  SynthJson,
} from '../support/synth';

let json: SynthJson;

function ref(type: string, predicate: (r: Record<string, unknown>) => boolean, attribute = 'arn'): string {
  const found = resourcesOfType(json, type).find(([, r]) => predicate(r));
  if (!found) throw new Error(`no ${type} matches`);
  return `\${${type}.${found[0]}.${attribute}}`;
}

function keyArn(j: SynthJson, alias: string): string {
  const [, a] = resourcesOfType(j, 'aws_kms_alias').find(([, r]) => r.name === `alias/${alias}`)!;
  return `\${aws_kms_key.${referencedId(a.target_key_id, 'aws_kms_key')}.arn}`;
}

let table: string,
  stream: string,
  dataKey: string,
  messagingKey: string,
  functionsKey: string,
  topic: string,
  eventDlq: string,
  reminderDlq: string,
  schedulerRole: string,
  senderFn: string,
  pageSecret: string,
  scheduleGroup: string,
  scheduleGroupArn: string;
beforeAll(() => {
  json = synthServiceStack('dev');
  table = ref('aws_dynamodb_table', () => true);
  stream = ref('aws_dynamodb_table', () => true, 'stream_arn');
  dataKey = keyArn(json, 'appointments-dev-data');
  messagingKey = keyArn(json, 'appointments-dev-messaging');
  functionsKey = keyArn(json, 'appointments-dev-functions');
  topic = ref('aws_sns_topic', (r) => r.name === 'appointments-dev-notifications');
  eventDlq = ref('aws_sqs_queue', (r) => r.name === 'appointments-dev-event-dead-letters');
  reminderDlq = ref('aws_sqs_queue', (r) => r.name === 'appointments-dev-reminder-dead-letters');
  schedulerRole = ref('aws_iam_role', (r) => r.name === 'appointments-dev-reminder-scheduler');
  senderFn = ref('aws_lambda_function', (r) => r.function_name === 'appointments-dev-send-reminder');
  pageSecret = ref('aws_ssm_parameter', () => true);
  scheduleGroup = ref('aws_scheduler_schedule_group', () => true, 'name');
  scheduleGroupArn = ref('aws_scheduler_schedule_group', () => true);
});

const READ_KEY = ['kms:Decrypt', 'kms:DescribeKey'];
const WRITE_KEY = ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'];
const SEND_ENCRYPTED = ['kms:Decrypt', 'kms:GenerateDataKey'];

function allow(sid: string, actions: string[], resources: string[], conditions?: Condition[]): PolicyStatement {
  return { sid, effect: 'Allow', actions, resources, ...(conditions ? { conditions } : {}) };
}
const leadingKeys = (...prefixes: string[]): Condition => ({
  test: 'ForAllValues:StringLike',
  variable: 'dynamodb:LeadingKeys',
  values: prefixes.sort(),
});
const via = (...services: string[]): Condition => ({
  test: 'StringEquals',
  variable: 'kms:ViaService',
  values: services.map((s) => `${s}.us-west-1.amazonaws.com`),
});
const viaTable = via('dynamodb', 'streams.dynamodb');

function logging(fn: string): PolicyStatement[] {
  const logGroup = ref('aws_cloudwatch_log_group', (r) => r.name === `/aws/lambda/appointments-dev-${fn}`);
  return [
    allow('WriteOwnLogs', ['logs:CreateLogStream', 'logs:PutLogEvents'], [`${logGroup}:log-stream:*`]),
    allow('SendTraces', ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'], ['*']),
    allow(
      'DecryptOwnEnvironment',
      ['kms:Decrypt'],
      [functionsKey],
      [
        {
          test: 'StringEquals',
          variable: 'kms:EncryptionContext:aws:lambda:FunctionArn',
          values: [`arn:aws:lambda:us-west-1:123456789012:function:appointments-dev-${fn}`],
        },
      ],
    ),
  ];
}
const statements = (fn: string) => roleStatements(json, `appointments-dev-${fn}`);

/** A booking's or a move's decision: the profile read, its version item checked, the day counted. */
const calendarClaims = (): PolicyStatement[] => [
  allow('ReadProviderProfiles', ['dynamodb:GetItem'], [table], [leadingKeys('PROFILE#*')]),
  allow('ReadProviderProfilesEncryption', READ_KEY, [dataKey], [viaTable]),
  allow('CheckProfileVersions', ['dynamodb:ConditionCheckItem'], [table], [leadingKeys('PROFILE_VERSION#*')]),
  allow('CheckProfileVersionsEncryption', READ_KEY, [dataKey], [viaTable]),
  ...dayCounts(),
];
const dayCounts = (): PolicyStatement[] => [
  allow('CountProviderDays', ['dynamodb:UpdateItem'], [table], [leadingKeys('DAY#*')]),
  allow('CountProviderDaysEncryption', WRITE_KEY, [dataKey], [viaTable]),
];

describe('function permissions', () => {
  test('get-appointment may only read appointment items', () => {
    expect(statements('get-appointment')).toEqual([
      ...logging('get-appointment'),
      allow('ReadAppointments', ['dynamodb:GetItem'], [table], [leadingKeys('APPT#*')]),
      allow('ReadAppointmentsEncryption', READ_KEY, [dataKey], [viaTable]),
    ]);
  });

  test('list-appointments may only query the two indexes and read its token secret', () => {
    expect(statements('list-appointments')).toEqual([
      ...logging('list-appointments'),
      allow('QueryAppointmentIndexes', ['dynamodb:Query'], [`${table}/index/byCustomer`, `${table}/index/byProvider`]),
      allow('QueryAppointmentIndexesEncryption', READ_KEY, [dataKey], [viaTable]),
      allow('ReadPageTokenSecret', ['ssm:GetParameter'], [pageSecret]),
      allow('DecryptPageTokenSecret', ['kms:Decrypt'], [dataKey], [via('ssm')]),
    ]);
  });

  test('create-appointment may only put its own items, read what a booking decides on, and count by customer', () => {
    expect(statements('create-appointment')).toEqual([
      ...logging('create-appointment'),
      allow(
        'BookAppointments',
        ['dynamodb:PutItem'],
        [table],
        [leadingKeys('APPT#*', 'BOOKINGS#*', 'IDEMPOTENCY#*', 'SLOT#*')],
      ),
      allow('BookAppointmentsEncryption', WRITE_KEY, [dataKey], [viaTable]),
      allow('ReadBookingState', ['dynamodb:GetItem'], [table], [leadingKeys('APPT#*', 'BOOKINGS#*', 'IDEMPOTENCY#*')]),
      allow('AppendCustomerBookings', ['dynamodb:UpdateItem'], [table], [leadingKeys('BOOKINGS#*')]),
      allow('CountCustomerBookings', ['dynamodb:Query'], [`${table}/index/byCustomer`]),
      ...calendarClaims(),
    ]);
  });

  test('update-appointment may read, put, update and delete appointments and slots', () => {
    const actions = ['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'];
    expect(statements('update-appointment')).toEqual([
      ...logging('update-appointment'),
      allow('RescheduleAppointments', actions, [table], [leadingKeys('APPT#*', 'SLOT#*')]),
      allow('RescheduleAppointmentsEncryption', WRITE_KEY, [dataKey], [viaTable]),
      ...calendarClaims(),
    ]);
  });

  test('cancel-appointment may read, update and delete appointments and slots, and lower day counters; never put', () => {
    const actions = ['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:UpdateItem'];
    expect(statements('cancel-appointment')).toEqual([
      ...logging('cancel-appointment'),
      allow('CancelAppointments', actions, [table], [leadingKeys('APPT#*', 'SLOT#*')]),
      allow('CancelAppointmentsEncryption', WRITE_KEY, [dataKey], [viaTable]),
      ...dayCounts(),
    ]);
  });

  test('put-provider may read and put profiles and their version items only', () => {
    expect(statements('put-provider')).toEqual([
      ...logging('put-provider'),
      allow(
        'WriteProviderProfiles',
        ['dynamodb:GetItem', 'dynamodb:PutItem'],
        [table],
        [leadingKeys('PROFILE#*', 'PROFILE_VERSION#*')],
      ),
      allow('WriteProviderProfilesEncryption', WRITE_KEY, [dataKey], [viaTable]),
    ]);
  });

  test('get-provider may only read profiles', () => {
    expect(statements('get-provider')).toEqual([
      ...logging('get-provider'),
      allow('ReadProviderProfiles', ['dynamodb:GetItem'], [table], [leadingKeys('PROFILE#*')]),
      allow('ReadProviderProfilesEncryption', READ_KEY, [dataKey], [viaTable]),
    ]);
  });

  test('list-free-slots may read profiles and query the provider index only', () => {
    expect(statements('list-free-slots')).toEqual([
      ...logging('list-free-slots'),
      allow('ReadProviderProfiles', ['dynamodb:GetItem'], [table], [leadingKeys('PROFILE#*')]),
      allow('ReadProviderProfilesEncryption', READ_KEY, [dataKey], [viaTable]),
      allow('QueryProviderAppointments', ['dynamodb:Query'], [`${table}/index/byProvider`]),
      allow('QueryProviderAppointmentsEncryption', READ_KEY, [dataKey], [viaTable]),
    ]);
  });

  test('the event publisher reads the stream, publishes, manages schedules and passes only the Scheduler role', () => {
    const streamActions = ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'];
    const schedules = `arn:aws:scheduler:us-west-1:123456789012:schedule/${scheduleGroup}/rem-*`;
    const passedToScheduler = {
      test: 'StringEquals',
      variable: 'iam:PassedToService',
      values: ['scheduler.amazonaws.com'],
    };
    expect(statements('publish-appointment-events')).toEqual([
      ...logging('publish-appointment-events'),
      allow('ReadAppointmentStream', streamActions, [stream]),
      allow('ReadAppointmentStreamEncryption', READ_KEY, [dataKey], [viaTable]),
      allow('ListTableStreams', ['dynamodb:ListStreams'], ['*']),
      allow('PublishNotifications', ['sns:Publish'], [topic]),
      allow('PublishNotificationsEncryption', SEND_ENCRYPTED, [messagingKey], [via('sns')]),
      allow('ManageReminderSchedules', ['scheduler:CreateSchedule', 'scheduler:DeleteSchedule'], [schedules]),
      allow('PassSchedulerRoleToScheduler', ['iam:PassRole'], [schedulerRole], [passedToScheduler]),
      allow('SendFailedStreamRecords', ['sqs:SendMessage'], [eventDlq]),
      allow('SendFailedStreamRecordsEncryption', SEND_ENCRYPTED, [messagingKey], [via('sqs')]),
    ]);
  });

  test('the reminder sender reads appointments, claims reminders and publishes', () => {
    expect(statements('send-reminder')).toEqual([
      ...logging('send-reminder'),
      allow('SendFailedAsyncInvocations', ['sqs:SendMessage'], [reminderDlq]),
      allow('SendFailedAsyncInvocationsEncryption', SEND_ENCRYPTED, [messagingKey], [via('sqs')]),
      allow('ReadAppointments', ['dynamodb:GetItem'], [table], [leadingKeys('APPT#*')]),
      allow('ReadAppointmentsEncryption', READ_KEY, [dataKey], [viaTable]),
      allow('ClaimReminders', ['dynamodb:DeleteItem', 'dynamodb:PutItem'], [table], [leadingKeys('REMINDER#*')]),
      allow('ClaimRemindersEncryption', WRITE_KEY, [dataKey], [viaTable]),
      allow('PublishNotifications', ['sns:Publish'], [topic]),
      allow('PublishNotificationsEncryption', SEND_ENCRYPTED, [messagingKey], [via('sns')]),
    ]);
  });

  test('the role Scheduler assumes may only invoke the sender and dead-letter', () => {
    expect(roleStatements(json, 'appointments-dev-reminder-scheduler')).toEqual([
      allow('InvokeReminderSender', ['lambda:InvokeFunction'], [senderFn]),
      allow('SendUndeliveredReminders', ['sqs:SendMessage'], [reminderDlq]),
      allow('SendUndeliveredRemindersEncryption', SEND_ENCRYPTED, [messagingKey], [via('sqs')]),
    ]);
  });

  test('only Lambda, called from this account, may assume a function role', () => {
    const functions = resourcesOfType(json, 'aws_lambda_function').map(([, f]) => String(f.function_name));
    expect(functions).toHaveLength(11);
    for (const name of functions) {
      expect(roleTrustStatements(json, name)).toEqual([
        {
          sid: 'AssumedByService',
          effect: 'Allow',
          actions: ['sts:AssumeRole'],
          principals: [{ type: 'Service', identifiers: ['lambda.amazonaws.com'] }],
          conditions: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: ['123456789012'] }],
        },
      ]);
    }
  });

  test('only Scheduler, for schedules of the reminder group, may assume the Scheduler role', () => {
    expect(roleTrustStatements(json, 'appointments-dev-reminder-scheduler')).toEqual([
      {
        sid: 'AssumedByService',
        effect: 'Allow',
        actions: ['sts:AssumeRole'],
        principals: [{ type: 'Service', identifiers: ['scheduler.amazonaws.com'] }],
        conditions: [
          { test: 'StringEquals', variable: 'aws:SourceAccount', values: ['123456789012'] },
          { test: 'ArnLike', variable: 'aws:SourceArn', values: [scheduleGroupArn] },
        ],
      },
    ]);
  });

  test('no read-only function holds a data-changing action', () => {
    for (const fn of ['get-appointment', 'list-appointments']) {
      const dataActions = statements(fn)
        .flatMap((s) => s.actions ?? [])
        .filter((a) => /^(dynamodb|sns|sqs|scheduler|ssm):/.test(a));
      expect(dataActions.filter((a) => /Put|Update|Delete|Write|Publish|Create|Send/.test(a))).toEqual([]);
    }
  });
});
