/**
 * What the booking operations need from storage, independent of DynamoDB. Each write method is
 * one atomic change: either everything it describes is written, or nothing is.
 */
import { Appointment } from '../domain/appointment';
import type { CalendarClaim, CalendarHold } from '../domain/availability/calendar';
import type { ConfirmedBooking } from '../domain/availability/free-slots';
import { ListQuery } from '../domain/listing';
import { Interval } from '../domain/slots';

/** The first answer to a request that carried an Idempotency-Key, kept 24 hours. */
export interface StoredResponse {
  readonly statusCode: number;
  /** The exact body that was sent, so a replay is byte-for-byte the same. */
  readonly body: string;
}

export interface IdempotencyClaim {
  /**
   * Whose key this is, with the repository's tenant: the caller's `sub`. Two callers may pick
   * the same key; neither ever meets the other's record.
   */
  readonly subject: string;
  readonly key: string;
  /** SHA-256 of the canonical request body: same key with another body is refused. */
  readonly requestHash: string;
  /** The answer to store if the booking commits. */
  readonly response: StoredResponse;
}

export type IdempotentLookup =
  | { readonly kind: 'none' }
  | { readonly kind: 'replay'; readonly response: StoredResponse }
  | { readonly kind: 'reused' };

/** An appointment as read from the table, with the tenant its item belongs to and what it holds. */
export interface StoredAppointment {
  readonly tenantId: string;
  readonly appointment: Appointment;
  /** Its buffers and counted local date: what a move or a cancel releases. */
  readonly hold: CalendarHold;
}

export interface AppointmentPage {
  readonly items: readonly Appointment[];
  readonly nextToken?: string;
}

/**
 * Thrown by `update`/`cancel` when the appointment changed between the read and the write
 * (its version or status no longer matches): the caller reads again and decides anew.
 */
export class ConcurrentChangeError extends Error {
  constructor(readonly appointmentId: string) {
    super(`Appointment ${appointmentId} changed while it was being written.`);
    this.name = 'ConcurrentChangeError';
  }
}

/**
 * Thrown by `create`/`update` when the provider's profile is no longer the version the booking
 * was decided against: the caller reads the profile again and decides anew.
 */
export class ProviderProfileChangedError extends Error {
  constructor(readonly providerId: string) {
    super(`The profile of provider ${providerId} changed while a booking was being written.`);
    this.name = 'ProviderProfileChangedError';
  }
}

export interface CreateOptions {
  /** Records the answer under the caller's Idempotency-Key in the same transaction. */
  readonly claim?: IdempotencyClaim;
  /**
   * Refuses the booking with BOOKING_LIMIT_REACHED when the customer already holds this many
   * CONFIRMED appointments that start after now; absent: no limit (a staff booking).
   */
  readonly openBookingLimit?: number;
}

/**
 * The appointments of ONE tenant: every key it reads or writes carries that tenant (./keys), so
 * nothing a caller asks for can reach another tenant's items.
 */
export interface AppointmentRepository {
  readonly tenantId: string;
  /**
   * Books `appointment` as `calendar` decided: a lock per slot of its padded interval, its day
   * counted (within the daily limit), on the condition that the profile is still the version
   * decided against, and, with a claim, records the answer under the Idempotency-Key. Throws
   * SLOT_CONFLICT when a slot is taken, DAILY_LIMIT_REACHED when the day is full,
   * ProviderProfileChangedError; returns `replay`/`reused` instead of booking when the key was
   * already used within 24 hours.
   */
  create(appointment: Appointment, calendar: CalendarClaim, options?: CreateOptions): Promise<IdempotentLookup>;
  /** Reads a stored answer for a key; used only when a keyed request fails validation. */
  findIdempotentResponse(subject: string, key: string, requestHash: string): Promise<IdempotentLookup>;
  /** The appointment with the tenant its stored item names (which access checks compare too). */
  get(appointmentId: string, options?: { consistent?: boolean }): Promise<StoredAppointment | undefined>;
  /**
   * Writes `next` if `current` is still stored as read. With `move` (its interval changed), the
   * locks and the day count move from what `current` holds to what `move` decided, under the
   * same conditions as a booking; without it, `next` keeps the interval and the hold.
   */
  update(current: StoredAppointment, next: Appointment, move?: CalendarClaim): Promise<void>;
  /** Marks `current` cancelled (as `next`), deletes all its locks and uncounts its day. */
  cancel(current: StoredAppointment, next: Appointment): Promise<void>;
  list(query: ListQuery): Promise<AppointmentPage>;
  /** The provider's CONFIRMED appointments starting in `window`, with their holds (the free-slot search). */
  confirmedBookings(providerId: string, window: Interval): Promise<ConfirmedBooking[]>;
}
