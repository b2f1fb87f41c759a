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

/** Reminders add the lead time: one version has one reminder per `minutesBefore`. */
export const reminderEventId = (appointment: Appointment, minutesBefore: number) =>
  `${appointment.appointmentId}:${appointment.version}:APPOINTMENT_REMINDER:${minutesBefore}`;

export function attributesFor(type: NotificationType, tenantId: string, appointment: Appointment): MessageAttributes {
  return { eventType: type, tenantId, providerId: appointment.providerId };
}

/**
 * CONFIRMED / RESCHEDULED / CANCELLED. Every message also carries `localStart` because the
 * contract keeps `timeZone` precisely so notifications can show local times; a reschedule also
 * says where the appointment was (`previousStart`, `previousEnd`).
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
