/**
 * The appointment as the API contract defines it (../shared/API-CONTRACT.md). Times are UTC
 * RFC 3339 strings with a `Z` suffix and no fractional seconds.
 */
export type AppointmentStatus = 'CONFIRMED' | 'CANCELLED';

export interface Customer {
  readonly customerId: string;
  readonly name: string;
  readonly email?: string;
  readonly phone?: string;
}

export interface Appointment {
  readonly appointmentId: string;
  readonly providerId: string;
  readonly customer: Customer;
  readonly start: string;
  readonly end: string;
  readonly durationMinutes: number;
  readonly timeZone: string;
  readonly notes?: string;
  /** Set when a cancellation gave a reason (`DELETE` body `{"reason": ...}`). */
  readonly cancellationReason?: string;
  readonly reminderMinutesBefore: readonly number[];
  readonly status: AppointmentStatus;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Length of one lock slot: every appointment covers whole 15-minute slots. */
export const SLOT_MINUTES = 15;
