import { Construct } from 'constructs';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import { PolicyDocument } from '../iam/policy-document';
import { ServiceRole } from '../iam/role-policy';
import { EncryptionKey, viaServices } from '../security/encryption-key';
import { StackEnvironment } from '../stack-environment';

export interface EncryptedQueueProps {
  /** Physical name of the queue, from the naming helper. */
  readonly queueName: string;
  /** Customer-managed key that encrypts the messages; senders are granted its use through SQS. */
  readonly key: EncryptionKey;
  /**
   * How long a message is kept, in seconds. Dead letters wait for a person: the maximum.
   * @default 1209600 (14 days)
   */
  readonly retentionSeconds?: number;
}

/** An SQS queue encrypted with a customer-managed key that refuses anything but TLS. */
export class EncryptedQueue extends Construct {
  readonly queue: SqsQueue;
  /** The physical name, known at synthesis (for alarms and dashboards). */
  readonly queueName: string;
  readonly key: EncryptionKey;

  constructor(scope: Construct, id: string, props: EncryptedQueueProps) {
    super(scope, id);
    this.key = props.key;
    this.queueName = props.queueName;
    this.queue = new SqsQueue(this, 'Queue', {
      name: props.queueName,
      kmsMasterKeyId: props.key.arn,
      kmsDataKeyReusePeriodSeconds: 300,
      messageRetentionSeconds: props.retentionSeconds ?? 1_209_600,
    });
    const policy = new PolicyDocument(this, 'Policy', {
      statements: [
        {
          sid: 'DenyInsecureTransport',
          effect: 'Deny',
          principals: [{ type: '*', identifiers: ['*'] }],
          actions: ['sqs:SendMessage', 'sqs:ReceiveMessage', 'sqs:DeleteMessage'],
          resources: [this.queue.arn],
          condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
        },
      ],
    });
    new SqsQueuePolicy(this, 'QueuePolicy', { queueUrl: this.queue.url, policy: policy.json });
  }

  get arn(): string {
    return this.queue.arn;
  }

  /** Lets a role send messages to the queue, including the key use SQS encryption needs. */
  grantSend(role: ServiceRole, sid: string): void {
    const keyActions = ['kms:Decrypt', 'kms:GenerateDataKey'];
    this.key.allowRoleThroughService(`${role.label}${sid}`, role.arn, keyActions, 'sqs');
    role.addStatements(
      { sid, actions: ['sqs:SendMessage'], resources: [this.queue.arn] },
      {
        sid: `${sid}Encryption`,
        actions: keyActions,
        resources: [this.key.arn],
        condition: viaServices(StackEnvironment.of(this).region, 'sqs'),
      },
    );
  }
}
