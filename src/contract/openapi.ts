/**
 * The OpenAPI 3 document of the appointments API (../shared/API-CONTRACT.md). Paths, methods,
 * parameters and request bodies come from the registry (../operations), so they are the ones
 * API Gateway serves and validates with; this file adds what only a reader needs: the answers.
 * A test holds the request schemas in step with the functions' validation. Served by
 * `npm run dev` at /openapi.json and written to docs/openapi.json by `npm run docs`.
 */
import { HTTP_OPERATIONS, OPERATION_NAMES, OperationName } from '../operations';
import type { ErrorCode } from '../domain/errors';
import { APPOINTMENT_PROPERTIES, APPOINTMENT_REQUIRED, EXAMPLE_APPOINTMENT } from './appointment-schema';
import { draft04To202012 } from './json-schema-2020';
import type { GatewayAnswerCode } from './gateway-answers';
import { CUSTOMER_SCHEMA, PROVIDER_PROFILE_SCHEMA } from './request-schemas';

/** The draft-04 model as JSON Schema 2020-12, without its title (the component's name says it). */
const translated = (schema: object) => {
  const copy = draft04To202012(schema);
  delete copy.title;
  return copy;
};

const EXAMPLE_CUSTOMER = EXAMPLE_APPOINTMENT.customer;
const EXAMPLE_WEEKLY_HOURS = { MON: [{ start: '09:00', end: '17:00' }], TUE: [{ start: '09:00', end: '17:00' }] };
const EXAMPLE_PROVIDER = {
  providerId: 'dr-smith',
  name: 'Dr Smith',
  timeZone: 'America/Los_Angeles',
  weeklyHours: EXAMPLE_WEEKLY_HOURS,
  dateOverrides: [],
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 0,
  minimumNoticeMinutes: 60,
  bookingWindowDays: 60,
  version: 1,
  createdAt: '2026-12-01T12:00:00.000Z',
  updatedAt: '2026-12-01T12:00:00.000Z',
};

/** One example per request body, by its schema's title: a new body without one is a type error. */
const REQUEST_EXAMPLES: Readonly<
  Record<NonNullable<(typeof HTTP_OPERATIONS)[OperationName]['requestBody']>['title'], unknown>
> = {
  CreateAppointmentRequest: {
    providerId: 'dr-smith',
    customer: EXAMPLE_CUSTOMER,
    start: '2026-12-02T09:00:00-08:00',
    durationMinutes: 45,
    timeZone: 'America/Los_Angeles',
    notes: 'first visit',
    reminderMinutesBefore: [1440, 60],
  },
  UpdateAppointmentRequest: { start: '2026-12-02T10:00:00-08:00', notes: null },
  CancelAppointmentRequest: { reason: 'feeling better' },
  ProviderProfileRequest: { name: 'Dr Smith', timeZone: 'America/Los_Angeles', weeklyHours: EXAMPLE_WEEKLY_HOURS },
};

/** A code the document answers: the functions' (src/domain/errors.ts) and API Gateway's own (./gateway-answers.ts). */
type AnsweredCode = ErrorCode | GatewayAnswerCode;

/** The error body (../shared/API-CONTRACT.md), its `code` one of `codes`. */
const errorSchema = (codes: readonly AnsweredCode[]) => ({
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', enum: codes },
        message: { type: 'string' },
        requestId: { type: 'string' },
        details: { type: 'array', items: { $ref: '#/components/schemas/ErrorDetail' } },
      },
    },
  },
});

