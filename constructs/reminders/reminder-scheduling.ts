import { Construct } from 'constructs';
import { LambdaFunctionEventInvokeConfig } from '@cdktf/provider-aws/lib/lambda-function-event-invoke-config';
import { SchedulerScheduleGroup } from '@cdktf/provider-aws/lib/scheduler-schedule-group';
import { DeploymentContext } from '../context';
import { ServiceFunction } from '../functions/service-function';
import { ServiceRole } from '../iam/role-policy';
import { EncryptedQueue } from '../messaging/encrypted-queue';
import { EncryptedTopic } from '../notifications/encrypted-topic';
import { EncryptionKey } from '../security/encryption-key';
import { AppointmentsTable } from '../storage/appointments-table';

export interface ReminderSchedulingProps {
  readonly table: AppointmentsTable;
  readonly topic: EncryptedTopic;
  readonly logsKey: EncryptionKey;
  readonly messagingKey: EncryptionKey;
}

/**
 * Reminders through EventBridge Scheduler: one one-time schedule per reminder, in this stack's
 * schedule group, invoking the reminder sender with the role Scheduler assumes. Schedules that
 * still fail after Scheduler's retries land in an encrypted dead-letter queue.
 */
export class ReminderScheduling extends Construct {
  readonly scheduleGroup: SchedulerScheduleGroup;
  readonly schedulerRole: ServiceRole;
  readonly deadLetters: EncryptedQueue;
  readonly sender: ServiceFunction;
  private readonly ctx: DeploymentContext;

  constructor(scope: Construct, id: string, ctx: DeploymentContext, props: ReminderSchedulingProps) {
    super(scope, id);
    this.ctx = ctx;
    const groupName = ctx.name('reminders');
    this.scheduleGroup = new SchedulerScheduleGroup(this, 'ScheduleGroup', { name: groupName });
    this.deadLetters = new EncryptedQueue(this, 'ScheduleDeadLetters', {
      queueName: ctx.name('reminder-dead-letters'),
      key: props.messagingKey,
      region: ctx.region,
    });

    this.sender = new ServiceFunction(this, 'SendReminder', ctx, {
      source: 'send-reminder',
      description: 'Publishes a due appointment reminder, at most once',
      logsKey: props.logsKey,
      // Scheduler invokes asynchronously: invocations that fail after Lambda's own retries.
      deadLetterQueue: this.deadLetters,
      environment: { TABLE_NAME: props.table.tableName, TOPIC_ARN: props.topic.arn },
    });
    // Scheduler invokes asynchronously, so a failed publish is retried by Lambda, not Scheduler:
    // two retries within the hour, then the dead-letter queue.
    new LambdaFunctionEventInvokeConfig(this, 'SendReminderRetries', {
      functionName: this.sender.function.functionName,
      maximumRetryAttempts: 2,
      maximumEventAgeInSeconds: 3600,
    });
    props.table.grantReminderRecords(this.sender.role);
    props.topic.grantPublish(this.sender.role);

    this.schedulerRole = new ServiceRole(this, 'SchedulerRole', {
      roleName: ctx.name('reminder-scheduler'),
      description: 'Assumed by EventBridge Scheduler to invoke the reminder sender',
      assumedBy: 'scheduler.amazonaws.com',
      accountId: ctx.accountId,
      sourceArnLike: this.scheduleGroup.arn,
    });
    this.schedulerRole.addStatements({
      sid: 'InvokeReminderSender',
      actions: ['lambda:InvokeFunction'],
      resources: [this.sender.arn],
    });
    this.deadLetters.grantSend(this.schedulerRole, 'SendUndeliveredReminders');
  }

  /** ARN pattern of the reminder schedules (named `rem-...`, src/notifications/schedules.ts) in this group. */
  get scheduleArnPattern(): string {
    return `arn:aws:scheduler:${this.ctx.region}:${this.ctx.accountId}:schedule/${this.scheduleGroup.name}/rem-*`;
  }

  /**
   * Lets a role create and delete schedules in this group and pass the Scheduler role to
   * Scheduler (and to nothing else).
   */
  grantScheduleManagement(role: ServiceRole): void {
    role.addStatements(
      {
        sid: 'ManageReminderSchedules',
        actions: ['scheduler:CreateSchedule', 'scheduler:DeleteSchedule'],
        resources: [this.scheduleArnPattern],
      },
      {
        sid: 'PassSchedulerRoleToScheduler',
        actions: ['iam:PassRole'],
        resources: [this.schedulerRole.arn],
        condition: [{ test: 'StringEquals', variable: 'iam:PassedToService', values: ['scheduler.amazonaws.com'] }],
      },
    );
  }

  /** Environment variables of a function that creates schedules. */
  get schedulingEnvironment(): Record<string, string> {
    return {
      SCHEDULE_GROUP_NAME: this.scheduleGroup.name,
      SCHEDULER_ROLE_ARN: this.schedulerRole.arn,
      REMINDER_FUNCTION_ARN: this.sender.arn,
      SCHEDULE_DLQ_ARN: this.deadLetters.arn,
    };
  }
}
