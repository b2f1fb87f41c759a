import * as z from 'zod/mini';
import { attributesFor, reminderMessage } from './messages';
import { Clock, Counter, EventPublisher, Log, ReminderInput } from './ports';
import { ReminderStore } from './reminder-store';
import { TENANT_ID_PATTERN } from '../identity/caller-identity';

/** How long a reminder-sent record outlives the appointment's start before TTL removes it. */
export const REMINDER_RECORD_RETENTION_MS = 3 * 24 * 60 * 60 * 1000;

export type SkipReason = 'missing' | 'cancelled' | 'stale-start' | 'lead-time-removed' | 'started' | 'already-sent';
export type ReminderOutcome = { readonly sent: true } | { readonly sent: false; readonly reason: SkipReason };

export interface ReminderSenderDeps {
  readonly store: ReminderStore;
  readonly publisher: EventPublisher;
  readonly clock: Clock;
  readonly log: Log;
  readonly counter: Counter;
}

const reminderInputSchema = z.strictObject({
  tenantId: z.string().check(z.regex(TENANT_ID_PATTERN)),
  appointmentId: z.string().check(z.minLength(1)),
  version: z.int().check(z.positive()),
  start: z.string().check(z.minLength(1)),
  minutesBefore: z.int().check(z.positive()),
});

/** Validates what a schedule delivers; a malformed input is a bug, so it throws with the paths. */
export function parseReminderInput(event: unknown): ReminderInput {
  const parsed = reminderInputSchema.safeParse(event);
  if (!parsed.success) {
    const paths = parsed.error.issues.map((issue) => issue.path.join('.') || '(root)').join(', ');
    throw new Error(`reminder input is malformed at: ${paths}`);
  }
  return parsed.data;
}

/**
 * Sends one reminder at most once. The schedule says which start and lead time it was made for;
 * the table says what is true now: a cancelled appointment, one moved to another start, or one
 * whose lead time was removed gets nothing. The version is not compared: a change that kept the
 * start and lead time (notes, time zone) kept the schedule too (change-plan.ts), and the message
 * shows the appointment as it is now. The claim is per start and lead time, so it holds across
 * such a change.
 * The claim is written before publishing (at most once); a failed publish gives it back and
 * throws, so a retry of the invocation can still deliver it.
 */
export async function sendReminder(input: ReminderInput, deps: ReminderSenderDeps): Promise<ReminderOutcome> {
  const context = {
    tenantId: input.tenantId,
    appointmentId: input.appointmentId,
    start: input.start,
    minutesBefore: input.minutesBefore,
    scheduledAtVersion: input.version,
  };
  const skip = (reason: SkipReason): ReminderOutcome => {
    deps.counter.count('ReminderSkipped');
    deps.log.info('reminder skipped', { ...context, reason });
    return { sent: false, reason };
  };

  const appointment = await deps.store.getAppointment(input.tenantId, input.appointmentId);
  if (!appointment) return skip('missing');
  if (appointment.status !== 'CONFIRMED') return skip('cancelled');
  if (appointment.start !== input.start) return skip('stale-start');
  if (!appointment.reminderMinutesBefore.includes(input.minutesBefore)) return skip('lead-time-removed');
  const start = new Date(appointment.start);
  // A retry that outlived the appointment's start would only confuse the customer.
  if (deps.clock.now().getTime() >= start.getTime()) return skip('started');

  const expiresAt = new Date(start.getTime() + REMINDER_RECORD_RETENTION_MS);
  const claim = await deps.store.claim(input.tenantId, appointment, input.minutesBefore, expiresAt);
  if (!claim) return skip('already-sent');

  try {
    await deps.publisher.publish(
      reminderMessage(input.tenantId, appointment, input.minutesBefore),
      attributesFor('APPOINTMENT_REMINDER', input.tenantId, appointment),
    );
  } catch (error) {
    deps.log.warn('reminder publish failed; releasing the claim for the retry', { ...context, error: error as Error });
    // The publish error is the one Scheduler must see; a failed release only costs this reminder.
    await deps.store
      .release(claim)
      .catch((releaseError) =>
        deps.log.error('reminder claim not released', { ...context, error: releaseError as Error }),
      );
    throw error;
  }
  deps.counter.count('ReminderSent');
  deps.log.info('reminder sent', context);
  return { sent: true };
}
