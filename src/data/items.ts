/**
 * The stored form of appointments and slot locks. The notification functions read these items
 * from the table's stream, so this format is a contract too: an appointment item is the API's
 * appointment plus its keys, a lock item is its key plus the id of the appointment holding it.
 */
import { Appointment, SLOT_MINUTES } from '../domain/appointment';
import { appointmentKey, customerIndexKey, providerIndexKey, slotLockKey, startIndexKey } from './keys';

export interface AppointmentItem extends Appointment {
  readonly pk: string;
  readonly sk: string;
  readonly providerKey: string;
  readonly customerKey: string;
  readonly startKey: string;
}

export interface SlotLockItem {
  readonly pk: string;
  readonly sk: string;
  readonly appointmentId: string;
  /** Epoch seconds: TTL removes the lock a while after its slot has passed. */
  readonly expiresAt: number;
}

/**
 * A past slot can never be booked again (a start must be in the future), so its lock only costs
 * storage: TTL deletes it this long after the slot ends. The appointment item itself is kept.
 */
export const LOCK_RETENTION_SECONDS = 30 * 24 * 3600;

export function toAppointmentItem(appointment: Appointment): AppointmentItem {
  return {
    ...appointment,
    ...appointmentKey(appointment.appointmentId),
    providerKey: providerIndexKey(appointment.providerId, appointment.status),
    customerKey: customerIndexKey(appointment.customer.customerId, appointment.status),
    startKey: startIndexKey(appointment.start, appointment.appointmentId),
  };
}

/** Drops the storage keys, and builds the object in the contract's field order. */
export function fromAppointmentItem(item: Record<string, unknown>): Appointment {
  const stored = item as unknown as AppointmentItem;
  return {
    appointmentId: stored.appointmentId,
    providerId: stored.providerId,
    customer: stored.customer,
    start: stored.start,
    end: stored.end,
    durationMinutes: stored.durationMinutes,
    timeZone: stored.timeZone,
    ...(stored.notes === undefined ? {} : { notes: stored.notes }),
    reminderMinutesBefore: stored.reminderMinutesBefore,
    status: stored.status,
    version: stored.version,
    createdAt: stored.createdAt,
    updatedAt: stored.updatedAt,
  };
}

export const slotLockItem = (providerId: string, slotStartUtc: string, appointmentId: string): SlotLockItem => ({
  ...slotLockKey(providerId, slotStartUtc),
  appointmentId,
  expiresAt: Math.floor(Date.parse(slotStartUtc) / 1000) + SLOT_MINUTES * 60 + LOCK_RETENTION_SECONDS,
});
