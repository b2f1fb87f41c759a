/**
 * The AsyncAPI 3.1 document of the notifications topic: one channel (the SNS topic), the one
 * operation that sends to it, and each message with its SNS attributes as headers and its body
 * as a reference to the published JSON Schema (./notification-schemas). The schemas use only
 * keywords that mean the same in JSON Schema draft-07 (the default schema dialect of AsyncAPI 3) and in
 * 2020-12, which a test checks. Served by `npm run dev` at /asyncapi.json and written to
 * docs/asyncapi.json by `npm run docs`; relative references resolve beside it in both places.
 */
import { APP_NAME } from '../../config/naming';
import { ENVIRONMENT_NAMES } from '../../config/settings';
import type { NotificationType } from '../notifications/ports';
import {
  exampleNotification,
  MESSAGE_ATTRIBUTES_SCHEMA,
  MESSAGE_ATTRIBUTES_SCHEMA_PATH,
  NOTIFICATION_MEANINGS,
  NOTIFICATION_TYPES,
  notificationSchemaPath,
} from './notification-schemas';

/** `APPOINTMENT_CONFIRMED` → `appointmentConfirmed`. */
const messageId = (type: NotificationType) =>
  type.toLowerCase().replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

/** The attributes of one type: the attributes schema with eventType fixed to that type. */
function headersOf(type: NotificationType) {
  const { $schema: _dialect, $id: _id, examples: _examples, ...attributes } = MESSAGE_ATTRIBUTES_SCHEMA;
  return {
    ...attributes,
    properties: {
      ...(attributes.properties as Record<string, unknown>),
      eventType: { type: 'string', const: type, description: "The message's type" },
    },
  };
}

function message(type: NotificationType) {
  const example = exampleNotification(type);
  return {
    name: type,
    title: type,
    summary: NOTIFICATION_MEANINGS[type],
    contentType: 'application/json',
    headers: headersOf(type),
    payload: { $ref: `./${notificationSchemaPath(type)}` },
    examples: [{ name: messageId(type), headers: example.attributes, payload: example.message }],
  };
}

const messages = Object.fromEntries(NOTIFICATION_TYPES.map((type) => [messageId(type), message(type)]));
const channelMessages = Object.fromEntries(
  NOTIFICATION_TYPES.map((type) => [messageId(type), { $ref: `#/components/messages/${messageId(type)}` }]),
);

export const ASYNCAPI_DOCUMENT = {
  asyncapi: '3.1.0',
  info: {
    title: 'Appointments notifications',
    version: '2.0.0',
    description:
      'Every committed change of an appointment, and every reminder, as a message on one Amazon SNS topic per ' +
      'environment (encrypted with a customer-managed KMS key; the stack output notification_topic_arn names it). ' +
      'Subscribe a queue, a function or an endpoint, and filter on the message attributes eventType, tenantId and ' +
      `providerId (${MESSAGE_ATTRIBUTES_SCHEMA_PATH}). Delivery is at least once: de-duplicate on eventId.`,
  },
  defaultContentType: 'application/json',
  channels: {
    notifications: {
      address: `${APP_NAME}-{environment}-notifications`,
      title: 'The notifications topic',
      description: 'The SNS topic of one environment; each message body is JSON, its attributes are Strings.',
      parameters: {
        environment: { enum: [...ENVIRONMENT_NAMES], description: 'The environment (stack) the topic belongs to' },
      },
      messages: channelMessages,
    },
  },
  operations: {
    publishNotifications: {
      action: 'send',
      title: 'Publish a notification',
      summary:
        'The service publishes one message per committed change (from the table stream) and one per due reminder.',
      channel: { $ref: '#/channels/notifications' },
      messages: NOTIFICATION_TYPES.map((type) => ({ $ref: `#/channels/notifications/messages/${messageId(type)}` })),
    },
  },
  components: { messages },
};
