/**
 * Each function's role allows exactly the actions that function calls, on exactly the ARNs it
 * touches. The expectations are written out in full so that any added permission fails here.
 */
import {
  grantsOf,
  referencedId,
  resourcesOfType,
  roleStatements,
  synthServiceStack,
  SynthJson,
} from '../support/synth';

const json = synthServiceStack('dev');

function ref(type: string, predicate: (r: Record<string, unknown>) => boolean, attribute = 'arn'): string {
  const found = resourcesOfType(json, type).find(([, r]) => predicate(r));
  if (!found) throw new Error(`no ${type} matches`);
  return `\${${type}.${found[0]}.${attribute}}`;
}

function keyArn(j: SynthJson, alias: string): string {
  const [, a] = resourcesOfType(j, 'aws_kms_alias').find(([, r]) => r.name === `alias/${alias}`)!;
  return `\${aws_kms_key.${referencedId(a.target_key_id, 'aws_kms_key')}.arn}`;
}

const table = ref('aws_dynamodb_table', () => true);
const stream = ref('aws_dynamodb_table', () => true, 'stream_arn');
const dataKey = keyArn(json, 'appointments-dev-data');
const messagingKey = keyArn(json, 'appointments-dev-messaging');
const topic = ref('aws_sns_topic', (r) => r.name === 'appointments-dev-notifications');
const eventDlq = ref('aws_sqs_queue', (r) => r.name === 'appointments-dev-event-dead-letters');
const reminderDlq = ref('aws_sqs_queue', (r) => r.name === 'appointments-dev-reminder-dead-letters');
const schedulerRole = ref('aws_iam_role', (r) => r.name === 'appointments-dev-reminder-scheduler');
const senderFn = ref('aws_lambda_function', (r) => r.function_name === 'appointments-dev-send-reminder');
const pageSecret = ref('aws_ssm_parameter', () => true);
const scheduleGroup = ref('aws_scheduler_schedule_group', () => true, 'name');

function logging(fn: string) {
  const logGroup = ref('aws_cloudwatch_log_group', (r) => r.name === `/aws/lambda/appointments-dev-${fn}`);
  return {
    'logs:CreateLogStream': [`${logGroup}:log-stream:*`],
    'logs:PutLogEvents': [`${logGroup}:log-stream:*`],
    'xray:PutTelemetryRecords': ['*'],
    'xray:PutTraceSegments': ['*'],
  };
}
const readKey = { 'kms:Decrypt': [dataKey], 'kms:DescribeKey': [dataKey] };
const writeKey = { ...readKey, 'kms:Encrypt': [dataKey], 'kms:GenerateDataKey': [dataKey] };
const grants = (fn: string) => grantsOf(roleStatements(json, `appointments-dev-${fn}`));

