import { Construct } from 'constructs';
import { LambdaEventSourceMapping } from '@cdktf/provider-aws/lib/lambda-event-source-mapping';
import { ITEM_SK } from '../../src/data/keys';
import { APPOINTMENTS_TABLE } from '../../src/data/table-schema';
import { ServiceNaming } from '../../config/naming';
import { ENV } from '../../src/environment';
import { FunctionCodeSigning } from '../functions/code-signing';
import { ServiceFunction } from '../functions/service-function';
import { EncryptedQueue } from '../messaging/encrypted-queue';
import { ReminderScheduling } from '../reminders/reminder-scheduling';
import { EncryptionKey } from '../security/encryption-key';
import { AppointmentsTable } from '../storage/appointments-table';
import { EncryptedTopic } from './encrypted-topic';

export interface AppointmentEventsProps {
  /** Names the publisher and its dead-letter queue. */
  readonly naming: ServiceNaming;
  /** The table whose stream is the outbox. */
  readonly table: AppointmentsTable;
  /** Where appointment changes are published. */
  readonly topic: EncryptedTopic;
  /** The schedules the publisher creates and deletes. */
  readonly reminders: ReminderScheduling;
  /** Key of the publisher's log group. */
  readonly logsKey: EncryptionKey;
  /** Key of the functions' environment variables. */
  readonly environmentKey: EncryptionKey;
  /** Signs the functions' code; they deploy the signed copies. */
  readonly codeSigning: FunctionCodeSigning;
  /** Key of the dead-letter queue. */
  readonly messagingKey: EncryptionKey;
  /** Retention of the publisher's log group, in days. */
  readonly logRetentionDays: number;
}

/**
 * The outbox relay: the table's stream drives the CONFIRMED / RESCHEDULED / CANCELLED messages
 * and the reminder schedules, so a committed change is always followed by them and a failed one
 * never is. Failing records are retried, the batch bisected, and what still fails is kept in a
 * dead-letter queue.
 */
export class AppointmentEvents extends Construct {
  readonly publisher: ServiceFunction;
  readonly deadLetters: EncryptedQueue;
  readonly mapping: LambdaEventSourceMapping;

  constructor(scope: Construct, id: string, props: AppointmentEventsProps) {
    super(scope, id);
    this.deadLetters = new EncryptedQueue(this, 'StreamDeadLetters', {
      queueName: props.naming.name('event-dead-letters'),
      key: props.messagingKey,
    });
    this.publisher = new ServiceFunction(this, 'PublishAppointmentEvents', {
      naming: props.naming,
      source: 'publish-appointment-events',
      logsKey: props.logsKey,
      environmentKey: props.environmentKey,
      codeSigning: props.codeSigning,
      logRetentionDays: props.logRetentionDays,
      timeoutSeconds: 30,
      environmentValues: { [ENV.topicArn]: props.topic.arn, ...props.reminders.schedulingEnvironment },
    });
    const role = this.publisher.role;
    props.table.grantStreamRead(role);
    props.topic.grantPublish(role);
    props.reminders.grantScheduleManagement(role);
    this.deadLetters.grantSend(role, 'SendFailedStreamRecords');

    this.mapping = new LambdaEventSourceMapping(this, 'StreamMapping', {
      functionName: this.publisher.function.functionName,
      eventSourceArn: props.table.streamArn,
      startingPosition: 'TRIM_HORIZON',
      batchSize: 25,
      maximumBatchingWindowInSeconds: 1,
      // Records of one appointment share a partition key, so they stay in order across batches.
      parallelizationFactor: 2,
      bisectBatchOnFunctionError: true,
      maximumRetryAttempts: 5,
      maximumRecordAgeInSeconds: 3600,
      functionResponseTypes: ['ReportBatchItemFailures'],
      destinationConfig: { onFailure: { destinationArn: this.deadLetters.arn } },
      // Only appointment items are events; locks, idempotency and reminder records are not.
      filterCriteria: {
        filter: [
          {
            pattern: JSON.stringify({
              dynamodb: { Keys: { [APPOINTMENTS_TABLE.sortKey]: { S: [ITEM_SK.appointment] } } },
            }),
          },
        ],
      },
      dependsOn: [this.publisher.role.role],
    });
  }
}
