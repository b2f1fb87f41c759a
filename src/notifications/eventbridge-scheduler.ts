import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
} from '@aws-sdk/client-scheduler';
import { ReminderSchedule, ReminderScheduler } from './ports';
import { atExpression } from './schedules';

export interface SchedulerTargetConfig {
  /** Schedule group holding every reminder schedule (IAM scopes the publisher's rights to it). */
  readonly groupName: string;
  /** The reminder-sending function that the schedules invoke. */
  readonly reminderFunctionArn: string;
  /** The role Scheduler assumes to invoke it; the creator needs iam:PassRole on it. */
  readonly schedulerRoleArn: string;
  /** SQS queue that receives reminders Scheduler could not deliver. */
  readonly deadLetterQueueArn: string;
}

/**
 * Delivery retries: a reminder is worth sending only close to its due time, so Scheduler gives
 * up after 15 minutes and sends the event to the dead-letter queue instead.
 */
export const REMINDER_RETRY_POLICY = { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 900 } as const;

/** One-time EventBridge Scheduler schedules that delete themselves after firing. */
export class EventBridgeReminderScheduler implements ReminderScheduler {
  constructor(
    private readonly client: SchedulerClient,
    private readonly config: SchedulerTargetConfig,
  ) {}

  async create(schedule: ReminderSchedule): Promise<void> {
    try {
      await this.client.send(
        new CreateScheduleCommand({
          Name: schedule.name,
          GroupName: this.config.groupName,
          ScheduleExpression: atExpression(schedule.dueAt),
          ScheduleExpressionTimezone: 'UTC',
          FlexibleTimeWindow: { Mode: 'OFF' },
          ActionAfterCompletion: 'DELETE',
          Description: `Reminder ${schedule.input.minutesBefore} min before appointment ${schedule.input.appointmentId} at ${schedule.input.start}`,
          Target: {
            Arn: this.config.reminderFunctionArn,
            RoleArn: this.config.schedulerRoleArn,
            Input: JSON.stringify(schedule.input),
            RetryPolicy: REMINDER_RETRY_POLICY,
            DeadLetterConfig: { Arn: this.config.deadLetterQueueArn },
          },
        }),
      );
    } catch (error) {
      // The same name means the same appointment, start and lead time: a retried batch.
      if (error instanceof ConflictException) return;
      throw error;
    }
  }

  async delete(name: string): Promise<void> {
    try {
      await this.client.send(new DeleteScheduleCommand({ Name: name, GroupName: this.config.groupName }));
    } catch (error) {
      // Already fired and deleted itself, never made (due too soon), or deleted by a retry.
      if (error instanceof ResourceNotFoundException) return;
      throw error;
    }
  }
}
