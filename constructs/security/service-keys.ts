import { Construct } from 'constructs';
import { ServiceNaming } from '../../config/naming';
import { regionalArn, StackEnvironment } from '../stack-environment';
import { EncryptionKey, viaServices } from './encryption-key';

export interface ServiceKeysProps {
  /** Names the keys' aliases (`data`, `logs`, `messaging`) and, in their descriptions, the service. */
  readonly naming: ServiceNaming;
  /** `prevent_destroy` on every key: the data they encrypt would be lost with them. */
  readonly protect: boolean;
}

/**
 * The four customer-managed keys of a service stack, one per kind of data, so that access to
 * one never implies access to another:
 * - data: the table (and its stream, backups) and the pagination-token secret;
 * - logs: every log group, used by CloudWatch Logs on the groups' behalf;
 * - messaging: the SNS topics and SQS dead-letter queues; its policy names every user;
 * - functions: the functions' environment variables (and their code artifacts), which are
 *   configuration, not customers' data, so a function decrypting its own settings never holds a
 *   grant on the data key.
 */
export class ServiceKeys extends Construct {
  readonly data: EncryptionKey;
  readonly logs: EncryptionKey;
  readonly messaging: EncryptionKey;
  readonly functions: EncryptionKey;

  constructor(scope: Construct, id: string, props: ServiceKeysProps) {
    super(scope, id);
    const { naming, protect } = props;
    const { region } = StackEnvironment.of(this);
    this.data = new EncryptionKey(this, 'Data', {
      purpose: `Appointments data of ${naming.serviceName}`,
      aliasName: naming.name('data'),
      protect,
    });
    this.logs = new EncryptionKey(this, 'Logs', {
      purpose: `Log groups of ${naming.serviceName}`,
      aliasName: naming.name('logs'),
      protect,
    });
    const cloudWatchLogs = [{ type: 'Service', identifiers: [`logs.${region}.amazonaws.com`] }];
    this.logs.allow({
      sid: 'CloudWatchLogsEncryptsThisAccountsLogGroups',
      principals: cloudWatchLogs,
      actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:ReEncryptFrom', 'kms:ReEncryptTo'],
      condition: [
        {
          test: 'ArnLike',
          variable: 'kms:EncryptionContext:aws:logs:arn',
          values: [regionalArn(this, 'logs', 'log-group:*')],
        },
      ],
    });
    // A DescribeKey request carries no encryption context, so under the condition above it would
    // never be allowed. It reveals the key's metadata only, to the regional CloudWatch Logs service.
    this.logs.allow({
      sid: 'CloudWatchLogsDescribesTheKey',
      principals: cloudWatchLogs,
      actions: ['kms:DescribeKey'],
    });
    this.messaging = new EncryptionKey(this, 'Messaging', {
      purpose: `Notification topics and dead-letter queues of ${naming.serviceName}`,
      aliasName: naming.name('messaging'),
      delegateUseToIam: false,
      protect,
    });
    // Lambda encrypts each function's environment with this key and, through a grant it creates
    // with the deployer's kms:CreateGrant (AllowGrantsForAwsResourcesOnly), decrypts it with the
    // function's role; each role's own kms:Decrypt (ServiceFunction) goes through the IAM delegation.
    this.functions = new EncryptionKey(this, 'Functions', {
      purpose: `Function environments and code artifacts of ${naming.serviceName}`,
      aliasName: naming.name('functions'),
      protect,
    });
    // Operators read dead letters to inspect and redrive them (README, Redriving dead letters).
    this.messaging.allow({
      sid: 'AccountReadsDeadLettersThroughSqs',
      principals: [{ type: 'AWS', identifiers: [this.messaging.accountRootArn] }],
      actions: ['kms:Decrypt', 'kms:DescribeKey'],
      condition: viaServices(region, 'sqs'),
    });
  }
}
