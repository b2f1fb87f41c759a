import { Appointment } from '../domain/appointment';
import { attributesFor, ChangeEventType, changeMessage } from './messages';
import { MessageAttributes, NotificationMessage, ReminderSchedule } from './ports';
import { pendingReminderScheduleNames, reminderScheduleNames, reminderSchedulesFor } from './schedules';

export interface OutgoingMessage {
  readonly message: NotificationMessage;
  readonly attributes: MessageAttributes;
}

/** What one committed change of an appointment implies for subscribers and reminders. */
export interface ChangePlan {
  readonly appointmentId: string;
  readonly messages: readonly OutgoingMessage[];
  /** Schedules of reminders the change removed (new start, lead time dropped, cancelled). */
  readonly deleteSchedules: readonly string[];
  /** Schedules of reminders the change added; those it kept are left as they are. */
  readonly createSchedules: readonly ReminderSchedule[];
}

/**
 * Decides from the images before and after a change (either may be absent) which notification
 * to send and which reminder schedules to drop and make.
 *
 * A reminder is one (start, minutesBefore) of a confirmed appointment (its schedule name says
 * so), and the sender checks exactly that against the table when it fires. So the schedules
 * follow the set difference of the two images' reminders: a reschedule replaces them all, a
 * change of `reminderMinutesBefore` drops the removed lead times and adds the new ones, and a
 * change that keeps start and lead times (notes, time zone) touches no schedule.
 *
 * Which message: a confirmed appointment whose interval moved is RESCHEDULED; any other
 * committed change of a confirmed appointment is UPDATED. The contract names `notes`; the same
 * holds for `timeZone` (the instant does not move, only how it is shown, and a reminder renders
 * `localStart` from the zone stored when it fires) and for `reminderMinutesBefore` alone (the
 * appointment's fields changed; subscribers that mirror it need the new version). The message's
 * `changedFields` lets a subscriber that only talks to customers ignore what is not news to them.
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
  const kept = new Set(wasConfirmed && isConfirmed ? reminderScheduleNames(before) : []);
  const stillWanted = new Set(wasConfirmed && isConfirmed ? reminderScheduleNames(after) : []);
  const deleteSchedules = wasConfirmed
    ? pendingReminderScheduleNames(before, now).filter((name) => !stillWanted.has(name))
    : [];
  const createSchedules = isConfirmed
    ? reminderSchedulesFor(tenantId, after, now).filter((schedule) => !kept.has(schedule.name))
    : [];

  let type: ChangeEventType | undefined;
  if (isConfirmed && !wasConfirmed) type = 'APPOINTMENT_CONFIRMED';
  else if (wasConfirmed && after?.status === 'CANCELLED') type = 'APPOINTMENT_CANCELLED';
  else if (wasConfirmed && isConfirmed) {
    const moved = before.start !== after.start || before.end !== after.end;
    type = moved ? 'APPOINTMENT_RESCHEDULED' : 'APPOINTMENT_UPDATED';
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
