import { Construct } from 'constructs';
import { LambdaFunctionEventInvokeConfig } from '@cdktf/provider-aws/lib/lambda-function-event-invoke-config';
import { SchedulerScheduleGroup } from '@cdktf/provider-aws/lib/scheduler-schedule-group';
import { ServiceNaming } from '../../config/naming';
import { ENV, EnvironmentVariable } from '../../src/environment';
import { FunctionCodeSigning } from '../functions/code-signing';
import { ServiceFunction } from '../functions/service-function';
import { ServiceRole } from '../iam/role-policy';
import { EncryptedQueue } from '../messaging/encrypted-queue';
import { EncryptedTopic } from '../notifications/encrypted-topic';
import { EncryptionKey } from '../security/encryption-key';
import { regionalArn } from '../stack-environment';
import { AppointmentsTable } from '../storage/appointments-table';

export interface ReminderSchedulingProps {
  /** Names the schedule group, the sender, the Scheduler role and the dead-letter queue. */
  readonly naming: ServiceNaming;
  /** The table holding appointments and reminder-sent records. */
  readonly table: AppointmentsTable;
  /** Where reminders are published. */
  readonly topic: EncryptedTopic;
  /** Key of the sender's log group. */
  readonly logsKey: EncryptionKey;
  /** Key of the functions' environment variables. */
  readonly environmentKey: EncryptionKey;
  /** Signs the functions' code; they deploy the signed copies. */
  readonly codeSigning: FunctionCodeSigning;
  /** Key of the dead-letter queue. */
  readonly messagingKey: EncryptionKey;
  /** Retention of the sender's log group, in days. */
  readonly logRetentionDays: number;
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

  constructor(scope: Construct, id: string, props: ReminderSchedulingProps) {
    super(scope, id);
    const { naming } = props;
    this.scheduleGroup = new SchedulerScheduleGroup(this, 'ScheduleGroup', { name: naming.name('reminders') });
    this.deadLetters = new EncryptedQueue(this, 'ScheduleDeadLetters', {
      queueName: naming.name('reminder-dead-letters'),
      key: props.messagingKey,
    });

    this.sender = new ServiceFunction(this, 'SendReminder', {
      naming,
      source: 'send-reminder',
      logsKey: props.logsKey,
      environmentKey: props.environmentKey,
      codeSigning: props.codeSigning,
      logRetentionDays: props.logRetentionDays,
      // Scheduler invokes asynchronously: invocations that fail after Lambda's own retries.
      deadLetterQueue: this.deadLetters,
      environmentValues: { [ENV.tableName]: props.table.tableName, [ENV.topicArn]: props.topic.arn },
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
      roleName: naming.name('reminder-scheduler'),
      description: 'Assumed by EventBridge Scheduler to invoke the reminder sender',
      assumedBy: 'scheduler.amazonaws.com',
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
    return regionalArn(this, 'scheduler', `schedule/${this.scheduleGroup.name}/rem-*`);
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

  /** Values of the variables a function that creates schedules reads. */
  get schedulingEnvironment(): Partial<Record<EnvironmentVariable, string>> {
    return {
      [ENV.scheduleGroupName]: this.scheduleGroup.name,
      [ENV.schedulerRoleArn]: this.schedulerRole.arn,
      [ENV.reminderFunctionArn]: this.sender.arn,
      [ENV.scheduleDeadLetterQueueArn]: this.deadLetters.arn,
    };
  }
}
