import { Construct } from 'constructs';
import { ServiceNaming } from '../../config/naming';
import { EncryptedTopic } from '../notifications/encrypted-topic';
import { EncryptionKey } from '../security/encryption-key';
import { regionalArn } from '../stack-environment';
import { AlarmTargets, AlarmThresholds, ServiceAlarms } from './alarms';
import { ServiceDashboard } from './dashboard';

export interface ObservabilityProps {
  /** Names the alarm topic, the alarms and the dashboard. */
  readonly naming: ServiceNaming;
  /** What the alarms and the dashboard watch. */
  readonly targets: Omit<AlarmTargets, 'alarmTopicArn'>;
  /** Levels above which the conflict and latency alarms fire. */
  readonly thresholds: AlarmThresholds;
  /**
   * Email addresses subscribed to the alarm topic; each must confirm its subscription.
   * @default no subscriptions
   */
  readonly alarmEmails?: readonly string[];
  /** Key of the alarm topic. */
  readonly messagingKey: EncryptionKey;
}

/** Who may subscribe to the alarm topic: people by email, paging services by HTTPS. */
export const ALARM_SUBSCRIPTION_PROTOCOLS: readonly string[] = ['email', 'https'];

/** Alarms to an encrypted alarm topic (emails from configuration) and the service dashboard. */
export class Observability extends Construct {
  readonly alarmTopic: EncryptedTopic;
  readonly alarms: ServiceAlarms;
  readonly dashboard: ServiceDashboard;

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    const { naming } = props;
    this.alarmTopic = new EncryptedTopic(this, 'AlarmTopic', {
      topicName: naming.name('alarms'),
      key: props.messagingKey,
      emailSubscribers: props.alarmEmails,
      subscriptionProtocols: ALARM_SUBSCRIPTION_PROTOCOLS,
    });
    this.alarmTopic.allowServiceToPublish('cloudwatch.amazonaws.com', regionalArn(this, 'cloudwatch', 'alarm:*'));
    const targets = { ...props.targets, alarmTopicArn: this.alarmTopic.arn };
    this.alarms = new ServiceAlarms(this, 'Alarms', { naming, targets, thresholds: props.thresholds });
    this.dashboard = new ServiceDashboard(this, 'Dashboard', { naming, targets });
  }
}
