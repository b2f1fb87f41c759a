/**
 * The notification schemas and the gate that applies them (dev/local/notification-schema-check.ts):
 * the messages the code builds pass; a message broken in any one way is refused, naming the field
 * and the schema path; and the gate is where every observer reads (the mocked SNS client's reader,
 * the dev server's file publisher).
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { checkNotification, NotificationSchemaError } from '../../dev/local/notification-schema-check';
import { FileEventPublisher } from '../../dev/local/file-publisher';
import {
  exampleNotification,
  NOTIFICATION_SCHEMA_DOCUMENTS,
  NOTIFICATION_TYPES,
} from '../../src/contract/notification-schemas';
import { SnsEventPublisher } from '../../src/notifications/sns-publisher';
import type { NotificationMessage, NotificationType } from '../../src/notifications/ports';
import { publishedNotifications } from '../support/published-notifications';

/** The problems the gate names for a message and its attributes; [] when it passes. */
function refusal(message: Record<string, unknown>, attributes: Record<string, unknown>): string[] {
  try {
    checkNotification(message, attributes);
    return [];
  } catch (error) {
    if (!(error instanceof NotificationSchemaError)) throw error;
    return [`${error.schemaPath}`, ...error.problems];
  }
}

const example = (type: NotificationType) => {
  const { message, attributes } = exampleNotification(type);
  return {
    message: { ...message } as Record<string, unknown>,
    attributes: { ...attributes } as Record<string, unknown>,
  };
};
const without = (record: Record<string, unknown>, field: string) => {
  const copy = { ...record };
  delete copy[field];
  return copy;
};

test.each(NOTIFICATION_TYPES)('the %s the code builds (src/notifications/messages.ts) passes the gate', (type) => {
  const { message, attributes } = example(type);
  expect(refusal(message, attributes)).toEqual([]);
});