/** An error answer: its codes (an enum on `error.code`, so a client can switch on them) and when. */
const error = (codes: readonly [AnsweredCode, ...AnsweredCode[]], description: string) => ({
  description: description.startsWith(codes[0]) ? description : `${codes.join(', ')}: ${description}`,
  content: {
    'application/json': {
      schema: errorSchema(codes),
      example: { error: { code: codes[0], message: description, requestId: 'req-0001' } },
    },
  },
});
const etag = {
  ETag: { description: 'The version as an entity tag ("3"); send it back in If-Match', schema: { type: 'string' } },
};
const appointmentResponse = (description: string, headers?: Record<string, unknown>) => ({
  description,
  headers: { ...etag, ...headers },
  content: {
    'application/json': { schema: { $ref: '#/components/schemas/Appointment' }, example: EXAMPLE_APPOINTMENT },
  },
});
const common = {
  '401': error(['UNAUTHENTICATED'], 'no valid ID token in Authorization: Bearer'),
  '403': {
    description:
      'Missing or wrong API key: `{"message":"Forbidden"}` (API Gateway); or FORBIDDEN: the caller role may not do this',
    content: {
      'application/json': {
        schema: {
          oneOf: [
            errorSchema(['FORBIDDEN']),
            {
              type: 'object',
              description: "API Gateway's answer to a missing or wrong x-api-key",
              required: ['message'],
              additionalProperties: false,
              properties: { message: { type: 'string', const: 'Forbidden' } },
            },
          ],
        },
        example: { error: { code: 'FORBIDDEN', message: 'the caller role may not do this', requestId: 'req-0001' } },
      },
    },
  },
  '429': error(
    ['THROTTLED', 'QUOTA_EXCEEDED'],
    "THROTTLED: the API key's rate limit or the stage's is exceeded, retry later; " +
      "QUOTA_EXCEEDED: the API key's daily request quota is used up (API Gateway)",
  ),
  '500': error(['INTERNAL'], 'an unexpected failure (carries requestId)'),
  '503': error(['SERVICE_UNAVAILABLE'], 'a dependency is unavailable or throttling; see Retry-After'),
};

