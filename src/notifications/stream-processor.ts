import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import { ChangePlan, planForChange } from './change-plan';
import { Clock, Counter, EventPublisher, Log, ReminderScheduler } from './ports';
import { appointmentImages } from './stream-records';

export interface StreamProcessorDeps {
  readonly publisher: EventPublisher;
  readonly scheduler: ReminderScheduler;
  readonly clock: Clock;
  readonly log: Log;
  readonly counter: Counter;
}

/**
 * Applies a batch of table stream records in order. The stream is the outbox: a change is
 * committed before it is announced, and a failed announcement is retried from the stream.
 *
 * On the first failure the batch stops, and that record and every later one are reported as
 * failed: Lambda resumes a stream from the lowest failed sequence number anyway, so anything
 * processed after it would only be sent twice, and stopping keeps one appointment's records
 * in their order. Every step is safe to repeat (deterministic event ids, schedule creation that
 * treats "already exists" as done).
 */
export async function processStreamRecords(
  records: readonly DynamoDBRecord[],
  deps: StreamProcessorDeps,
): Promise<DynamoDBBatchResponse> {
  for (let index = 0; index < records.length; index++) {
    const record = records[index];
    try {
      await processRecord(record, deps);
    } catch (error) {
      const failed = records.slice(index);
      deps.counter.count('StreamRecordFailed');
      deps.log.error('stream record failed; it and the rest of the batch will be retried', {
        sequenceNumber: record.dynamodb?.SequenceNumber,
        eventName: record.eventName,
        remaining: failed.length,
        error: error as Error,
      });
      return { batchItemFailures: failed.map((r) => ({ itemIdentifier: r.dynamodb?.SequenceNumber ?? '' })) };
    }
  }
  return { batchItemFailures: [] };
}

async function processRecord(record: DynamoDBRecord, deps: StreamProcessorDeps): Promise<void> {
  const images = appointmentImages(record);
  if (!images) return; // slot locks, idempotency and reminder records announce nothing
  const plan = planForChange(images.tenantId, images.before, images.after, deps.clock.now());
  await applyPlan(plan, deps);
}

/**
 * Schedules first, then the message: if the message fails the retry finds the schedules in
 * place (ConflictException = done) and sends it then; the other way round a schedule failure
 * would re-send a message on every retry.
 */
export async function applyPlan(plan: ChangePlan, deps: StreamProcessorDeps): Promise<void> {
  for (const name of plan.deleteSchedules) {
    await deps.scheduler.delete(name);
    deps.counter.count('ScheduleDeleted');
  }
  for (const schedule of plan.createSchedules) {
    await deps.scheduler.create(schedule);
    deps.counter.count('ScheduleCreated');
  }
  for (const { message, attributes } of plan.messages) {
    await deps.publisher.publish(message, attributes);
    deps.counter.count('NotificationPublished');
    deps.log.info('notification published', {
      appointmentId: plan.appointmentId,
      eventType: message.type,
      eventId: message.eventId,
    });
  }
  if (plan.deleteSchedules.length + plan.createSchedules.length > 0) {
    deps.log.info('reminder schedules updated', {
      appointmentId: plan.appointmentId,
      deleted: plan.deleteSchedules.length,
      created: plan.createSchedules.map((s) => s.name),
    });
  }
}