describe('a broken message is refused, naming the schema and the field', () => {
  const confirmed = example('APPOINTMENT_CONFIRMED');
  const rescheduled = example('APPOINTMENT_RESCHEDULED');
  const updated = example('APPOINTMENT_UPDATED');
  const reminder = example('APPOINTMENT_REMINDER');
  const cancelled = example('APPOINTMENT_CANCELLED');
  const confirmedSchema = 'notifications/appointment-confirmed.schema.json';

  test.each<[string, Record<string, unknown>, Record<string, unknown>, string[]]>([
    [
      'a missing field (localStart)',
      without(confirmed.message, 'localStart'),
      confirmed.attributes,
      [confirmedSchema, "localStart: must have required property 'localStart' (#/required)"],
    ],
    [
      'an extra field',
      { ...confirmed.message, colour: 'red' },
      confirmed.attributes,
      [confirmedSchema, 'colour: is not in the schema (#/additionalProperties)'],
    ],
    [
      'a wrong enum value (status of a confirmation)',
      { ...confirmed.message, status: 'CANCELLED' },
      confirmed.attributes,
      [confirmedSchema, 'status: must be equal to constant "CONFIRMED" (#/properties/status/const)'],
    ],
    [
      'an extra field inside the customer',
      { ...confirmed.message, customer: { customerId: 'c-1', name: 'Ada', age: 3 } },
      confirmed.attributes,
      [confirmedSchema, 'customer.age: is not in the schema (#/properties/customer/additionalProperties)'],
    ],
    [
      'a localStart in UTC instead of the local time',
      { ...confirmed.message, localStart: '2026-12-02T17:00:00Z' },
      confirmed.attributes,
      [
        confirmedSchema,
        expect.stringMatching(/^localStart: must match pattern .* \(#\/properties\/localStart\/pattern\)$/),
      ],
    ],
    [
      'a start with fractional seconds',
      { ...confirmed.message, start: '2026-12-02T17:00:00.000Z' },
      confirmed.attributes,
      [confirmedSchema, expect.stringMatching(/^start: must match pattern .* \(#\/properties\/start\/pattern\)$/)],
    ],
    [
      'changedFields on a reschedule',
      { ...rescheduled.message, changedFields: ['start'] },
      rescheduled.attributes,
      [
        'notifications/appointment-rescheduled.schema.json',
        'changedFields: is not in the schema (#/additionalProperties)',
      ],
    ],
    [
      'previousStart on an update',
      { ...updated.message, previousStart: '2026-12-02T17:00:00Z' },
      updated.attributes,
      ['notifications/appointment-updated.schema.json', 'previousStart: is not in the schema (#/additionalProperties)'],
    ],
    [
      'a field that moves the interval named in changedFields',
      { ...updated.message, changedFields: ['start'] },
      updated.attributes,
      [
        'notifications/appointment-updated.schema.json',
        'changedFields.0: must be equal to one of the allowed values: "timeZone", "notes", "reminderMinutesBefore" (#/properties/changedFields/items/enum)',
      ],
    ],
    [
      'a reminder without minutesBefore',
      without(reminder.message, 'minutesBefore'),
      reminder.attributes,
      [
        'notifications/appointment-reminder.schema.json',
        "minutesBefore: must have required property 'minutesBefore' (#/required)",
      ],
    ],
    [
      'a cancellation reason on a reminder',
      { ...reminder.message, cancellationReason: 'no' },
      reminder.attributes,
      [
        'notifications/appointment-reminder.schema.json',
        'cancellationReason: is not in the schema (#/additionalProperties)',
      ],
    ],
    [
      "an eventId of another type's form",
      { ...cancelled.message, eventId: `${cancelled.message.appointmentId}:2:APPOINTMENT_UPDATED` },
      cancelled.attributes,
      [
        'notifications/appointment-cancelled.schema.json',
        expect.stringMatching(/^eventId: must match pattern .* \(#\/properties\/eventId\/pattern\)$/),
      ],
    ],
    [
      'an unknown type',
      { ...confirmed.message, type: 'APPOINTMENT_MOVED' },
      confirmed.attributes,
      [
        'notifications/',
        'type: "APPOINTMENT_MOVED" is none of APPOINTMENT_CONFIRMED, APPOINTMENT_RESCHEDULED, APPOINTMENT_UPDATED, APPOINTMENT_CANCELLED, APPOINTMENT_REMINDER',
      ],
    ],
    [
      'an eventType attribute that is not the body type',
      confirmed.message,
      { ...confirmed.attributes, eventType: 'APPOINTMENT_REMINDER' },
      [
        'notifications/message-attributes.schema.json',
        'attributes.eventType: "APPOINTMENT_REMINDER" is not the body\'s type "APPOINTMENT_CONFIRMED"',
      ],
    ],
    [
      'a missing providerId attribute',
      confirmed.message,
      without(confirmed.attributes, 'providerId'),
      [
        'notifications/message-attributes.schema.json',
        "attributes.providerId: must have required property 'providerId' (#/required)",
      ],
    ],
  ])('%s', (_case, message, attributes, expected) => {
    expect(refusal(message, attributes)).toEqual(expected);
  });

  test('every broken field is named at once', () => {
    const broken = { ...without(confirmed.message, 'localStart'), colour: 'red', status: 'PENDING' };
    expect(refusal(broken, confirmed.attributes)).toEqual([
      confirmedSchema,
      "localStart: must have required property 'localStart' (#/required)",
      'colour: is not in the schema (#/additionalProperties)',
      'status: must be equal to constant "CONFIRMED" (#/properties/status/const)',
    ]);
  });
});

describe('the gate sits where messages are observed', () => {
  const { message, attributes } = exampleNotification('APPOINTMENT_CONFIRMED');
  const broken = { ...message, localStart: undefined } as unknown as NotificationMessage;
  const sns = mockClient(SNSClient);
  beforeEach(() => {
    sns.reset();
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
  });
  afterAll(() => sns.restore());

  test('reading a Publish from the mocked SNS client throws for a broken body, naming the Publish and the field', async () => {
    // Prepare
    const publisher = new SnsEventPublisher(new SNSClient({ region: 'us-west-1' }), 'arn:aws:sns:us-west-1:1:t');

    // Act
    await publisher.publish(message, attributes);
    await publisher.publish(broken, attributes);

    // Assess
    expect(() => publishedNotifications(sns)).toThrow(
      /^Publish #2 \(APPOINTMENT_CONFIRMED\): the message does not match docs\/notifications\/appointment-confirmed\.schema\.json:\n {2}localStart: must have required property 'localStart'/,
    );
  });

  test('reading a Publish whose attribute is not a String throws, naming the attribute', async () => {
    await new SNSClient({ region: 'us-west-1' }).send(
      new PublishCommand({
        TopicArn: 'arn:aws:sns:us-west-1:1:t',
        Message: JSON.stringify(message),
        MessageAttributes: {
          eventType: { DataType: 'String', StringValue: message.type },
          tenantId: { DataType: 'String', StringValue: attributes.tenantId },
          providerId: { DataType: 'Number', StringValue: '7' },
        },
      }),
    );
    expect(() => publishedNotifications(sns)).toThrow(/attributes\.providerId: must be string/);
  });

  test('the dev server publisher refuses a broken message and writes nothing, to the file or the output', async () => {
    // Prepare
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'gate-')), 'notifications.jsonl');
    const output = new PassThrough();
    let written = '';
    output.on('data', (chunk) => (written += String(chunk)));
    const publisher = new FileEventPublisher(file, output);

    // Act
    const refused = publisher.publish(broken, attributes);

    // Assess
    await expect(refused).rejects.toThrow(/localStart: must have required property 'localStart' \(#\/required\)/);
    expect(existsSync(file)).toBe(false);
    await publisher.publish(message, attributes);
    expect(readFileSync(file, 'utf8')).toBe(`${JSON.stringify(message)}\n`);
    expect(written).toBe(`${JSON.stringify(message)}\n`);
  });
});

/**
 * The keywords whose meaning is the same in JSON Schema draft-07 (the default schema dialect of
 * AsyncAPI 3, which docs/asyncapi.json points at these files from) and in 2020-12.
 */
const SHARED_KEYWORDS = new Set([
  ...['$schema', '$id', 'title', 'description', 'examples', 'type', 'const', 'enum', 'format', 'pattern'],
  ...['minLength', 'maxLength', 'minimum', 'maximum', 'multipleOf', 'required', 'properties'],
  ...['additionalProperties', 'items', 'uniqueItems', 'maxItems'],
]);

test('the schemas use only keywords that mean the same in draft-07 (AsyncAPI 3) and 2020-12', () => {
  const used = new Set<string>();
  const walk = (schema: Record<string, unknown>) => {
    for (const [keyword, value] of Object.entries(schema)) {
      used.add(keyword);
      if (keyword === 'properties') Object.values(value as Record<string, Record<string, unknown>>).forEach(walk);
      else if ((keyword === 'items' || keyword === 'additionalProperties') && typeof value === 'object') {
        walk(value as Record<string, unknown>);
      }
    }
  };
  Object.values(NOTIFICATION_SCHEMA_DOCUMENTS).forEach((schema) => walk(schema as Record<string, unknown>));
  expect([...used].filter((keyword) => !SHARED_KEYWORDS.has(keyword))).toEqual([]);
  expect(used.has('additionalProperties')).toBe(true);
});