/** What the document says of each operation beyond the registry: its answers, and notes. */
const DOCUMENTATION: Readonly<Record<OperationName, { description?: string; responses: Record<string, unknown> }>> = {
  'create-appointment': {
    responses: {
      '201': appointmentResponse('Booked', { Location: { schema: { type: 'string' } } }),
      '400': error(['VALIDATION_ERROR'], 'the request is not valid (details name the fields)'),
      '404': error(['PROVIDER_NOT_FOUND'], 'no such provider in the caller tenant'),
      '409': error(
        ['SLOT_CONFLICT', 'DAILY_LIMIT_REACHED', 'BOOKING_LIMIT_REACHED'],
        'SLOT_CONFLICT: the padded interval overlaps the padded interval of a confirmed appointment of the provider; ' +
          'DAILY_LIMIT_REACHED: the provider has maxBookingsPerDay appointments on that local date; ' +
          'BOOKING_LIMIT_REACHED: the customer already holds maxOpenBookingsPerCustomer upcoming appointments',
      ),
      '413': error(['PAYLOAD_TOO_LARGE'], 'the body is larger than the API takes'),
      '422': error(
        ['OUTSIDE_AVAILABILITY', 'IDEMPOTENCY_KEY_REUSED'],
        'OUTSIDE_AVAILABILITY (details: one {"reason": OUTSIDE_WORKING_HOURS | MINIMUM_NOTICE | BEYOND_BOOKING_WINDOW}); ' +
          'IDEMPOTENCY_KEY_REUSED: same key, different body',
      ),
      ...common,
    },
  },
  'list-appointments': {
    description: 'Unknown or repeated query parameters answer 400. A page token is bound to the query that issued it.',
    responses: {
      '200': {
        description: 'Appointments whose start is in [from, to), by start',
        content: {
          'application/json': {
            schema: { $ref: '#/components/schemas/AppointmentPage' },
            example: { items: [EXAMPLE_APPOINTMENT], nextToken: 'eyJ...' },
          },
        },
      },
      '400': error(['VALIDATION_ERROR'], 'the request is not valid (details name the fields)'),
      ...common,
    },
  },
  'get-appointment': {
    responses: {
      '200': appointmentResponse('The appointment'),
      '404': error(['NOT_FOUND'], 'no such appointment, or one the caller may not see'),
      ...common,
    },
  },
  'update-appointment': {
    responses: {
      '200': appointmentResponse('Updated (version + 1)'),
      '400': error(['VALIDATION_ERROR'], 'the request is not valid (details name the fields)'),
      '404': error(
        ['NOT_FOUND', 'PROVIDER_NOT_FOUND'],
        'no such appointment; or a move finds no profile of its provider',
      ),
      '409': error(
        ['SLOT_CONFLICT', 'DAILY_LIMIT_REACHED', 'APPOINTMENT_CANCELLED'],
        'the new interval conflicts or the day is full (as for POST), or the appointment is cancelled',
      ),
      '412': error(['VERSION_MISMATCH'], 'If-Match does not name the current version'),
      '422': error(['OUTSIDE_AVAILABILITY'], 'details: one {"reason": ...}, as for POST'),
      ...common,
    },
  },
  'cancel-appointment': {
    responses: {
      '200': appointmentResponse(
        'Cancelled (or already cancelled, unchanged); a given reason is kept as cancellationReason',
      ),
      '400': error(['VALIDATION_ERROR'], 'the optional body {"reason": ...} is not valid'),
      '404': error(['NOT_FOUND'], 'no such appointment, or one the caller may not see'),
      '412': error(['VERSION_MISMATCH'], 'If-Match does not name the current version'),
      ...common,
    },
  },
  'put-provider': {
    description:
      'Appointments already booked stay as they are; new bookings and reschedules follow the new availability.',
    responses: {
      '200': providerResponse('Saved (version 1, then + 1 on every PUT), with the defaults filled in'),
      '400': error(['VALIDATION_ERROR'], 'naming the field, like weeklyHours.MON[1].start'),
      '412': error(['VERSION_MISMATCH'], 'If-Match does not name the current version'),
      '413': error(['PAYLOAD_TOO_LARGE'], 'the body is larger than the API takes'),
      ...common,
    },
  },
  'get-provider': {
    responses: {
      '200': providerResponse('The provider'),
      '404': error(['PROVIDER_NOT_FOUND'], 'no such provider in the caller tenant'),
      ...common,
    },
  },
  'list-free-slots': {
    description:
      'Every start s on the 15-minute UTC grid with from <= s < to such that [s, s + durationMinutes) is bookable now: booking a listed slot succeeds unless something changed in between.',
    responses: {
      '200': {
        description: 'The free slots, ascending',
        content: {
          'application/json': {
            schema: { $ref: '#/components/schemas/FreeSlots' },
            example: {
              providerId: 'dr-smith',
              timeZone: 'America/Los_Angeles',
              durationMinutes: 45,
              slots: [{ start: '2026-12-02T17:00:00.000Z', end: '2026-12-02T17:45:00.000Z' }],
            },
          },
        },
      },
      '400': error(['VALIDATION_ERROR'], 'the request is not valid (details name the fields)'),
      '404': error(['PROVIDER_NOT_FOUND'], 'no such provider in the caller tenant'),
      ...common,
    },
  },
};

function providerResponse(description: string) {
  return {
    description,
    headers: etag,
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Provider' }, example: EXAMPLE_PROVIDER } },
  };
}

/** `create-appointment` → `createAppointment`. */
const operationId = (name: OperationName) => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** Every resource path with its methods, in the registry's order. */
function openApiPaths(): Record<string, Record<string, unknown>> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const name of OPERATION_NAMES) {
    const { method, resourcePath, parameters, requestBody, description: summary } = HTTP_OPERATIONS[name];
    const { description, responses } = DOCUMENTATION[name];
    paths[resourcePath] ??= {};
    paths[resourcePath][method.toLowerCase()] = {
      operationId: operationId(name),
      summary,
      ...(description === undefined ? {} : { description }),
      parameters: parameters.map((parameter) => ({ ...parameter, schema: draft04To202012(parameter.schema) })),
      ...(requestBody === undefined
        ? {}
        : {
            requestBody: {
              // A DELETE's `{reason}` is optional: its schema accepts `{}`.
              required: 'required' in requestBody || 'minProperties' in requestBody,
              content: {
                'application/json': {
                  schema: { $ref: `#/components/schemas/${requestBody.title}` },
                  example: REQUEST_EXAMPLES[requestBody.title],
                },
              },
            },
          }),
      responses,
    };
  }
  return paths;
}

