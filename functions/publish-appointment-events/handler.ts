import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { SNSClient } from '@aws-sdk/client-sns';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { EventBridgeReminderScheduler } from '../../src/notifications/eventbridge-scheduler';
import { systemClock } from '../../src/notifications/ports';
import { ENV, requiredEnvironment } from '../../src/environment';
import { createTelemetry, observeInvocation } from '../../src/observability';
import { SnsEventPublisher } from '../../src/notifications/sns-publisher';
import { processStreamRecords, StreamProcessorDeps } from '../../src/notifications/stream-processor';

/**
 * Reads the appointments table's stream (the outbox): announces confirmed, rescheduled, updated
 * and cancelled appointments on the SNS topic and keeps each appointment's reminder schedules in
 * step with its start and lead times. Answers partial batch failures (ReportBatchItemFailures).
 */
const telemetry = createTelemetry('appointment-notifications');
let deps: StreamProcessorDeps | undefined;

/** Built on first use, once per container, so a missing variable fails the invocation by name. */
function dependencies(): StreamProcessorDeps {
  if (deps) return deps;
  const { tracer, logger } = telemetry;
  const topicArn = requiredEnvironment(ENV.topicArn);
  const schedulerConfig = {
    groupName: requiredEnvironment(ENV.scheduleGroupName),
    reminderFunctionArn: requiredEnvironment(ENV.reminderFunctionArn),
    schedulerRoleArn: requiredEnvironment(ENV.schedulerRoleArn),
    deadLetterQueueArn: requiredEnvironment(ENV.scheduleDeadLetterQueueArn),
  };
  const built: StreamProcessorDeps = {
    publisher: new SnsEventPublisher(tracer.captureAWSv3Client(new SNSClient({})), topicArn),
    scheduler: new EventBridgeReminderScheduler(tracer.captureAWSv3Client(new SchedulerClient({})), schedulerConfig),
    clock: systemClock,
    log: logger,
    counter: telemetry,
  };
  deps = built;
  return built;
}

export async function handler(event: DynamoDBStreamEvent, context?: Context): Promise<DynamoDBBatchResponse> {
  if (context) telemetry.logger.addContext(context);
  return observeInvocation(telemetry, () => processStreamRecords(event.Records, dependencies()));
}
