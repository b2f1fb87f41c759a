/**
 * The failures the appointments API can answer, as typed values. The HTTP adapter maps each code
 * to its status (src/http/responses.ts); nothing below knows about HTTP.
 */
export type ErrorCode =
  | 'VALIDATION_ERROR'
  | 'NOT_FOUND'
  | 'PROVIDER_NOT_FOUND'
  | 'FORBIDDEN'
  | 'OUTSIDE_AVAILABILITY'
  | 'SLOT_CONFLICT'
  | 'DAILY_LIMIT_REACHED'
  | 'BOOKING_LIMIT_REACHED'
  | 'APPOINTMENT_CANCELLED'
  | 'VERSION_MISMATCH'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'PAYLOAD_TOO_LARGE'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL';

/** One failed validation rule; `path` is dotted (`customer.email`, `reminderMinutesBefore.1`). */
export interface ValidationDetail {
  readonly path: string;
  readonly message: string;
}

/** Why an interval is not bookable under the provider's availability (`422 OUTSIDE_AVAILABILITY`). */
export type UnavailableReason = 'OUTSIDE_WORKING_HOURS' | 'MINIMUM_NOTICE' | 'BEYOND_BOOKING_WINDOW';

/** The one detail of `OUTSIDE_AVAILABILITY`: which rule refused the interval. */
export interface AvailabilityDetail {
  readonly reason: UnavailableReason;
}

export type ErrorDetail = ValidationDetail | AvailabilityDetail;

export class AppointmentError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: readonly ErrorDetail[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AppointmentError';
  }
}

export const validationError = (details: readonly ValidationDetail[]) =>
  new AppointmentError('VALIDATION_ERROR', 'The request is not valid.', details);

export const notFound = (appointmentId: string) =>
  new AppointmentError('NOT_FOUND', `Appointment ${appointmentId} does not exist.`);

/** The caller's role may not do this to a collection or a provider (an appointment it may not see is NOT_FOUND). */
export const forbidden = (message: string) => new AppointmentError('FORBIDDEN', message);

export const slotConflict = () =>
  new AppointmentError(
    'SLOT_CONFLICT',
    'The requested interval overlaps another confirmed appointment of this provider.',
  );

const UNAVAILABLE_MESSAGES: Record<UnavailableReason, string> = {
  OUTSIDE_WORKING_HOURS: "The requested interval is outside the provider's working hours.",
  MINIMUM_NOTICE: 'The requested start is too soon: the provider needs more notice.',
  BEYOND_BOOKING_WINDOW: "The requested start is beyond the provider's booking window.",
};

/** Rules 1-3 of the contract's "When an interval is bookable": the interval breaks `reason`. */
export const outsideAvailability = (reason: UnavailableReason) =>
  new AppointmentError('OUTSIDE_AVAILABILITY', UNAVAILABLE_MESSAGES[reason], [{ reason }]);

/** Rule 5: the provider already has `limit` CONFIRMED appointments starting on `localDate`. */
export const dailyLimitReached = (limit: number, localDate: string) =>
  new AppointmentError(
    'DAILY_LIMIT_REACHED',
    `The provider already has ${limit} appointments on ${localDate}, the most it takes in one day.`,
  );

/** The customer already holds `limit` future CONFIRMED appointments (contract: maxOpenBookingsPerCustomer). */
export const bookingLimitReached = (limit: number) =>
  new AppointmentError(
    'BOOKING_LIMIT_REACHED',
    `This customer already holds ${limit} upcoming appointments, the most a customer can book.`,
  );

export const appointmentCancelled = (appointmentId: string) =>
  new AppointmentError('APPOINTMENT_CANCELLED', `Appointment ${appointmentId} is cancelled and cannot change.`);

export const versionMismatch = (expected: number, current: number, what = 'the appointment') =>
  new AppointmentError('VERSION_MISMATCH', `If-Match names version ${expected} but ${what} is at version ${current}.`);

/** No profile of this provider in the caller's tenant (`PUT /providers/{providerId}` makes one). */
export const providerNotFound = (providerId: string) =>
  new AppointmentError('PROVIDER_NOT_FOUND', `Provider ${providerId} does not exist.`);

export const idempotencyKeyReused = () =>
  new AppointmentError(
    'IDEMPOTENCY_KEY_REUSED',
    'This Idempotency-Key was already used with a different request body.',
  );

/** A dependency (DynamoDB, SSM) throttled or failed after the SDK's own retries; safe to retry later. */
export const serviceUnavailable = (cause?: unknown) =>
  new AppointmentError('SERVICE_UNAVAILABLE', 'The service is busy; retry shortly.', undefined, { cause });
