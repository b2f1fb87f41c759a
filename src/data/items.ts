/**
 * The stored form of appointments and slot locks. The notification functions read these items
 * from the table's stream, so this format is a contract too: an appointment item is the API's
 * appointment plus its keys, a lock item is its key plus the id of the appointment holding it.
 */
// zod/mini: the classic build adds ~450 KB to a function bundle; these schemas need none of it.
import * as z from 'zod/mini';
import { Appointment, SLOT_MINUTES } from '../domain/appointment';
import type { CalendarHold } from '../domain/availability/calendar';
import { TENANT_ID_PATTERN } from '../identity/caller-identity';
import { appointmentKey, customerIndexKey, ITEM_SK, providerIndexKey, slotLockKey, startIndexKey } from './keys';

export interface AppointmentItem extends Appointment, CalendarHold {
  /** The tenant the appointment belongs to: in its keys, and as an attribute for the stream's readers. */
  readonly tenantId: string;
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

/**
 * The item of `appointment` with what it holds in its provider's calendar (buffers, counted local
 * date): stored beside the contract's fields, never part of an answer or a notification.
 */
export function toAppointmentItem(tenantId: string, appointment: Appointment, hold: CalendarHold): AppointmentItem {
  return {
    ...appointment,
    bufferBeforeMinutes: hold.bufferBeforeMinutes,
    bufferAfterMinutes: hold.bufferAfterMinutes,
    localDate: hold.localDate,
    tenantId,
    ...appointmentKey(tenantId, appointment.appointmentId),
    providerKey: providerIndexKey(tenantId, appointment.providerId, appointment.status),
    customerKey: customerIndexKey(tenantId, appointment.customer.customerId, appointment.status),
    startKey: startIndexKey(appointment.start, appointment.appointmentId),
  };
}

const customerSchema = z.object({
  customerId: z.string(),
  name: z.string(),
  email: z.optional(z.string()),
  phone: z.optional(z.string()),
});

const appointmentSchema = z.object({
  appointmentId: z.string().check(z.minLength(1)),
  providerId: z.string().check(z.minLength(1)),
  customer: customerSchema,
  start: z.string(),
  end: z.string(),
  durationMinutes: z.int(),
  timeZone: z.string(),
  notes: z.optional(z.string()),
  cancellationReason: z.optional(z.string()),
  reminderMinutesBefore: z.array(z.int().check(z.positive())),
  status: z.enum(['CONFIRMED', 'CANCELLED']),
  version: z.int().check(z.positive()),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** Whether the item is an appointment (not a slot lock, idempotency or reminder record). */
export function isAppointmentItem(item: Record<string, unknown> | undefined): boolean {
  return item !== undefined && item.sk === ITEM_SK.appointment;
}

/**
 * Reads an appointment out of a stored item (a GetItem or Query answer, a stream image). Only
 * the contract's fields are kept, in the contract's order, so the storage keys (pk, sk,
 * providerKey, customerKey, startKey) never leak into an answer or a notification. Throws with
 * the failing paths when the item does not hold a well-formed appointment.
 */
export function appointmentFromItem(item: Record<string, unknown>): Appointment {
  const parsed = appointmentSchema.safeParse(item);
  if (!parsed.success) {
    const paths = parsed.error.issues.map((issue) => issue.path.join('.') || '(root)').join(', ');
    throw new Error(`stored appointment item ${String(item.pk)} is malformed at: ${paths}`);
  }
  // z.object drops every key it does not declare: that is the whitelist.
  return parsed.data as Appointment;
}

const holdSchema = z.object({
  bufferBeforeMinutes: z.int().check(z.nonnegative()),
  bufferAfterMinutes: z.int().check(z.nonnegative()),
  localDate: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)),
});

/** What a stored appointment holds in its provider's calendar; throws with the failing paths when malformed. */
export function holdOfItem(item: Record<string, unknown>): CalendarHold {
  const parsed = holdSchema.safeParse(item);
  if (!parsed.success) {
    const paths = parsed.error.issues.map((issue) => issue.path.join('.')).join(', ');
    throw new Error(`stored appointment item ${String(item.pk)} holds no valid calendar hold at: ${paths}`);
  }
  return parsed.data;
}

/** The tenant of a stored appointment item (a stream image names it only as this attribute). */
export function tenantOfItem(item: Record<string, unknown>): string {
  const { tenantId } = item;
  if (typeof tenantId === 'string' && TENANT_ID_PATTERN.test(tenantId)) return tenantId;
  throw new Error(`stored appointment item ${String(item.pk)} has no valid tenantId`);
}

export const slotLockItem = (
  tenantId: string,
  providerId: string,
  slotStartUtc: string,
  appointmentId: string,
): SlotLockItem => ({
  ...slotLockKey(tenantId, providerId, slotStartUtc),
  appointmentId,
  expiresAt: Math.floor(Date.parse(slotStartUtc) / 1000) + SLOT_MINUTES * 60 + LOCK_RETENTION_SECONDS,
});
