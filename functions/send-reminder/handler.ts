import { SNSClient } from '@aws-sdk/client-sns';
import type { Context } from 'aws-lambda';
import { createDocumentClient, createDynamoDbClient } from '../../src/data/client';
import { ENV, requiredEnvironment } from '../../src/environment';
import { systemClock } from '../../src/notifications/ports';
import { createTelemetry, observeInvocation } from '../../src/observability';
import {
  parseReminderInput,
  ReminderOutcome,
  ReminderSenderDeps,
  sendReminder,
} from '../../src/notifications/reminder-sender';
import { DynamoDbReminderStore } from '../../src/notifications/reminder-store';
import { SnsEventPublisher } from '../../src/notifications/sns-publisher';

/**
 * Invoked by an EventBridge Scheduler one-time schedule with `{tenantId, appointmentId, version,
 * start, minutesBefore}`. Publishes APPOINTMENT_REMINDER at most once per start and lead time,
 * and only while the appointment is confirmed at that start with that lead time. Scheduler invokes Lambda asynchronously, so a thrown error is
 * retried by Lambda's asynchronous invocation retries (then the function's dead-letter queue);
 * Scheduler's own retry policy covers invocations that Lambda refused (throttling).
 */
const telemetry = createTelemetry('appointment-reminders');
let deps: ReminderSenderDeps | undefined;

/** Built on first use, once per container, so a missing variable fails the invocation by name. */
function dependencies(): ReminderSenderDeps {
  if (deps) return deps;
  const { tracer, logger } = telemetry;
  const tableName = requiredEnvironment(ENV.tableName);
  const topicArn = requiredEnvironment(ENV.topicArn);
  const built: ReminderSenderDeps = {
    // The booking functions' clients: the same retries with backoff and request timeouts.
    store: new DynamoDbReminderStore(
      createDocumentClient(tracer.captureAWSv3Client(createDynamoDbClient())),
      tableName,
    ),
    publisher: new SnsEventPublisher(tracer.captureAWSv3Client(new SNSClient({})), topicArn),
    clock: systemClock,
    log: logger,
    counter: telemetry,
  };
  deps = built;
  return built;
}

export async function handler(event: unknown, context?: Context): Promise<ReminderOutcome> {
  if (context) telemetry.logger.addContext(context);
  return observeInvocation(telemetry, () => sendReminder(parseReminderInput(event), dependencies()));
}
