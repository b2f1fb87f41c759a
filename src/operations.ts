/**
 * The registry of the service's functions: every function's name, handler module, description
 * and environment, and for those behind the API their method, resource path, parameters and
 * request body schema. API Gateway's resources, methods, models and validators, the local
 * router, the OpenAPI document and each function's environment are derived from this one table.
 * No AWS imports: the constructs read it too.
 */
import {
  CANCEL_APPOINTMENT_SCHEMA,
  CREATE_APPOINTMENT_SCHEMA,
  PROVIDER_PROFILE_SCHEMA,
  UPDATE_APPOINTMENT_SCHEMA,
} from './contract/request-schemas';
import { ENV, EnvironmentVariable } from './environment';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
/**
 * API Gateway resource path; `{name}` is a path parameter. Every parent of an operation's path is
 * one too (`/providers` has no method of its own, but it is the resource its children hang from).
 */
export type ResourcePath =
  | '/appointments'
  | '/appointments/{appointmentId}'
  | '/providers'
  | '/providers/{providerId}'
  | '/providers/{providerId}/slots';

/** A request parameter, as an OpenAPI 3 parameter object. */
export interface OperationParameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header';
  /** Path parameters are always required. @default false */
  readonly required?: boolean;
  readonly schema: Readonly<Record<string, unknown>>;
  readonly description?: string;
}

/** A draft-04 JSON Schema of a request body (./contract/request-schemas). */
export type RequestBodySchema =
  | typeof CREATE_APPOINTMENT_SCHEMA
  | typeof UPDATE_APPOINTMENT_SCHEMA
  | typeof CANCEL_APPOINTMENT_SCHEMA
  | typeof PROVIDER_PROFILE_SCHEMA;

export interface FunctionFacts {
  /** What the function does; its Lambda description. */
  readonly description: string;
  /** Variables the function reads beyond those every function gets (POWERTOOLS_*). */
  readonly environment: readonly EnvironmentVariable[];
}

export interface HttpOperation extends FunctionFacts {
  readonly method: HttpMethod;
  readonly resourcePath: ResourcePath;
  /** Path, query and header parameters, in the order the OpenAPI document lists them. */
  readonly parameters: readonly OperationParameter[];
  /** The JSON body's schema; absent when the method takes no body. A schema that accepts `{}` makes it optional. */
  readonly requestBody?: RequestBodySchema;
}

const appointmentId: OperationParameter = {
  name: 'appointmentId',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' },
};
const ifMatch: OperationParameter = {
  name: 'If-Match',
  in: 'header',
  required: false,
  schema: { type: 'string' },
  description: 'The version the change applies to (`3`, `"3"` or `W/"3"`)',
};
const idempotencyKey: OperationParameter = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  schema: { type: 'string', minLength: 1, maxLength: 255 },
};
const listQuery: readonly OperationParameter[] = [
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
];

const providerId: OperationParameter = {
  name: 'providerId',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' },
};
const slotQuery: readonly OperationParameter[] = [
  { name: 'from', in: 'query', schema: { type: 'string', format: 'date-time' }, description: 'Default: now' },
  {
    name: 'to',
    in: 'query',
    schema: { type: 'string', format: 'date-time' },
    description: 'Default: from + 7 days; at most 31 days after from',
  },
  {
    name: 'durationMinutes',
    in: 'query',
    required: true,
    schema: { type: 'integer', minimum: 15, maximum: 480, multipleOf: 15 },
  },
];

const httpOperations = {
  'create-appointment': {
    method: 'POST',
    resourcePath: '/appointments',
    parameters: [idempotencyKey],
    requestBody: CREATE_APPOINTMENT_SCHEMA,
    description: 'Books an appointment without double-booking its provider',
    environment: [ENV.tableName, ENV.maxOpenBookingsPerCustomer],
  },
  'list-appointments': {
    method: 'GET',
    resourcePath: '/appointments',
    parameters: listQuery,
    description: 'Lists appointments of a provider or a customer in a time window',
    environment: [ENV.tableName, ENV.pageTokenSecretParameter],
  },
  'get-appointment': {
    method: 'GET',
    resourcePath: '/appointments/{appointmentId}',
    parameters: [appointmentId],
    description: 'Reads one appointment',
    environment: [ENV.tableName],
  },
  'update-appointment': {
    method: 'PATCH',
    resourcePath: '/appointments/{appointmentId}',
    parameters: [appointmentId, ifMatch],
    requestBody: UPDATE_APPOINTMENT_SCHEMA,
    description: 'Reschedules or edits an appointment',
    environment: [ENV.tableName],
  },
  'cancel-appointment': {
    method: 'DELETE',
    resourcePath: '/appointments/{appointmentId}',
    parameters: [appointmentId, ifMatch],
    requestBody: CANCEL_APPOINTMENT_SCHEMA,
    description: 'Cancels an appointment and frees its slots',
    environment: [ENV.tableName],
  },
  'put-provider': {
    method: 'PUT',
    resourcePath: '/providers/{providerId}',
    parameters: [providerId, ifMatch],
    requestBody: PROVIDER_PROFILE_SCHEMA,
    description: "Creates or replaces a provider's profile and availability",
    environment: [ENV.tableName],
  },
  'get-provider': {
    method: 'GET',
    resourcePath: '/providers/{providerId}',
    parameters: [providerId],
    description: "Reads a provider's profile and availability",
    environment: [ENV.tableName],
  },
  'list-free-slots': {
    method: 'GET',
    resourcePath: '/providers/{providerId}/slots',
    parameters: [providerId, ...slotQuery],
    description: 'Lists the starts at which a provider can be booked for a duration',
    environment: [ENV.tableName],
  },
} as const satisfies Readonly<Record<string, HttpOperation>>;

