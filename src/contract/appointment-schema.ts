/**
 * The appointment as the service stores and returns it (src/domain/appointment.ts), in JSON
 * Schema 2020-12: the one description behind the OpenAPI document's `Appointment` and every
 * notification's appointment fields (./notification-schemas). The fields a client sends are the
 * request models' (./request-schemas, translated by ./json-schema-2020), so a rule changed there
 * changes here; what only the service writes (ids, UTC times, status, version) is added here.
 * The property map is typed by the `Appointment` interface: a field added to one and not the
 * other is a type error.
 */
import { Appointment, AppointmentStatus, SLOT_MINUTES } from '../domain/appointment';
import { MAX_REMINDERS } from '../domain/validation';
import { HTTP_OPERATIONS } from '../operations';
import { draft04To202012 } from './json-schema-2020';
import { CANCEL_APPOINTMENT_SCHEMA, CREATE_APPOINTMENT_SCHEMA } from './request-schemas';

export type JsonSchema = { readonly [keyword: string]: unknown };

type OptionalKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? K : never }[keyof T];

const DATE_AND_HOUR = '[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}';
/** `00|15|30|45`: the minutes of the slot grid. */
const SLOT_MINUTE_VALUES = Array.from({ length: 60 / SLOT_MINUTES }, (_, i) =>
  String(i * SLOT_MINUTES).padStart(2, '0'),
);

/** An instant as the service writes it (src/domain/time.ts formatUtc): UTC, `Z`, no fractional seconds. */
export const UTC_INSTANT_SCHEMA: JsonSchema = {
  type: 'string',
  format: 'date-time',
  pattern: `^${DATE_AND_HOUR}:[0-9]{2}:[0-9]{2}Z$`,
};

/** An appointment's start or end: a UTC instant on the slot grid (minutes % 15 == 0, seconds 0). */
export const SLOT_INSTANT_SCHEMA: JsonSchema = {
  type: 'string',
  format: 'date-time',
  pattern: `^${DATE_AND_HOUR}:(${SLOT_MINUTE_VALUES.join('|')}):00Z$`,
};

const requestFields = draft04To202012(CREATE_APPOINTMENT_SCHEMA).properties as Record<
  keyof typeof CREATE_APPOINTMENT_SCHEMA.properties,
  JsonSchema
>;
const cancelFields = draft04To202012(CANCEL_APPOINTMENT_SCHEMA).properties as Record<
  keyof typeof CANCEL_APPOINTMENT_SCHEMA.properties,
  JsonSchema
>;

function appointmentIdSchema(): JsonSchema {
  const parameter = HTTP_OPERATIONS['get-appointment'].parameters.find(({ name }) => name === 'appointmentId');
  if (!parameter) throw new Error('get-appointment has no appointmentId path parameter');
  return draft04To202012(parameter.schema);
}

const described = (schema: JsonSchema, description: string): JsonSchema => ({ ...schema, description });

const STATUSES: Record<AppointmentStatus, true> = { CONFIRMED: true, CANCELLED: true };

/** Every field of the appointment, by name, with the rules it satisfies once stored. */
export const APPOINTMENT_PROPERTIES: Readonly<Record<keyof Appointment, JsonSchema>> = {
  appointmentId: described(appointmentIdSchema(), 'Assigned by the service; opaque and URL-safe'),
  providerId: requestFields.providerId,
  customer: requestFields.customer,
  start: described(SLOT_INSTANT_SCHEMA, 'UTC, on the 15-minute grid; the appointment occupies [start, end)'),
  end: described(SLOT_INSTANT_SCHEMA, 'start + durationMinutes'),
  durationMinutes: requestFields.durationMinutes,
  timeZone: described(requestFields.timeZone, 'An IANA zone name in its canonical spelling (America/Los_Angeles)'),
  notes: requestFields.notes,
  cancellationReason: described(cancelFields.reason, 'The reason the cancellation gave, when it gave one'),
  reminderMinutesBefore: described(
    { ...requestFields.reminderMinutesBefore, uniqueItems: true, maxItems: MAX_REMINDERS },
    'Lead times of the reminders in minutes, distinct, largest first',
  ),
  status: { type: 'string', enum: Object.keys(STATUSES) },
  version: described({ type: 'integer', minimum: 1 }, '1 when booked, + 1 on every change'),
  createdAt: UTC_INSTANT_SCHEMA,
  updatedAt: UTC_INSTANT_SCHEMA,
};

const OPTIONAL: Record<OptionalKeys<Appointment>, true> = { notes: true, cancellationReason: true };

/** The fields every appointment has, in the order of APPOINTMENT_PROPERTIES. */
export const APPOINTMENT_REQUIRED = (Object.keys(APPOINTMENT_PROPERTIES) as (keyof Appointment)[]).filter(
  (field) => !(field in OPTIONAL),
);

/** The appointment of every example in the published documents (OpenAPI, notifications). */
export const EXAMPLE_APPOINTMENT: Appointment = {
  appointmentId: 'apt_01JEXAMPLE',
  providerId: 'dr-smith',
  customer: { customerId: 'cust_1', name: 'Ada Lovelace', email: 'ada@example.com', phone: '+14155550100' },
  start: '2026-12-02T17:00:00Z',
  end: '2026-12-02T17:45:00Z',
  durationMinutes: 45,
  timeZone: 'America/Los_Angeles',
  notes: 'first visit',
  reminderMinutesBefore: [1440, 60],
  status: 'CONFIRMED',
  version: 1,
  createdAt: '2026-12-01T12:00:00Z',
  updatedAt: '2026-12-01T12:00:00Z',
};
