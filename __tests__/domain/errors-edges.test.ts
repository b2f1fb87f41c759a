/** The exact failures the API answers with: code, sentence and what each carries along. */
import {
  AppointmentError,
  appointmentCancelled,
  idempotencyKeyReused,
  notFound,
  serviceUnavailable,
  slotConflict,
  validationError,
  versionMismatch,
} from '../../src/domain/errors';

describe('appointment errors', () => {
  // Each error is made inside its test, so that coverage per test sees the factory run.
  it.each<[string, () => AppointmentError, string, string]>([
    ['notFound', () => notFound('a-1'), 'NOT_FOUND', 'Appointment a-1 does not exist.'],
    [
      'slotConflict',
      () => slotConflict(),
      'SLOT_CONFLICT',
      'The requested interval overlaps another confirmed appointment of this provider.',
    ],
    [
      'appointmentCancelled',
      () => appointmentCancelled('a-2'),
      'APPOINTMENT_CANCELLED',
      'Appointment a-2 is cancelled and cannot change.',
    ],
    [
      'versionMismatch',
      () => versionMismatch(3, 5),
      'VERSION_MISMATCH',
      'If-Match names version 3 but the appointment is at version 5.',
    ],
    [
      'idempotencyKeyReused',
      () => idempotencyKeyReused(),
      'IDEMPOTENCY_KEY_REUSED',
      'This Idempotency-Key was already used with a different request body.',
    ],
    ['serviceUnavailable', () => serviceUnavailable(), 'SERVICE_UNAVAILABLE', 'The service is busy; retry shortly.'],
  ])('%s answers with its code, its own sentence and no details', (_factory, make, code, message) => {
    const error = make();
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('AppointmentError');
    expect({ code: error.code, message: error.message, details: error.details }).toEqual({
      code,
      message,
      details: undefined,
    });
  });

  it('keeps every validation detail, in order, under one sentence', () => {
    // Prepare
    const details = [
      { path: 'start', message: 'must be in the future' },
      { path: 'customer.email', message: 'must be a valid email address' },
    ];
    // Act
    const error = validationError(details);
    // Assess
    expect({ code: error.code, message: error.message, details: error.details }).toEqual({
      code: 'VALIDATION_ERROR',
      message: 'The request is not valid.',
      details,
    });
  });

  it('keeps the failure of the dependency as the cause of SERVICE_UNAVAILABLE', () => {
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    expect(serviceUnavailable(throttled).cause).toBe(throttled);
  });
});
