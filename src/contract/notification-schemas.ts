/**
 * JSON Schema 2020-12 of every message the notifications topic carries (src/notifications/
 * messages.ts; ../shared/API-CONTRACT.md, "Notifications") and of the SNS message attributes
 * subscribers filter on. The appointment's fields come from ./appointment-schema, the one
 * description the OpenAPI document uses too; each message adds its own fields and nothing else
 * (`additionalProperties: false`), so a field added, dropped or renamed in the code fails the
 * tests, which validate every message they observe (dev/local/notification-schema-check.ts).
 * Written to docs/notifications/ by `npm run docs` and served by `npm run dev` beside /openapi.json.
 */
import type { Appointment } from '../domain/appointment';
import type { MessageAttributes, NotificationMessage, NotificationType } from '../notifications/ports';
import type { OutgoingMessage } from '../notifications/change-plan';
import { attributesFor, changeMessage, reminderMessage } from '../notifications/messages';
import { TENANT_ID_PATTERN } from '../identity/caller-identity';
import {
  APPOINTMENT_PROPERTIES,
  APPOINTMENT_REQUIRED,
  EXAMPLE_APPOINTMENT,
  JsonSchema,
  SLOT_INSTANT_SCHEMA,
} from './appointment-schema';
import { UPDATE_APPOINTMENT_SCHEMA } from './request-schemas';

const DIALECT = 'https://json-schema.org/draft/2020-12/schema';

/** What each message means to a subscriber: its schema's description. */
export const NOTIFICATION_MEANINGS: Readonly<Record<NotificationType, string>> = {
  APPOINTMENT_CONFIRMED: 'An appointment was booked (committed).',
  APPOINTMENT_RESCHEDULED:
    'A confirmed appointment moved to another interval; previousStart and previousEnd say where it was. ' +
    'Its reminders are for the new start only.',
  APPOINTMENT_UPDATED:
    'Any other change of a confirmed appointment (notes, time zone, lead times); changedFields names the ' +
    'appointment fields whose value changed, sorted (empty when a PATCH changed nothing but the version).',
  APPOINTMENT_CANCELLED:
    'An appointment was cancelled; cancellationReason is present when the cancellation gave one. ' +
    'No reminder follows.',
  APPOINTMENT_REMINDER:
    'A reminder, minutesBefore minutes before the start, published at most once per start and lead time.',
};

export const NOTIFICATION_TYPES = Object.keys(NOTIFICATION_MEANINGS) as NotificationType[];

/** Where a type's schema is published, relative to docs/ and to the dev server's root. */
export const notificationSchemaPath = (type: NotificationType) =>
  `notifications/${type.toLowerCase().replaceAll('_', '-')}.schema.json`;
export const MESSAGE_ATTRIBUTES_SCHEMA_PATH = 'notifications/message-attributes.schema.json';

/** A pattern's body without its anchors, to build a longer pattern from it. */
const inner = (schema: JsonSchema) => String(schema.pattern).replace(/^\^/, '').replace(/\$$/, '');

const TENANT_ID_SCHEMA: JsonSchema = {
  type: 'string',
  pattern: TENANT_ID_PATTERN.source,
  description: 'The tenant (clinic) the appointment belongs to',
};

/** `<appointmentId>:<version>:<type>`, or `<appointmentId>:<start>:APPOINTMENT_REMINDER:<m>` (messages.ts). */
function eventIdSchema(type: NotificationType): JsonSchema {
  const id = inner(APPOINTMENT_PROPERTIES.appointmentId);
  const pattern =
    type === 'APPOINTMENT_REMINDER'
      ? `^${id}:${inner(SLOT_INSTANT_SCHEMA)}:${type}:[1-9][0-9]*$`
      : `^${id}:[1-9][0-9]*:${type}$`;
  return {
    type: 'string',
    pattern,
    description: 'The same event always has the same id: drop a message whose eventId you have already handled',
  };
}

/** The start in the appointment's own time zone, with that instant's offset (never `Z`). */
const LOCAL_START_SCHEMA: JsonSchema = {
  type: 'string',
  format: 'date-time',
  pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:00[+-][0-9]{2}:[0-9]{2}$',
  description: 'The start rendered in timeZone, with the offset in force at that instant (2026-03-08T09:00:00-07:00)',
};

/**
 * The fields a change can touch without moving the interval (a move is RESCHEDULED): what a
 * PATCH may set, less start and durationMinutes (they move it) and the request-only flag.
 */
const UPDATABLE_IN_PLACE = Object.keys(UPDATE_APPOINTMENT_SCHEMA.properties).filter(
  (field) => !['start', 'durationMinutes', 'overrideAvailability'].includes(field),
);

/** What one type carries beyond the appointment, its `type`, `eventId`, `tenantId` and `localStart`. */
const EXTRA_FIELDS: Readonly<
  Record<NotificationType, { readonly properties: Record<string, JsonSchema>; readonly required: readonly string[] }>
