/**
 * The seams of the notifications code. Pure logic (what a change implies, how a message and a
 * schedule look) talks to these interfaces only; SNS and EventBridge Scheduler implement them in
 * AWS, a file and in-process timers implement them in the local development server (dev/local/).
 */

/** A notification: JSON with a `type` and a deterministic `eventId` for subscriber de-duplication. */
export interface NotificationMessage {
  readonly type: NotificationType;
  readonly eventId: string;
  readonly [field: string]: unknown;
}

export type NotificationType =
  | 'APPOINTMENT_CONFIRMED'
  | 'APPOINTMENT_RESCHEDULED'
  | 'APPOINTMENT_UPDATED'
  | 'APPOINTMENT_CANCELLED'
  | 'APPOINTMENT_REMINDER';

/** String message attributes, so subscribers can filter without parsing the body. */
export interface MessageAttributes {
  readonly eventType: NotificationType;
  /** The tenant the appointment belongs to: a subscriber serving one clinic filters on it. */
  readonly tenantId: string;
  readonly providerId: string;
}

export interface EventPublisher {
  publish(message: NotificationMessage, attributes: MessageAttributes): Promise<void>;
}

/** What the reminder sender receives when a schedule fires (the schedule target's `Input`). */
export interface ReminderInput {
  /** The appointment's tenant: its items are keyed by it (src/data/keys). */
  readonly tenantId: string;
  readonly appointmentId: string;
  /**
   * The version the schedule was made at, for logs and the redrive command only: a later change
   * that kept start and lead time (notes, time zone) keeps the schedule, so it is not checked.
   */
  readonly version: number;
  /** The appointment's start (UTC) when the schedule was made; a different start means stale. */
  readonly start: string;
  readonly minutesBefore: number;
}

/** One one-time reminder schedule. */
export interface ReminderSchedule {
  /** Unique per appointment, start and lead time; at most 64 chars of `[0-9A-Za-z-_.]`. */
  readonly name: string;
  /** When the reminder is due (start - minutesBefore), a whole UTC minute. */
  readonly dueAt: Date;
  readonly input: ReminderInput;
}

export interface ReminderScheduler {
  /** Creates the schedule; one that already exists (a retried batch) counts as created. */
  create(schedule: ReminderSchedule): Promise<void>;
  /** Deletes the schedule by name; one that is already gone counts as deleted. */
  delete(name: string): Promise<void>;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** The few logging calls the notifications code makes; Powertools' Logger satisfies it. */
export interface Log {
  debug(message: string, ...extra: Record<string, unknown>[]): void;
  info(message: string, ...extra: Record<string, unknown>[]): void;
  warn(message: string, ...extra: Record<string, unknown>[]): void;
  error(message: string, ...extra: Record<string, unknown>[]): void;
}

/** Counts for CloudWatch metrics; Powertools' Metrics backs it in Lambda, nothing locally. */
export interface Counter {
  count(metric: NotificationMetric, value?: number): void;
}

export type NotificationMetric =
  | 'NotificationPublished'
  | 'ReminderSent'
  | 'ReminderSkipped'
  | 'ScheduleCreated'
  | 'ScheduleDeleted'
  | 'StreamRecordFailed';

export const silentLog: Log = { debug() {}, info() {}, warn() {}, error() {} };
export const noCounter: Counter = { count() {} };
