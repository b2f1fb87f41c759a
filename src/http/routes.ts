/**
 * The API's routes: one Lambda function per operation. API Gateway (the api construct) and the
 * local development server are both built from this table, so they serve the same contract.
 * No AWS imports: the infrastructure code reads this file too.
 */
export type OperationName =
  'create-appointment' | 'get-appointment' | 'list-appointments' | 'update-appointment' | 'cancel-appointment';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface Route {
  readonly method: HttpMethod;
  /** API Gateway resource path; `{name}` is a path parameter. */
  readonly resourcePath: '/appointments' | '/appointments/{appointmentId}';
  /** The function under `functions/<operation>/handler.ts` that serves it. */
  readonly operation: OperationName;
  /** Whether the method takes a JSON body (validated by a request model in API Gateway). */
  readonly hasBody: boolean;
}

export const ROUTES: readonly Route[] = [
  { method: 'POST', resourcePath: '/appointments', operation: 'create-appointment', hasBody: true },
  { method: 'GET', resourcePath: '/appointments', operation: 'list-appointments', hasBody: false },
  { method: 'GET', resourcePath: '/appointments/{appointmentId}', operation: 'get-appointment', hasBody: false },
  { method: 'PATCH', resourcePath: '/appointments/{appointmentId}', operation: 'update-appointment', hasBody: true },
  { method: 'DELETE', resourcePath: '/appointments/{appointmentId}', operation: 'cancel-appointment', hasBody: false },
];

/** Largest request body accepted, in bytes; larger ones are refused before parsing. */
export const MAX_BODY_BYTES = 16 * 1024;