const eventFunctions = {
  'publish-appointment-events': {
    description: 'Relays committed appointment changes to SNS and EventBridge Scheduler',
    environment: [
      ENV.topicArn,
      ENV.scheduleGroupName,
      ENV.reminderFunctionArn,
      ENV.schedulerRoleArn,
      ENV.scheduleDeadLetterQueueArn,
    ],
  },
  'send-reminder': {
    description: 'Publishes a due appointment reminder, at most once',
    environment: [ENV.tableName, ENV.topicArn],
  },
} as const satisfies Readonly<Record<string, FunctionFacts>>;

/**
 * Functions API Gateway calls before every method, not HTTP operations: the REQUEST authorizer
 * that verifies the caller's ID token against the user pool (issuer) and its app client (audience).
 */
const authorizerFunctions = {
  'authorize-request': {
    description: "Verifies the caller's ID token before every method and hands its identity to the handlers",
    environment: [ENV.tokenIssuer, ENV.tokenAudience],
  },
} as const satisfies Readonly<Record<string, FunctionFacts>>;

/** An operation of the API (and its function's folder under `functions/`). */
export type OperationName = keyof typeof httpOperations;
/** A function that no HTTP request reaches. */
export type EventFunctionName = keyof typeof eventFunctions;
/** A function API Gateway calls to authorize a request. */
export type AuthorizerFunctionName = keyof typeof authorizerFunctions;
/** Any function of the service: its folder under `functions/`. */
export type FunctionName = OperationName | EventFunctionName | AuthorizerFunctionName;

/** The API's operations, one function each, in the order API Gateway and OpenAPI list them. */
export const HTTP_OPERATIONS: Readonly<Record<OperationName, HttpOperation>> = httpOperations;
/** The functions that no HTTP request reaches: the stream's outbox relay and the reminder sender. */
export const EVENT_FUNCTIONS: Readonly<Record<EventFunctionName, FunctionFacts>> = eventFunctions;
/** The functions API Gateway calls before every method: the token-verifying authorizer. */
export const AUTHORIZER_FUNCTIONS: Readonly<Record<AuthorizerFunctionName, FunctionFacts>> = authorizerFunctions;

export const OPERATION_NAMES = Object.keys(httpOperations) as readonly OperationName[];
export const FUNCTION_NAMES: readonly FunctionName[] = [
  ...OPERATION_NAMES,
  ...(Object.keys(eventFunctions) as EventFunctionName[]),
  ...(Object.keys(authorizerFunctions) as AuthorizerFunctionName[]),
];

/** Every function's facts, HTTP or not. */
export const FUNCTIONS: Readonly<Record<FunctionName, FunctionFacts>> = {
  ...HTTP_OPERATIONS,
  ...EVENT_FUNCTIONS,
  ...AUTHORIZER_FUNCTIONS,
};

/** The handler module of a function, relative to the repository root; it exports `handler`. */
export const handlerModule = (name: FunctionName) => `functions/${name}/handler.ts`;

/**
 * The environment a function needs, picked from `values` by the registry's list for it, in
 * that order. Throws, naming the variable, when `values` lacks one the function reads.
 */
export function functionEnvironment(
  name: FunctionName,
  values: Partial<Record<EnvironmentVariable, string>>,
): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const variable of FUNCTIONS[name].environment) {
    const value = values[variable];
    if (value === undefined) throw new Error(`Function ${name} reads ${variable}, but no value was given for it`);
    environment[variable] = value;
  }
  return environment;
}