/** The request bodies' schemas by title, translated from draft-04 (API Gateway's models) to 2020-12. */
function requestSchemas(): Record<string, unknown> {
  const schemas: Record<string, unknown> = {};
  for (const name of OPERATION_NAMES) {
    const schema = HTTP_OPERATIONS[name].requestBody;
    if (schema) schemas[schema.title] = translated(schema);
  }
  return schemas;
}

export const OPENAPI_DOCUMENT = {
  openapi: '3.1.0',
  jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
  info: {
    title: 'Appointments API',
    version: '2.0.0',
    description:
      'Books appointments without ever double-booking a provider. Times are RFC 3339 instants with an explicit offset, returned in UTC; intervals are half-open [start, end).',
  },
  servers: [{ url: 'http://127.0.0.1:3000', description: 'npm run dev' }],
  // Both, on every operation: the application's key and the caller's ID token.
  security: [{ apiKey: [], bearerToken: [] }],
  paths: openApiPaths(),
  components: {
    securitySchemes: {
      apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' },
      bearerToken: {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description: 'An ID token of the user pool (deployed) or of POST /dev/tokens (npm run dev)',
      },
    },
    schemas: {
      ...requestSchemas(),
      Customer: translated(CUSTOMER_SCHEMA),
      Appointment: {
        type: 'object',
        required: APPOINTMENT_REQUIRED,
        properties: { ...APPOINTMENT_PROPERTIES, customer: { $ref: '#/components/schemas/Customer' } },
      },
      Provider: {
        type: 'object',
        required: [
          'providerId',
          ...PROVIDER_PROFILE_SCHEMA.required,
          'dateOverrides',
          'bufferBeforeMinutes',
          'bufferAfterMinutes',
          'minimumNoticeMinutes',
          'bookingWindowDays',
          'version',
          'createdAt',
          'updatedAt',
        ],
        properties: {
          providerId: { type: 'string' },
          ...(translated(PROVIDER_PROFILE_SCHEMA).properties as Record<string, unknown>),
          version: { type: 'integer', minimum: 1 },
          createdAt: { type: 'string', format: 'date-time' },
          updatedAt: { type: 'string', format: 'date-time' },
        },
      },
      FreeSlots: {
        type: 'object',
        required: ['providerId', 'timeZone', 'durationMinutes', 'slots'],
        properties: {
          providerId: { type: 'string' },
          timeZone: { type: 'string' },
          durationMinutes: { type: 'integer' },
          slots: {
            type: 'array',
            items: {
              type: 'object',
              required: ['start', 'end'],
              properties: {
                start: { type: 'string', format: 'date-time' },
                end: { type: 'string', format: 'date-time' },
              },
            },
          },
        },
      },
      AppointmentPage: {
        type: 'object',
        required: ['items'],
        properties: {
          items: { type: 'array', items: { $ref: '#/components/schemas/Appointment' } },
          nextToken: { type: 'string' },
        },
      },
      ErrorDetail: {
        oneOf: [
          {
            type: 'object',
            description: 'VALIDATION_ERROR: which field, and why',
            required: ['path', 'message'],
            properties: { path: { type: 'string' }, message: { type: 'string' } },
          },
          {
            type: 'object',
            description: 'OUTSIDE_AVAILABILITY: which availability rule refused the interval',
            required: ['reason'],
            properties: {
              reason: { type: 'string', enum: ['OUTSIDE_WORKING_HOURS', 'MINIMUM_NOTICE', 'BEYOND_BOOKING_WINDOW'] },
            },
          },
        ],
      },
    },
  },
};
