/**
 * The rules of booking, rescheduling and cancelling, as pure functions over values: what a
 * request may ask and what the appointment becomes. What it takes in its provider's calendar is
 * decided by ./availability/calendar; the repository then writes both, atomically.
 */
import * as z from 'zod/mini';
import { Appointment } from './appointment';
import { appointmentCancelled, validationError, versionMismatch } from './errors';
import { Interval } from './slots';
import {
  addMinutes,
  bookableStartSchema,
  cancellationReasonSchema,
  customerSchema,
  DEFAULT_REMINDER_MINUTES,
  durationSchema,
  idSchema,
  notesSchema,
  overrideAvailabilitySchema,
  parseOrThrow,
  reminderMinutesSchema,
  timeZoneSchema,
} from './validation';
import { formatUtc } from './time';

export function createAppointmentRequestSchema(now: Date) {
  return z.strictObject({
    providerId: idSchema,
    customer: customerSchema,
    start: bookableStartSchema(now),
    durationMinutes: durationSchema,
    timeZone: timeZoneSchema,
    notes: z.optional(notesSchema),
    reminderMinutesBefore: z.optional(reminderMinutesSchema),
    overrideAvailability: z.optional(overrideAvailabilitySchema),
  });
}

export type CreateAppointmentRequest = z.output<ReturnType<typeof createAppointmentRequestSchema>>;

/** `notes: null` removes the notes; every other field keeps its value when absent. */
export function updateAppointmentRequestSchema(now: Date) {
  return z
    .strictObject({
      start: z.optional(bookableStartSchema(now)),
      durationMinutes: z.optional(durationSchema),
      timeZone: z.optional(timeZoneSchema),
      notes: z.optional(z.nullable(notesSchema)),
      reminderMinutesBefore: z.optional(reminderMinutesSchema),
      overrideAvailability: z.optional(overrideAvailabilitySchema),
    })
    .check(z.refine((patch) => Object.keys(patch).length > 0, { error: 'must change at least one field' }));
}

export type UpdateAppointmentRequest = z.output<ReturnType<typeof updateAppointmentRequestSchema>>;

/** `DELETE` may say why; the body is optional, and `{}` is the same as none. */
export const cancelAppointmentRequestSchema = z.strictObject({
  reason: z.optional(cancellationReasonSchema),
});

export type CancelAppointmentRequest = z.output<typeof cancelAppointmentRequestSchema>;

export const parseCreateRequest = (body: unknown, now: Date): CreateAppointmentRequest =>
  parseOrThrow(createAppointmentRequestSchema(now), body);

export const parseUpdateRequest = (body: unknown, now: Date): UpdateAppointmentRequest =>
  parseOrThrow(updateAppointmentRequestSchema(now), body);

export const parseCancelRequest = (body: unknown): CancelAppointmentRequest =>
  parseOrThrow(cancelAppointmentRequestSchema, body);

/** An appointment's interval as UTC epoch milliseconds. */
export const intervalOf = (appointment: Pick<Appointment, 'start' | 'end'>): Interval => ({
  startMs: Date.parse(appointment.start),
  endMs: Date.parse(appointment.end),
});

export function newAppointment(request: CreateAppointmentRequest, appointmentId: string, now: Date): Appointment {
  const timestamp = formatUtc(now.getTime());
  return {
    appointmentId,
    providerId: request.providerId,
    customer: request.customer,
    start: request.start,
    end: addMinutes(request.start, request.durationMinutes),
    durationMinutes: request.durationMinutes,
    timeZone: request.timeZone,
    ...(request.notes === undefined ? {} : { notes: request.notes }),
    reminderMinutesBefore: request.reminderMinutesBefore ?? DEFAULT_REMINDER_MINUTES,
    status: 'CONFIRMED',
    version: 1,
    createdAt: timestamp,
    updatedAt: timestamp,
  };
}

/** If-Match is a precondition: it is checked before anything else about the change. */
export function checkExpectedVersion(current: Appointment, expectedVersion: number | undefined): void {
  if (expectedVersion !== undefined && expectedVersion !== current.version) {
    throw versionMismatch(expectedVersion, current.version);
  }
}

export interface Reschedule {
  readonly next: Appointment;
  /**
   * Whether the interval moved (a reschedule) rather than only notes, zone or reminders: a move
   * is decided against the provider's availability, and its locks and day count move with it.
   */
  readonly intervalChanged: boolean;
}

export function applyUpdate(
  current: Appointment,
  request: UpdateAppointmentRequest,
  expectedVersion: number | undefined,
  now: Date,
): Reschedule {
  checkExpectedVersion(current, expectedVersion);
  if (current.status === 'CANCELLED') throw appointmentCancelled(current.appointmentId);

  const start = request.start ?? current.start;
  const durationMinutes = request.durationMinutes ?? current.durationMinutes;
  const end = addMinutes(start, durationMinutes);
  const intervalChanged = start !== current.start || end !== current.end;
  if (intervalChanged && request.start === undefined && Date.parse(current.start) <= now.getTime()) {
    throw validationError([{ path: 'durationMinutes', message: 'cannot change once the appointment has started' }]);
  }

  const withoutNotes: Appointment = { ...current };
  delete (withoutNotes as { notes?: string }).notes;
  const notes = request.notes === undefined ? current.notes : (request.notes ?? undefined);
  const next: Appointment = {
    ...withoutNotes,
    start,
    end,
    durationMinutes,
    timeZone: request.timeZone ?? current.timeZone,
    ...(notes === undefined ? {} : { notes }),
    reminderMinutesBefore: request.reminderMinutesBefore ?? current.reminderMinutesBefore,
    version: current.version + 1,
    updatedAt: formatUtc(now.getTime()),
  };
  return { next, intervalChanged };
}

export type Cancellation =
  { readonly alreadyCancelled: true } | { readonly alreadyCancelled: false; next: Appointment };

/**
 * Cancelling is idempotent: an appointment that is already cancelled is answered as it is, even
 * when If-Match names an older version, because a client retrying a cancel whose answer was lost
 * would otherwise be told 412 about the very change it made.
 */
export function applyCancel(
  current: Appointment,
  request: CancelAppointmentRequest,
  expectedVersion: number | undefined,
  now: Date,
): Cancellation {
  if (current.status === 'CANCELLED') return { alreadyCancelled: true };
  checkExpectedVersion(current, expectedVersion);
  return {
    alreadyCancelled: false,
    next: {
      ...current,
      status: 'CANCELLED',
      ...(request.reason === undefined ? {} : { cancellationReason: request.reason }),
      version: current.version + 1,
      updatedAt: formatUtc(now.getTime()),
    },
  };
}