> = {
  APPOINTMENT_CONFIRMED: { properties: {}, required: [] },
  APPOINTMENT_RESCHEDULED: {
    properties: {
      previousStart: { ...SLOT_INSTANT_SCHEMA, description: 'The start before the move' },
      previousEnd: { ...SLOT_INSTANT_SCHEMA, description: 'The end before the move' },
    },
    required: ['previousStart', 'previousEnd'],
  },
  APPOINTMENT_UPDATED: {
    properties: {
      changedFields: {
        type: 'array',
        uniqueItems: true,
        items: { type: 'string', enum: UPDATABLE_IN_PLACE },
        description: 'The appointment fields whose value changed, sorted',
      },
    },
    required: ['changedFields'],
  },
  APPOINTMENT_CANCELLED: {
    properties: { cancellationReason: APPOINTMENT_PROPERTIES.cancellationReason },
    required: [],
  },
  APPOINTMENT_REMINDER: {
    properties: {
      minutesBefore: {
        ...(APPOINTMENT_PROPERTIES.reminderMinutesBefore.items as JsonSchema),
        description: 'Which of reminderMinutesBefore this reminder is',
      },
    },
    required: ['minutesBefore'],
  },
};

/** The appointment's fields as every message carries them: cancellationReason only where EXTRA_FIELDS puts it. */
function appointmentFields(type: NotificationType): Record<string, JsonSchema> {
  const { cancellationReason: _onlyOnCancelled, ...fields } = APPOINTMENT_PROPERTIES;
  const status: Appointment['status'] = type === 'APPOINTMENT_CANCELLED' ? 'CANCELLED' : 'CONFIRMED';
  return { ...fields, status: { type: 'string', const: status } };
}

const EXAMPLE_TENANT = 'clinic-a';
const changed: Appointment = { ...EXAMPLE_APPOINTMENT, version: 2, updatedAt: '2026-12-01T15:00:00Z' };
const examplesOf: Readonly<Record<NotificationType, () => NotificationMessage>> = {
  APPOINTMENT_CONFIRMED: () => changeMessage('APPOINTMENT_CONFIRMED', EXAMPLE_TENANT, EXAMPLE_APPOINTMENT),
  APPOINTMENT_RESCHEDULED: () =>
    changeMessage(
      'APPOINTMENT_RESCHEDULED',
      EXAMPLE_TENANT,
      { ...changed, start: '2026-12-02T18:00:00Z', end: '2026-12-02T18:45:00Z' },
      EXAMPLE_APPOINTMENT,
    ),
  APPOINTMENT_UPDATED: () =>
    changeMessage(
      'APPOINTMENT_UPDATED',
      EXAMPLE_TENANT,
      { ...changed, notes: 'bring the referral' },
      EXAMPLE_APPOINTMENT,
    ),
  APPOINTMENT_CANCELLED: () =>
    changeMessage(
      'APPOINTMENT_CANCELLED',
      EXAMPLE_TENANT,
      { ...changed, status: 'CANCELLED', cancellationReason: 'feeling better' },
      EXAMPLE_APPOINTMENT,
    ),
  APPOINTMENT_REMINDER: () => reminderMessage(EXAMPLE_TENANT, EXAMPLE_APPOINTMENT, 60),
};

/** One message of each type as the notification code itself builds it (../notifications/messages), with its attributes. */
export function exampleNotification(type: NotificationType): OutgoingMessage {
  return { message: examplesOf[type](), attributes: attributesFor(type, EXAMPLE_TENANT, EXAMPLE_APPOINTMENT) };
}

/** The schema of one type's message body (the SNS `Message`, parsed). */
export function notificationSchema(type: NotificationType): JsonSchema {
  const extra = EXTRA_FIELDS[type];
  return {
    $schema: DIALECT,
    $id: notificationSchemaPath(type),
    title: type,
    description: `${NOTIFICATION_MEANINGS[type]} The SNS message body: JSON, with the message attributes of ${MESSAGE_ATTRIBUTES_SCHEMA_PATH}.`,
    type: 'object',
    additionalProperties: false,
    required: ['type', 'eventId', 'tenantId', ...APPOINTMENT_REQUIRED, 'localStart', ...extra.required],
    properties: {
      type: { type: 'string', const: type },
      eventId: eventIdSchema(type),
      tenantId: TENANT_ID_SCHEMA,
      ...appointmentFields(type),
      localStart: LOCAL_START_SCHEMA,
      ...extra.properties,
    },
    examples: [exampleNotification(type).message],
  };
}

const ATTRIBUTE_PROPERTIES: Readonly<Record<keyof MessageAttributes, JsonSchema>> = {
  eventType: { type: 'string', enum: NOTIFICATION_TYPES, description: "The message's type" },
  tenantId: TENANT_ID_SCHEMA,
  providerId: APPOINTMENT_PROPERTIES.providerId,
};

/** The SNS message attributes of every message, as name → string value; each is DataType String. */
export const MESSAGE_ATTRIBUTES_SCHEMA: JsonSchema = {
  $schema: DIALECT,
  $id: MESSAGE_ATTRIBUTES_SCHEMA_PATH,
  title: 'Notification message attributes',
  description:
    'The SNS message attributes of every notification, each of DataType String, for subscription filter ' +
    "policies: eventType equals the body's type, tenantId and providerId equal the body's. " +
    'Example filter: {"eventType": ["APPOINTMENT_REMINDER"], "tenantId": ["clinic-a"]}.',
  type: 'object',
  additionalProperties: false,
  required: Object.keys(ATTRIBUTE_PROPERTIES),
  properties: ATTRIBUTE_PROPERTIES,
};

/** Every schema by its path under docs/ (and under the dev server's root). */
export const NOTIFICATION_SCHEMA_DOCUMENTS: Readonly<Record<string, JsonSchema>> = {
  ...Object.fromEntries(NOTIFICATION_TYPES.map((type) => [notificationSchemaPath(type), notificationSchema(type)])),
  [MESSAGE_ATTRIBUTES_SCHEMA_PATH]: MESSAGE_ATTRIBUTES_SCHEMA,
};
