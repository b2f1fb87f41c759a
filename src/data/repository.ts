/**
 * What the booking operations need from storage, independent of DynamoDB. Each write method is
 * one atomic change: either everything it describes is written, or nothing is.
 */
import { Appointment } from '../domain/appointment';
import { ListQuery } from '../domain/listing';
import { SlotChanges } from '../domain/slots';

/** The first answer to a request that carried an Idempotency-Key, kept 24 hours. */
export interface StoredResponse {
  readonly statusCode: number;
  /** The exact body that was sent, so a replay is byte-for-byte the same. */
  readonly body: string;
}

export interface IdempotencyClaim {
  /** Whose key this is (the API key id): two clients may pick the same key. */
  readonly scope: string;
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

export interface AppointmentRepository {
  /**
   * Books `appointment` with a lock per slot and, with a claim, records the answer under the
   * Idempotency-Key. Throws SLOT_CONFLICT when a slot is taken; returns `replay`/`reused`
   * instead of booking when the key was already used within 24 hours.
   */
  create(appointment: Appointment, claim?: IdempotencyClaim): Promise<IdempotentLookup>;
  /** Reads a stored answer for a key; used only when a keyed request fails validation. */
  findIdempotentResponse(scope: string, key: string, requestHash: string): Promise<IdempotentLookup>;
  get(appointmentId: string, options?: { consistent?: boolean }): Promise<Appointment | undefined>;
  /** Writes `next` if `current` is still stored as read, moving the locks by `slots`. */
  update(current: Appointment, next: Appointment, slots: SlotChanges): Promise<void>;
  /** Marks `current` cancelled (as `next`) and deletes all its locks. */
  cancel(current: Appointment, next: Appointment): Promise<void>;
  list(query: ListQuery): Promise<AppointmentPage>;
}
