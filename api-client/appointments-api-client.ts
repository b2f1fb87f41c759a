/**
 * The typed client of the appointments API: openapi-fetch over the types that `npm run client`
 * generates from the OpenAPI document (.gen/api-client/, never edited by hand). Every call is
 * checked against the document at compile time: a path, a parameter, a body field or an answer
 * that the document does not have is a type error in `npm run typecheck`.
 *
 * Not shipped in a Lambda bundle: it is for the end-to-end tests and for client developers.
 */
import createClient, { type Client } from 'openapi-fetch';
import type { components, operations, paths } from '../.gen/api-client/appointments-api';

export type AppointmentsApiClient = Client<paths>;
export type Appointment = components['schemas']['Appointment'];
export type Provider = components['schemas']['Provider'];
export type ProviderProfileRequest = components['schemas']['ProviderProfileRequest'];
export type CreateAppointmentRequest = components['schemas']['CreateAppointmentRequest'];

export interface AppointmentsApiClientOptions {
  /** The API's base URL: the deployed stage's invoke URL, or `npm run dev`'s `http://127.0.0.1:<port>`. */
  readonly baseUrl: string;
  /** The calling application's key, sent as `x-api-key` (missing or wrong: 403 `{"message":"Forbidden"}`). */
  readonly apiKey: string;
  /** The caller's ID token, sent as `Authorization: Bearer` (missing or invalid: 401 UNAUTHENTICATED). */
  readonly idToken: string;
}

/** A client that sends both of the document's security headers on every request. */
export function createAppointmentsApiClient(options: AppointmentsApiClientOptions): AppointmentsApiClient {
  return createClient<paths>({
    baseUrl: options.baseUrl,
    headers: { 'x-api-key': options.apiKey, authorization: `Bearer ${options.idToken}` },
  });
}

type JsonBodyOf<Answer> = Answer extends { content: { 'application/json': infer Body } } ? Body : never;
/** The `error` member of the error bodies among `Body` (all but API Gateway's `{"message":"Forbidden"}`). */
type ApiErrorIn<Body> = Body extends { error: infer ApiError } ? ApiError : never;

/**
 * The error codes the document says an operation answers with one status, for example
 * `ErrorCodeOf<'createAppointment', 409>` is `'SLOT_CONFLICT' | 'DAILY_LIMIT_REACHED' | 'BOOKING_LIMIT_REACHED'`.
 */
export type ErrorCodeOf<Operation extends keyof operations, Status extends keyof operations[Operation]['responses']> =
  ApiErrorIn<JsonBodyOf<operations[Operation]['responses'][Status]>> extends { code: infer Code } ? Code : never;

/**
 * The `error` of an error answer, `{code, message, details?, requestId?}` typed by the
 * operation's codes; undefined for the one error body without it: API Gateway's
 * `{"message":"Forbidden"}` to a missing or wrong API key.
 */
export function apiError<ErrorBody>(errorBody: ErrorBody): ApiErrorIn<ErrorBody> | undefined {
  if (typeof errorBody !== 'object' || errorBody === null || !('error' in errorBody)) return undefined;
  return (errorBody as { error: ApiErrorIn<ErrorBody> }).error;
}
