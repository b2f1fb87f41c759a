/**
 * The OpenAPI 3 document of the appointments API (../shared/API-CONTRACT.md). Request bodies
 * are the same schemas API Gateway validates with (./request-schemas); a test holds them in step
 * with the functions' validation. Served by `npm run dev` at /openapi.json and written to
 * docs/openapi.json by `npm run docs`.
 */
import { CREATE_APPOINTMENT_SCHEMA, CUSTOMER_SCHEMA, UPDATE_APPOINTMENT_SCHEMA } from './request-schemas';

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
const idParam = {
  name: 'appointmentId',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' },
};
const ifMatch = {
  name: 'If-Match',
  in: 'header',
  required: false,
  schema: { type: 'string' },
  description: 'The version the change applies to (`3`, `"3"` or `W/"3"`)',
};
const common = {
  '403': { description: 'Missing or wrong API key: `{"message":"Forbidden"}`' },
  '500': error('Unexpected failure (carries requestId)'),
  '503': error('A dependency is unavailable or throttling; see Retry-After'),
};

export const OPENAPI_DOCUMENT = {
  openapi: '3.0.3',
  info: {
    title: 'Appointments API',
    version: '1.0.0',
    description:
      'Books appointments without ever double-booking a provider. Times are RFC 3339 instants with an explicit offset, returned in UTC; intervals are half-open [start, end).',
  },
  servers: [{ url: 'http://127.0.0.1:3000', description: 'npm run dev' }],
  security: [{ apiKey: [] }],
  paths: {
    '/appointments': {
      post: {
        operationId: 'createAppointment',
        parameters: [
          {
            name: 'Idempotency-Key',
            in: 'header',
            required: false,
            schema: { type: 'string', minLength: 1, maxLength: 255 },
          },
        ],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/CreateAppointmentRequest' } } },
        },
        responses: {
          '201': appointmentResponse('Booked', { Location: { schema: { type: 'string' } } }),
          '400': error('VALIDATION_ERROR'),
          '409': error('SLOT_CONFLICT: the interval overlaps a confirmed appointment of the provider'),
          '413': error('PAYLOAD_TOO_LARGE'),
          '422': error('IDEMPOTENCY_KEY_REUSED: same key, different body'),
          ...common,
        },
      },
      get: {
        operationId: 'listAppointments',
        description:
          'Unknown or repeated query parameters answer 400. A page token is bound to the query that issued it.',
        parameters: [
          {
            name: 'providerId',
            in: 'query',
            schema: { type: 'string' },
            description: 'Exactly one of providerId and customerId',
          },
          { name: 'customerId', in: 'query', schema: { type: 'string' } },
          { name: 'from', in: 'query', schema: { type: 'string', format: 'date-time' }, description: 'Default: now' },
          {
            name: 'to',
            in: 'query',
            schema: { type: 'string', format: 'date-time' },
            description: 'Default: from + 7 days; at most 31 days after from',
          },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 50 } },
          { name: 'nextToken', in: 'query', schema: { type: 'string' } },
          { name: 'includeCancelled', in: 'query', schema: { type: 'boolean', default: false } },
        ],
        responses: {
          '200': {
            description: 'Appointments whose start is in [from, to), by start',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/AppointmentPage' } } },
          },
          '400': error('VALIDATION_ERROR'),
          ...common,
        },
      },
    },
    '/appointments/{appointmentId}': {
      get: {
        operationId: 'getAppointment',
        parameters: [idParam],
        responses: { '200': appointmentResponse('The appointment'), '404': error('NOT_FOUND'), ...common },
      },
      patch: {
        operationId: 'updateAppointment',
        parameters: [idParam, ifMatch],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/UpdateAppointmentRequest' } } },
        },
        responses: {
          '200': appointmentResponse('Updated (version + 1)'),
          '400': error('VALIDATION_ERROR'),
          '404': error('NOT_FOUND'),
          '409': error('SLOT_CONFLICT or APPOINTMENT_CANCELLED'),
          '412': error('VERSION_MISMATCH'),
          ...common,
        },
      },
      delete: {
        operationId: 'cancelAppointment',
        parameters: [idParam, ifMatch],
        responses: {
          '200': appointmentResponse('Cancelled (or already cancelled, unchanged)'),
          '404': error('NOT_FOUND'),
          '412': error('VERSION_MISMATCH'),
          ...common,
        },
      },
    },
  },
  components: {
    securitySchemes: { apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' } },
    schemas: {
      CreateAppointmentRequest: withoutDraft(CREATE_APPOINTMENT_SCHEMA),
      UpdateAppointmentRequest: withoutDraft(UPDATE_APPOINTMENT_SCHEMA),
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
          reminderMinutesBefore: { type: 'array', items: { type: 'integer' } },
          status: { type: 'string', enum: ['CONFIRMED', 'CANCELLED'] },
          version: { type: 'integer', minimum: 1 },
          createdAt: { type: 'string', format: 'date-time' },
          updatedAt: { type: 'string', format: 'date-time' },
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
                  type: 'object',
                  required: ['path', 'message'],
                  properties: { path: { type: 'string' }, message: { type: 'string' } },
                },
              },
            },
          },
        },
      },
    },
  },
} as const;
