import { Construct } from 'constructs';
import { DeploymentContext } from '../context';
import { EncryptedTopic } from '../notifications/encrypted-topic';
import { EncryptionKey } from '../security/encryption-key';
import { AlarmTargets, ServiceAlarms } from './alarms';
import { ServiceDashboard } from './dashboard';

export interface ObservabilityProps {
  readonly targets: Omit<AlarmTargets, 'alarmTopicArn'>;
  readonly messagingKey: EncryptionKey;
}

/** Alarms to an encrypted alarm topic (emails from configuration) and the service dashboard. */
export class Observability extends Construct {
  readonly alarmTopic: EncryptedTopic;
  readonly alarms: ServiceAlarms;
  readonly dashboard: ServiceDashboard;

  constructor(scope: Construct, id: string, ctx: DeploymentContext, props: ObservabilityProps) {
    super(scope, id);
    this.alarmTopic = new EncryptedTopic(this, 'AlarmTopic', {
      topicName: ctx.name('alarms'),
      key: props.messagingKey,
      accountId: ctx.accountId,
      region: ctx.region,
      emailSubscribers: ctx.environment.alarms.emails,
    });
    this.alarmTopic.allowServiceToPublish(
      'cloudwatch.amazonaws.com',
      `arn:aws:cloudwatch:${ctx.region}:${ctx.accountId}:alarm:*`,
    );
    const targets = { ...props.targets, alarmTopicArn: this.alarmTopic.arn };
    this.alarms = new ServiceAlarms(this, 'Alarms', ctx, targets);
    this.dashboard = new ServiceDashboard(this, 'Dashboard', ctx, targets);
  }
}
