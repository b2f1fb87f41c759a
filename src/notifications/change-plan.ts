import { Appointment } from '../domain/appointment';
import { attributesFor, ChangeEventType, changeMessage } from './messages';
import { MessageAttributes, NotificationMessage, ReminderSchedule } from './ports';
import { pendingReminderScheduleNames, reminderSchedulesFor } from './schedules';

export interface OutgoingMessage {
  readonly message: NotificationMessage;
  readonly attributes: MessageAttributes;
}

/** What one committed change of an appointment implies for subscribers and reminders. */
export interface ChangePlan {
  readonly appointmentId: string;
  readonly messages: readonly OutgoingMessage[];
  /** Schedules of the previous version, deleted before the new ones are made. */
  readonly deleteSchedules: readonly string[];
  readonly createSchedules: readonly ReminderSchedule[];
}

/**
 * Decides from the images before and after a change (either may be absent) which notification
 * to send and which reminder schedules to drop and make. Schedules are tied to a version
 * because the sender ignores any schedule whose version is not the current one; so every new
 * version of a confirmed appointment gets fresh schedules, even when only `notes` changed.
 */
export function planForChange(
  tenantId: string,
  before: Appointment | undefined,
  after: Appointment | undefined,
  now: Date,
): ChangePlan {
  const appointmentId = (after ?? before)?.appointmentId ?? '';
  const none: ChangePlan = { appointmentId, messages: [], deleteSchedules: [], createSchedules: [] };
  // A rewrite that did not bump the version is not a change of the appointment.
  if (before && after && before.version === after.version) return none;

  const wasConfirmed = before?.status === 'CONFIRMED';
  const isConfirmed = after?.status === 'CONFIRMED';
  const deleteSchedules = wasConfirmed ? pendingReminderScheduleNames(before, now) : [];
  const createSchedules = isConfirmed ? reminderSchedulesFor(tenantId, after, now) : [];

  let type: ChangeEventType | undefined;
  if (isConfirmed && !wasConfirmed) type = 'APPOINTMENT_CONFIRMED';
  else if (wasConfirmed && after?.status === 'CANCELLED') type = 'APPOINTMENT_CANCELLED';
  else if (wasConfirmed && isConfirmed && (before.start !== after.start || before.end !== after.end)) {
    type = 'APPOINTMENT_RESCHEDULED';
  }
  // A removed item (no `after`) only loses its schedules: the API never deletes appointments.
  const subject = after ?? before;
  const messages =
    type && subject
      ? [
          {
            message: changeMessage(type, tenantId, subject, before),
            attributes: attributesFor(type, tenantId, subject),
          },
        ]
      : [];
  return { appointmentId, messages, deleteSchedules, createSchedules };
}
