/**
 * The OpenAPI 3 document of the appointments API (../shared/API-CONTRACT.md). Paths, methods,
 * parameters and request bodies come from the registry (../operations), so they are the ones
 * API Gateway serves and validates with; this file adds what only a reader needs: the answers.
 * A test holds the request schemas in step with the functions' validation. Served by
 * `npm run dev` at /openapi.json and written to docs/openapi.json by `npm run docs`.
 */
import { HTTP_OPERATIONS, OPERATION_NAMES, OperationName } from '../operations';
import { CUSTOMER_SCHEMA, PROVIDER_PROFILE_SCHEMA } from './request-schemas';

const withoutDraft = <T extends { $schema?: string; title?: string }>(schema: T) => {
  const copy: Record<string, unknown> = { ...schema };
  delete copy.$schema;
  delete copy.title;
  return copy;
};

const error = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});
const etag = {
  ETag: { description: 'The version as an entity tag ("3"); send it back in If-Match', schema: { type: 'string' } },
};
const appointmentResponse = (description: string, headers?: Record<string, unknown>) => ({
  description,
  headers: { ...etag, ...headers },
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Appointment' } } },
});
const common = {
  '401': error('UNAUTHENTICATED: no valid ID token in Authorization: Bearer'),
  '403': {
    description:
      'Missing or wrong API key: `{"message":"Forbidden"}` (API Gateway); or FORBIDDEN: the caller role may not do this',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  },
  '500': error('Unexpected failure (carries requestId)'),
  '503': error('A dependency is unavailable or throttling; see Retry-After'),
};

/** What the document says of each operation beyond the registry: its answers, and notes. */
const DOCUMENTATION: Readonly<Record<OperationName, { description?: string; responses: Record<string, unknown> }>> = {
  'create-appointment': {
    responses: {
      '201': appointmentResponse('Booked', { Location: { schema: { type: 'string' } } }),
      '400': error('VALIDATION_ERROR'),
      '404': error('PROVIDER_NOT_FOUND: no such provider in the caller tenant'),
      '409': error(
        'SLOT_CONFLICT: the padded interval overlaps the padded interval of a confirmed appointment of the provider; ' +
          'DAILY_LIMIT_REACHED: the provider has maxBookingsPerDay appointments on that local date; ' +
          'BOOKING_LIMIT_REACHED: the customer already holds maxOpenBookingsPerCustomer upcoming appointments',
      ),
      '413': error('PAYLOAD_TOO_LARGE'),
      '422': error(
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
        content: { 'application/json': { schema: { $ref: '#/components/schemas/AppointmentPage' } } },
      },
      '400': error('VALIDATION_ERROR'),
      ...common,
    },
  },
  'get-appointment': {
    responses: {
      '200': appointmentResponse('The appointment'),
      '404': error('NOT_FOUND: no such appointment, or one the caller may not see'),
      ...common,
    },
  },
  'update-appointment': {
    responses: {
      '200': appointmentResponse('Updated (version + 1)'),
      '400': error('VALIDATION_ERROR'),
      '404': error('NOT_FOUND; PROVIDER_NOT_FOUND when a move finds no profile of its provider'),
      '409': error('SLOT_CONFLICT, DAILY_LIMIT_REACHED or APPOINTMENT_CANCELLED'),
      '412': error('VERSION_MISMATCH'),
      '422': error('OUTSIDE_AVAILABILITY (details: one {"reason": ...}, as for POST)'),
      ...common,
    },
  },
  'cancel-appointment': {
    responses: {
      '200': appointmentResponse(
        'Cancelled (or already cancelled, unchanged); a given reason is kept as cancellationReason',
      ),
      '400': error('VALIDATION_ERROR: the optional body {"reason": ...}'),
      '404': error('NOT_FOUND'),
      '412': error('VERSION_MISMATCH'),
      ...common,
    },
  },
  'put-provider': {
    description:
      'Appointments already booked stay as they are; new bookings and reschedules follow the new availability.',
    responses: {
      '200': providerResponse('Saved (version 1, then + 1 on every PUT), with the defaults filled in'),
      '400': error('VALIDATION_ERROR naming the field, like weeklyHours.MON[1].start'),
      '412': error('VERSION_MISMATCH'),
      '413': error('PAYLOAD_TOO_LARGE'),
      ...common,
    },
  },
  'get-provider': {
    responses: {
      '200': providerResponse('The provider'),
      '404': error('PROVIDER_NOT_FOUND'),
      ...common,
    },
  },
  'list-free-slots': {
    description:
      'Every start s on the 15-minute UTC grid with from <= s < to such that [s, s + durationMinutes) is bookable now: booking a listed slot succeeds unless something changed in between.',
    responses: {
      '200': {
        description: 'The free slots, ascending',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/FreeSlots' } } },
      },
      '400': error('VALIDATION_ERROR'),
      '404': error('PROVIDER_NOT_FOUND'),
      ...common,
    },
  },
};

