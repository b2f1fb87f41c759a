/**
 * API Gateway's own answers, in the contract's error shape. One table for the REST API's gateway
 * responses (constructs/api/gateway-responses.ts) and for the OpenAPI document (./openapi.ts),
 * which declares them beside the functions' codes: what the gateway can answer is documented.
 */

/** One answer of API Gateway's own, in the contract's error shape. */
export interface GatewayAnswer {
  readonly status: string;
  readonly code: string;
  readonly message: string;
  /** Whether the body carries the request id (server errors: what support asks for). */
  readonly requestId?: boolean;
  /** Seconds a client should wait before retrying, as a `Retry-After` header. */
  readonly retryAfterSeconds?: number;
}

/**
 * The answers API Gateway gives itself, before any function runs, rewritten into the contract's
 * error shape. A missing or wrong API key keeps API Gateway's own `403 {"message":"Forbidden"}`,
 * which is what the contract promises. A token the authorizer refuses is 401; an authorizer that
 * fails is a server error, never a 401 that would hide an outage behind "sign in again".
 */
export const GATEWAY_ANSWERS = {
  BAD_REQUEST_BODY: {
    status: '400',
    code: 'VALIDATION_ERROR',
    message: 'The request body does not match the schema of this operation (see /openapi.json)',
  },
  BAD_REQUEST_PARAMETERS: {
    status: '400',
    code: 'VALIDATION_ERROR',
    message: 'A required request parameter is missing',
  },
  // An unknown path or method: API Gateway would say 403 "Missing Authentication Token".
  MISSING_AUTHENTICATION_TOKEN: { status: '404', code: 'NOT_FOUND', message: 'No such resource or method' },
  THROTTLED: { status: '429', code: 'THROTTLED', message: 'Too many requests; retry later' },
  QUOTA_EXCEEDED: {
    status: '429',
    code: 'QUOTA_EXCEEDED',
    message: 'The daily request quota of this API key is used up',
  },
  REQUEST_TOO_LARGE: { status: '413', code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large' },
  // No Authorization header, or a token the authorizer refused (missing, expired, forged...).
  UNAUTHORIZED: {
    status: '401',
    code: 'UNAUTHENTICATED',
    message: 'A valid ID token is required (Authorization: Bearer <token>)',
  },
  // The authorizer's policy does not cover the method (it allows the whole stage, so a bug).
  ACCESS_DENIED: { status: '403', code: 'FORBIDDEN', message: 'The caller may not use this method' },
  // The authorizer timed out, was throttled or failed (for instance the issuer's keys could not
  // be fetched): transient, so 503 with Retry-After, as the contract says of a dependency.
  AUTHORIZER_FAILURE: {
    status: '503',
    code: 'SERVICE_UNAVAILABLE',
    message: 'The caller could not be verified just now; retry later',
    requestId: true,
    retryAfterSeconds: 1,
  },
  // API Gateway could not call the authorizer at all (its permission or URI): a deployment defect.
  AUTHORIZER_CONFIGURATION_ERROR: { status: '500', code: 'INTERNAL', message: 'Internal error', requestId: true },
  DEFAULT_5XX: { status: '500', code: 'INTERNAL', message: 'Internal error', requestId: true },
} as const satisfies Record<string, GatewayAnswer>;

/** The error codes API Gateway answers with itself, before any function runs. */
export type GatewayAnswerCode = (typeof GATEWAY_ANSWERS)[keyof typeof GATEWAY_ANSWERS]['code'];
