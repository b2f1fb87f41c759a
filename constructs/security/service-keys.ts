import { Construct } from 'constructs';
import { DeploymentContext } from '../context';
import { EncryptionKey, viaServices } from './encryption-key';

/**
 * The three customer-managed keys of a service stack, one per kind of data, so that access to
 * one never implies access to another:
 * - data: the table (and its stream, backups) and the pagination-token secret;
 * - logs: every log group, used by CloudWatch Logs on the groups' behalf;
 * - messaging: the SNS topics and SQS dead-letter queues; its policy names every user.
 */
export class ServiceKeys extends Construct {
  readonly data: EncryptionKey;
  readonly logs: EncryptionKey;
  readonly messaging: EncryptionKey;

  constructor(scope: Construct, id: string, ctx: DeploymentContext) {
    super(scope, id);
    const protect = ctx.environment.protectStatefulResources;
    this.data = new EncryptionKey(this, 'Data', {
      purpose: `Appointments data of ${ctx.serviceName}`,
      aliasName: ctx.name('data'),
      accountId: ctx.accountId,
      protect,
    });
    this.logs = new EncryptionKey(this, 'Logs', {
      purpose: `Log groups of ${ctx.serviceName}`,
      aliasName: ctx.name('logs'),
      accountId: ctx.accountId,
      protect,
    });
    this.logs.allow({
      sid: 'CloudWatchLogsEncryptsThisAccountsLogGroups',
      principals: [{ type: 'Service', identifiers: [`logs.${ctx.region}.amazonaws.com`] }],
      actions: [
        'kms:Decrypt',
        'kms:DescribeKey',
        'kms:Encrypt',
        'kms:GenerateDataKey',
        'kms:ReEncryptFrom',
        'kms:ReEncryptTo',
      ],
      condition: [
        {
          test: 'ArnLike',
          variable: 'kms:EncryptionContext:aws:logs:arn',
          values: [`arn:aws:logs:${ctx.region}:${ctx.accountId}:log-group:*`],
        },
      ],
    });
    this.messaging = new EncryptionKey(this, 'Messaging', {
      purpose: `Notification topics and dead-letter queues of ${ctx.serviceName}`,
      aliasName: ctx.name('messaging'),
      accountId: ctx.accountId,
      delegateUseToIam: false,
      protect,
    });
    // Operators read dead letters to inspect and redrive them (README, Redriving dead letters).
    this.messaging.allow({
      sid: 'AccountReadsDeadLettersThroughSqs',
      principals: [{ type: 'AWS', identifiers: [this.messaging.accountRootArn] }],
      actions: ['kms:Decrypt', 'kms:DescribeKey'],
      condition: viaServices(ctx.region, 'sqs'),
    });
  }
}