function providerResponse(description: string) {
  return {
    description,
    headers: etag,
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Provider' } } },
  };
}

/** `create-appointment` → `createAppointment`. */
const operationId = (name: OperationName) => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** Every resource path with its methods, in the registry's order. */
function openApiPaths(): Record<string, Record<string, unknown>> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const name of OPERATION_NAMES) {
    const { method, resourcePath, parameters, requestBody } = HTTP_OPERATIONS[name];
    const { description, responses } = DOCUMENTATION[name];
    paths[resourcePath] ??= {};
    paths[resourcePath][method.toLowerCase()] = {
      operationId: operationId(name),
      ...(description === undefined ? {} : { description }),
      parameters,
      ...(requestBody === undefined
        ? {}
        : {
            requestBody: {
              // A DELETE's `{reason}` is optional: its schema accepts `{}`.
              required: 'required' in requestBody || 'minProperties' in requestBody,
              content: { 'application/json': { schema: { $ref: `#/components/schemas/${requestBody.title}` } } },
            },
          }),
      responses,
    };
  }
  return paths;
}

/** The request bodies' schemas by title, without the draft marker OpenAPI does not take. */
function requestSchemas(): Record<string, unknown> {
  const schemas: Record<string, unknown> = {};
  for (const name of OPERATION_NAMES) {
    const schema = HTTP_OPERATIONS[name].requestBody;
    if (schema) schemas[schema.title] = withoutDraft(schema);
  }
  return schemas;
}

export const OPENAPI_DOCUMENT = {
  openapi: '3.0.3',
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
      Customer: CUSTOMER_SCHEMA,
      Appointment: {
        type: 'object',
        required: [
          'appointmentId',
          'providerId',
          'customer',
          'start',
          'end',
          'durationMinutes',
          'timeZone',
          'reminderMinutesBefore',
          'status',
          'version',
          'createdAt',
          'updatedAt',
        ],
        properties: {
          appointmentId: { type: 'string' },
          providerId: { type: 'string' },
          customer: { $ref: '#/components/schemas/Customer' },
          start: { type: 'string', format: 'date-time' },
          end: { type: 'string', format: 'date-time' },
          durationMinutes: { type: 'integer' },
          timeZone: { type: 'string' },
          notes: { type: 'string' },
          cancellationReason: { type: 'string' },
          reminderMinutesBefore: { type: 'array', items: { type: 'integer' } },
          status: { type: 'string', enum: ['CONFIRMED', 'CANCELLED'] },
          version: { type: 'integer', minimum: 1 },
          createdAt: { type: 'string', format: 'date-time' },
          updatedAt: { type: 'string', format: 'date-time' },
        },
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
          ...PROVIDER_PROFILE_SCHEMA.properties,
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
      Error: {
        type: 'object',
        required: ['error'],
        properties: {
          error: {
            type: 'object',
            required: ['code', 'message'],
            properties: {
              code: { type: 'string', pattern: '^[A-Z_]+$' },
              message: { type: 'string' },
              requestId: { type: 'string' },
              details: {
                type: 'array',
                items: {
                  oneOf: [
                    {
                      type: 'object',
                      required: ['path', 'message'],
                      properties: { path: { type: 'string' }, message: { type: 'string' } },
                    },
                    {
                      type: 'object',
                      required: ['reason'],
                      properties: {
                        reason: {
                          type: 'string',
                          enum: ['OUTSIDE_WORKING_HOURS', 'MINIMUM_NOTICE', 'BEYOND_BOOKING_WINDOW'],
                        },
                      },
                    },
                  ],
                },
              },
            },
          },
        },
      },
    },
  },
} as const;
