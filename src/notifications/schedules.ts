import { createHash } from 'node:crypto';
import { Appointment } from '../domain/appointment';
import { ReminderSchedule } from './ports';

/**
 * A reminder due sooner than this is not scheduled: Scheduler refuses `at()` times in the past,
 * and one due within the minute would fire late anyway.
 */
export const MIN_SCHEDULE_LEAD_MS = 60_000;

const NAME_PATTERN = /^[0-9A-Za-z_.-]{1,64}$/;
const SAFE_ID = /^[0-9A-Za-z_.-]+$/;
/** A start as the contract stores it: UTC, whole minute (bookings are on 15-minute boundaries). */
const WHOLE_MINUTE_UTC = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):00Z$/;

/**
 * `rem-<appointmentId>-<yyyymmddThhmm>Z-m<minutesBefore>`: one reminder is one appointment, one
 * start and one lead time, not one version, so a change that keeps the start (notes, time zone)
 * keeps its schedules, and a reschedule names new ones. Deterministic, so a retried stream
 * batch meets ConflictException on create and ResourceNotFound on delete. A UUID id gives 62
 * characters; an id or start that would break Scheduler's rules (64 chars of `[0-9A-Za-z_.-]`)
 * is replaced by a hash of both. Appointment ids are service-assigned UUIDs, unique across
 * tenants, so the tenant (carried in the input) need not be in the name.
 */
export function reminderScheduleName(appointmentId: string, start: string, minutesBefore: number): string {
  const minute = WHOLE_MINUTE_UTC.exec(start);
  if (minute && SAFE_ID.test(appointmentId)) {
    const [, year, month, day, hour, minutes] = minute;
    const readable = `rem-${appointmentId}-${year}${month}${day}T${hour}${minutes}Z-m${minutesBefore}`;
    if (NAME_PATTERN.test(readable)) return readable;
  }
  // A newline cannot occur in either part, so distinct (id, start) pairs hash distinct inputs.
  const hash = createHash('sha256').update(`${appointmentId}\n${start}`).digest('hex').slice(0, 40);
  return `rem-${hash}-m${minutesBefore}`;
}

/** Scheduler's one-time expression, `at(yyyy-mm-ddThh:mm:ss)`, read in the UTC time zone. */
export function atExpression(dueAt: Date): string {
  return `at(${dueAt.toISOString().slice(0, 19)})`;
}

/** Every reminder of this appointment that can still fire: due at least a minute after `now`. */
export function reminderSchedulesFor(tenantId: string, appointment: Appointment, now: Date): ReminderSchedule[] {
  const start = Date.parse(appointment.start);
  return [...new Set(appointment.reminderMinutesBefore)]
    .map((minutesBefore) => ({ minutesBefore, dueAt: new Date(start - minutesBefore * 60_000) }))
    .filter(({ dueAt }) => dueAt.getTime() - now.getTime() >= MIN_SCHEDULE_LEAD_MS)
    .map(({ minutesBefore, dueAt }) => ({
      name: reminderScheduleName(appointment.appointmentId, appointment.start, minutesBefore),
      dueAt,
      input: {
        tenantId,
        appointmentId: appointment.appointmentId,
        version: appointment.version,
        start: appointment.start,
        minutesBefore,
      },
    }));
}

/** Names of every reminder of this appointment, fired or not: its identity, whatever is due. */
export function reminderScheduleNames(appointment: Appointment): string[] {
  return [...new Set(appointment.reminderMinutesBefore)].map((minutesBefore) =>
    reminderScheduleName(appointment.appointmentId, appointment.start, minutesBefore),
  );
}

/**
 * Names of this appointment's schedules that may still be waiting: those due after `now`.
 * One that has already fired deleted itself (ActionAfterCompletion DELETE); one never made
 * (due too soon) answers ResourceNotFound, which counts as deleted.
 */
export function pendingReminderScheduleNames(appointment: Appointment, now: Date): string[] {
  const start = Date.parse(appointment.start);
  return [...new Set(appointment.reminderMinutesBefore)]
    .filter((minutesBefore) => start - minutesBefore * 60_000 > now.getTime())
    .map((minutesBefore) => reminderScheduleName(appointment.appointmentId, appointment.start, minutesBefore));
}
