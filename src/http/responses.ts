/** Building the contract's responses: JSON everywhere, and one error body shape. */
import { APIGatewayProxyResult } from 'aws-lambda';
import { Appointment } from '../domain/appointment';
import { AppointmentError, ErrorCode } from '../domain/errors';

const JSON_HEADERS = { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' };

export function jsonResponse(
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyResult {
  return { statusCode, headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(body) };
}

/** Answers `body` verbatim: an idempotent replay must repeat the first answer byte for byte. */
export function rawJsonResponse(
  statusCode: number,
  body: string,
  headers: Record<string, string> = {},
): APIGatewayProxyResult {
  return { statusCode, headers: { ...JSON_HEADERS, ...headers }, body };
}

/** The version (of an appointment or a provider) as an entity tag, which clients can send back in If-Match. */
export const appointmentHeaders = (versioned: Pick<Appointment, 'version'>) => ({
  ETag: `"${versioned.version}"`,
});

export const locationOf = (appointmentId: string) => `/appointments/${appointmentId}`;

export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  VALIDATION_ERROR: 400,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  PROVIDER_NOT_FOUND: 404,
  SLOT_CONFLICT: 409,
  DAILY_LIMIT_REACHED: 409,
  BOOKING_LIMIT_REACHED: 409,
  APPOINTMENT_CANCELLED: 409,
  VERSION_MISMATCH: 412,
  PAYLOAD_TOO_LARGE: 413,
  IDEMPOTENCY_KEY_REUSED: 422,
  OUTSIDE_AVAILABILITY: 422,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
};

/** Seconds a client should wait after a 503; the throttling that causes one rarely lasts longer. */
export const RETRY_AFTER_SECONDS = 1;

export function errorResponse(error: AppointmentError): APIGatewayProxyResult {
  const body = {
    error: {
      code: error.code,
      message: error.message,
      ...(error.details && error.details.length > 0 ? { details: error.details } : {}),
    },
  };
  const headers: Record<string, string> =
    error.code === 'SERVICE_UNAVAILABLE' ? { 'Retry-After': String(RETRY_AFTER_SECONDS) } : {};
  return jsonResponse(STATUS_BY_CODE[error.code], body, headers);
}

/** Never a stack trace: the request id lets an operator find the details in the logs. */
export const internalErrorResponse = (requestId: string): APIGatewayProxyResult =>
  jsonResponse(500, {
    error: {
      code: 'INTERNAL',
      message: 'An unexpected error occurred. Quote the requestId when reporting it.',
      requestId,
    },
  });
