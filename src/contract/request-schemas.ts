/**
 * JSON Schemas (draft-04 subset, which API Gateway models accept) of the request bodies. They
 * are the structural half of validation, enforced by API Gateway before a function runs and
 * published in the OpenAPI document; the functions' zod schemas enforce every rule, including
 * the ones JSON Schema cannot say (time zones, 15-minute boundaries, "in the future").
 * A test holds the two in step: any body the functions accept, these accept too.
 */

const id = { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' };

export const CUSTOMER_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['customerId', 'name'],
  properties: {
    customerId: id,
    name: { type: 'string', minLength: 1 },
    email: { type: 'string', minLength: 3, maxLength: 254 },
    phone: { type: 'string', pattern: '^[+][1-9][0-9]{1,14}$' }, // no backslash: it survives HCL rendering
  },
} as const;

const appointmentFields = {
  start: { type: 'string', minLength: 20, maxLength: 40 },
  durationMinutes: { type: 'integer', minimum: 15, maximum: 480, multipleOf: 15 },
  timeZone: { type: 'string', minLength: 1, maxLength: 64 },
  notes: { type: 'string', maxLength: 1000 },
  // "At most 3 distinct values": duplicates collapse, so only the functions can count them.
  reminderMinutesBefore: {
    type: 'array',
    items: { type: 'integer', minimum: 1, maximum: 10080 },
  },
  overrideAvailability: { type: 'boolean' },
} as const;

export const CREATE_APPOINTMENT_SCHEMA = {
  $schema: 'http://json-schema.org/draft-04/schema#',
  title: 'CreateAppointmentRequest',
  type: 'object',
  additionalProperties: false,
  required: ['providerId', 'customer', 'start', 'durationMinutes', 'timeZone'],
  properties: { providerId: id, customer: CUSTOMER_SCHEMA, ...appointmentFields },
} as const;

export const UPDATE_APPOINTMENT_SCHEMA = {
  $schema: 'http://json-schema.org/draft-04/schema#',
  title: 'UpdateAppointmentRequest',
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  // `"notes": null` removes the notes.
  properties: { ...appointmentFields, notes: { type: ['string', 'null'], maxLength: 1000 } },
} as const;

/** No field is required: an empty body (which API Gateway validates as `{}`) cancels without a reason. */
export const CANCEL_APPOINTMENT_SCHEMA = {
  $schema: 'http://json-schema.org/draft-04/schema#',
  title: 'CancelAppointmentRequest',
  type: 'object',
  additionalProperties: false,
  properties: { reason: { type: 'string', maxLength: 500 } },
} as const;

// Only the shape: 15-minute boundaries, start < end, sorted intervals and unique dates are the functions' to check.
const timeOfDay = { type: 'string', pattern: '^([01][0-9]|2[0-4]):[0-5][0-9]$' };
const workingIntervals = {
  type: 'array',
  maxItems: 8,
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['start', 'end'],
    properties: { start: timeOfDay, end: timeOfDay },
  },
} as const;
const minutes = (maximum: number, multipleOf?: number) =>
  ({ type: 'integer', minimum: 0, maximum, ...(multipleOf ? { multipleOf } : {}) }) as const;

export const PROVIDER_PROFILE_SCHEMA = {
  $schema: 'http://json-schema.org/draft-04/schema#',
  title: 'ProviderProfileRequest',
  type: 'object',
  additionalProperties: false,
  required: ['name', 'timeZone', 'weeklyHours'],
  properties: {
    name: { type: 'string', minLength: 1 },
    timeZone: { type: 'string', minLength: 1, maxLength: 64 },
    weeklyHours: {
      type: 'object',
      additionalProperties: false,
      properties: {
        MON: workingIntervals,
        TUE: workingIntervals,
        WED: workingIntervals,
        THU: workingIntervals,
        FRI: workingIntervals,
        SAT: workingIntervals,
        SUN: workingIntervals,
      },
    },
    dateOverrides: {
      type: 'array',
      maxItems: 200,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['date', 'intervals'],
        properties: { date: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' }, intervals: workingIntervals },
      },
    },
    bufferBeforeMinutes: minutes(120, 15),
    bufferAfterMinutes: minutes(120, 15),
    minimumNoticeMinutes: minutes(43200),
    bookingWindowDays: { type: 'integer', minimum: 1, maximum: 365 },
    maxBookingsPerDay: { type: 'integer', minimum: 1, maximum: 200 },
  },
} as const;