describe('function permissions', () => {
  test('get-appointment may only read items', () => {
    expect(grants('get-appointment')).toEqual({
      ...logging('get-appointment'),
      ...readKey,
      'dynamodb:GetItem': [table],
    });
  });

  test('list-appointments may only query the two indexes and read its token secret', () => {
    expect(grants('list-appointments')).toEqual({
      ...logging('list-appointments'),
      'dynamodb:Query': [`${table}/index/byCustomer`, `${table}/index/byProvider`],
      'kms:Decrypt': [dataKey, dataKey],
      'kms:DescribeKey': [dataKey],
      'ssm:GetParameter': [pageSecret],
    });
  });

  test('create-appointment may only put items, and read idempotency records', () => {
    expect(grants('create-appointment')).toEqual({
      ...logging('create-appointment'),
      ...writeKey,
      'dynamodb:PutItem': [table],
      'dynamodb:GetItem': [table],
    });
  });

  test('update-appointment may read, put, update and delete items', () => {
    expect(grants('update-appointment')).toEqual({
      ...logging('update-appointment'),
      ...writeKey,
      'dynamodb:DeleteItem': [table],
      'dynamodb:GetItem': [table],
      'dynamodb:PutItem': [table],
      'dynamodb:UpdateItem': [table],
    });
  });

  test('cancel-appointment may read, update and delete items, never put', () => {
    expect(grants('cancel-appointment')).toEqual({
      ...logging('cancel-appointment'),
      ...writeKey,
      'dynamodb:DeleteItem': [table],
      'dynamodb:GetItem': [table],
      'dynamodb:UpdateItem': [table],
    });
  });

  test('table writes are confined to the key prefixes each writer owns', () => {
    const condition = (fn: string, sid: string) =>
      roleStatements(json, `appointments-dev-${fn}`).find((s) => s.sid === sid)?.condition;
    expect(condition('create-appointment', 'BookAppointments')).toEqual([
      {
        test: 'ForAllValues:StringLike',
        variable: 'dynamodb:LeadingKeys',
        values: ['APPT#*', 'SLOT#*', 'IDEMPOTENCY#*'],
      },
    ]);
    expect(condition('create-appointment', 'ReadIdempotencyRecords')).toEqual([
      { test: 'ForAllValues:StringLike', variable: 'dynamodb:LeadingKeys', values: ['IDEMPOTENCY#*'] },
    ]);
    expect(condition('cancel-appointment', 'CancelAppointments')).toEqual([
      { test: 'ForAllValues:StringLike', variable: 'dynamodb:LeadingKeys', values: ['APPT#*', 'SLOT#*'] },
    ]);
    expect(condition('send-reminder', 'ClaimReminders')).toEqual([
      { test: 'ForAllValues:StringLike', variable: 'dynamodb:LeadingKeys', values: ['REMINDER#*'] },
    ]);
  });

  test('the event publisher reads the stream, publishes, manages schedules and passes only the Scheduler role', () => {
    expect(grants('publish-appointment-events')).toEqual({
      ...logging('publish-appointment-events'),
      'dynamodb:DescribeStream': [stream],
      'dynamodb:GetRecords': [stream],
      'dynamodb:GetShardIterator': [stream],
      'dynamodb:ListStreams': [stream],
      'kms:Decrypt': [dataKey, messagingKey, messagingKey],
      'kms:DescribeKey': [dataKey],
      'kms:GenerateDataKey': [messagingKey, messagingKey],
      'sns:Publish': [topic],
      'scheduler:CreateSchedule': [`arn:aws:scheduler:us-west-1:123456789012:schedule/${scheduleGroup}/rem-*`],
      'scheduler:DeleteSchedule': [`arn:aws:scheduler:us-west-1:123456789012:schedule/${scheduleGroup}/rem-*`],
      'iam:PassRole': [schedulerRole],
      'sqs:SendMessage': [eventDlq],
    });
    const passRole = roleStatements(json, 'appointments-dev-publish-appointment-events').find((s) =>
      s.actions?.includes('iam:PassRole'),
    );
    expect(passRole?.condition).toEqual([
      { test: 'StringEquals', variable: 'iam:PassedToService', values: ['scheduler.amazonaws.com'] },
    ]);
  });

  test('the reminder sender reads appointments, claims reminders and publishes', () => {
    expect(grants('send-reminder')).toEqual({
      ...logging('send-reminder'),
      'dynamodb:GetItem': [table],
      'dynamodb:PutItem': [table],
      'dynamodb:DeleteItem': [table],
      'kms:Decrypt': [dataKey, dataKey, messagingKey, messagingKey],
      'kms:DescribeKey': [dataKey, dataKey],
      'kms:Encrypt': [dataKey],
      'kms:GenerateDataKey': [dataKey, messagingKey, messagingKey],
      'sns:Publish': [topic],
      'sqs:SendMessage': [reminderDlq],
    });
  });

  test('the role Scheduler assumes may only invoke the sender and dead-letter', () => {
    expect(grantsOf(roleStatements(json, 'appointments-dev-reminder-scheduler'))).toEqual({
      'lambda:InvokeFunction': [senderFn],
      'sqs:SendMessage': [reminderDlq],
      'kms:Decrypt': [messagingKey],
      'kms:GenerateDataKey': [messagingKey],
    });
  });

  test('no read-only function holds a data-changing action', () => {
    for (const fn of ['get-appointment', 'list-appointments']) {
      const dataActions = Object.keys(grants(fn)).filter((a) => /^(dynamodb|sns|sqs|scheduler|ssm):/.test(a));
      expect(dataActions.filter((a) => /Put|Update|Delete|Write|Publish|Create|Send/.test(a))).toEqual([]);
    }
  });
});
