import { Appointment } from '../domain/appointment';
import { formatWallClockTime } from './wall-clock-time';
import { MessageAttributes, NotificationMessage, NotificationType } from './ports';

export type ChangeEventType = Exclude<NotificationType, 'APPOINTMENT_REMINDER'>;

/**
 * The same change always gets the same id (`<appointmentId>:<version>:<type>`), so a subscriber
 * can drop a redelivery of a retried stream batch.
 */
export const changeEventId = (appointment: Appointment, type: ChangeEventType) =>
  `${appointment.appointmentId}:${appointment.version}:${type}`;

/**
 * A reminder is one start and lead time (`<appointmentId>:<start>:APPOINTMENT_REMINDER:<m>`), not
 * one version: a retry that runs after a notes-only change must carry the same id.
 */
export const reminderEventId = (appointment: Appointment, minutesBefore: number) =>
  `${appointment.appointmentId}:${appointment.start}:APPOINTMENT_REMINDER:${minutesBefore}`;

/** Bookkeeping that changes with every write, so never news on its own. */
const BOOKKEEPING_FIELDS = new Set(['version', 'updatedAt']);

/** The appointment fields whose value differs between two versions, sorted. */
export function changedFields(previous: Appointment, current: Appointment): string[] {
  const fields = new Set([...Object.keys(previous), ...Object.keys(current)]);
  const value = (appointment: Appointment, field: string) =>
    JSON.stringify((appointment as unknown as Record<string, unknown>)[field]);
  return [...fields]
    .filter((field) => !BOOKKEEPING_FIELDS.has(field) && value(previous, field) !== value(current, field))
    .sort();
}

export function attributesFor(type: NotificationType, tenantId: string, appointment: Appointment): MessageAttributes {
  return { eventType: type, tenantId, providerId: appointment.providerId };
}

/**
 * CONFIRMED / RESCHEDULED / UPDATED / CANCELLED. Every message also carries `localStart` because
 * the contract keeps `timeZone` precisely so notifications can show local times; a reschedule
 * also says where the appointment was (`previousStart`, `previousEnd`), an update which fields
 * changed (`changedFields`, e.g. `["notes"]`). A cancellation carries `cancellationReason` when
 * one was given, as every appointment field is spread in.
 */
export function changeMessage(
  type: ChangeEventType,
  tenantId: string,
  appointment: Appointment,
  previous?: Appointment,
): NotificationMessage {
  return {
    type,
    eventId: changeEventId(appointment, type),
    tenantId,
    ...appointment,
    localStart: formatWallClockTime(new Date(appointment.start), appointment.timeZone),
    ...(previous && type === 'APPOINTMENT_RESCHEDULED'
      ? { previousStart: previous.start, previousEnd: previous.end }
      : {}),
    ...(previous && type === 'APPOINTMENT_UPDATED' ? { changedFields: changedFields(previous, appointment) } : {}),
  };
}

export function reminderMessage(
  tenantId: string,
  appointment: Appointment,
  minutesBefore: number,
): NotificationMessage {
  return {
    type: 'APPOINTMENT_REMINDER',
    eventId: reminderEventId(appointment, minutesBefore),
    tenantId,
    minutesBefore,
    localStart: formatWallClockTime(new Date(appointment.start), appointment.timeZone),
    ...appointment,
  };
}
