// zod/mini: the classic build adds ~450 KB to a function bundle; these schemas need none of it.
import * as z from 'zod/mini';
import { Appointment } from '../domain/appointment';
import { ITEM_SK } from '../data/keys';

/**
 * Reads an appointment out of a stored item (a stream image or a GetItem answer). Only the
 * contract's fields are kept, so internal attributes (pk, sk, providerKey, customerKey,
 * startKey...) can never leak into a notification.
 */
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

/** Throws with the failing paths when the item does not hold a well-formed appointment. */
export function appointmentFromItem(item: Record<string, unknown>): Appointment {
  const parsed = appointmentSchema.safeParse(item);
  if (!parsed.success) {
    const paths = parsed.error.issues.map((issue) => issue.path.join('.') || '(root)').join(', ');
    throw new Error(`stored appointment item ${String(item.pk)} is malformed at: ${paths}`);
  }
  // z.object drops every key it does not declare: that is the whitelist.
  return parsed.data as Appointment;
}
