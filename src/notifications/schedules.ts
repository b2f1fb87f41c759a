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

/**
 * `rem-<appointmentId>-v<version>-m<minutesBefore>`: readable in the console and unique per
 * appointment, version and lead time, which makes creation idempotent (a retry meets
 * ConflictException). An id that would break Scheduler's name rules is replaced by a hash.
 */
export function reminderScheduleName(appointmentId: string, version: number, minutesBefore: number): string {
  const readable = `rem-${appointmentId}-v${version}-m${minutesBefore}`;
  if (SAFE_ID.test(appointmentId) && NAME_PATTERN.test(readable)) return readable;
  const hash = createHash('sha256').update(appointmentId).digest('hex').slice(0, 32);
  return `rem-${hash}-v${version}-m${minutesBefore}`;
}

/** Scheduler's one-time expression, `at(yyyy-mm-ddThh:mm:ss)`, read in the UTC time zone. */
export function atExpression(dueAt: Date): string {
  return `at(${dueAt.toISOString().slice(0, 19)})`;
}

/** Every reminder of this version that can still fire: due at least a minute after `now`. */
export function reminderSchedulesFor(tenantId: string, appointment: Appointment, now: Date): ReminderSchedule[] {
  const start = Date.parse(appointment.start);
  return [...new Set(appointment.reminderMinutesBefore)]
    .map((minutesBefore) => ({ minutesBefore, dueAt: new Date(start - minutesBefore * 60_000) }))
    .filter(({ dueAt }) => dueAt.getTime() - now.getTime() >= MIN_SCHEDULE_LEAD_MS)
    .map(({ minutesBefore, dueAt }) => ({
      name: reminderScheduleName(appointment.appointmentId, appointment.version, minutesBefore),
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

/**
 * Names of the schedules of this version that may still be waiting: those due after `now`.
 * One that has already fired deleted itself (ActionAfterCompletion DELETE); one never made
 * (due too soon) answers ResourceNotFound, which counts as deleted.
 */
export function pendingReminderScheduleNames(appointment: Appointment, now: Date): string[] {
  const start = Date.parse(appointment.start);
  return [...new Set(appointment.reminderMinutesBefore)]
    .filter((minutesBefore) => start - minutesBefore * 60_000 > now.getTime())
    .map((minutesBefore) => reminderScheduleName(appointment.appointmentId, appointment.version, minutesBefore));
}
