import { Construct } from 'constructs';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { PolicyDocument } from '../iam/policy-document';
import { ServiceRole } from '../iam/role-policy';
import { EncryptionKey, viaServices } from '../security/encryption-key';
import { accountRootArn, StackEnvironment } from '../stack-environment';

export interface EncryptedTopicProps {
  /** Physical name of the topic, from the naming helper. */
  readonly topicName: string;
  /** Customer-managed key that encrypts the messages; publishers are granted its use through SNS. */
  readonly key: EncryptionKey;
  /**
   * Email addresses to subscribe (each confirms by email).
   * @default no subscriptions
   */
  readonly emailSubscribers?: readonly string[];
  /**
   * The only delivery protocols anyone may subscribe with (the `sns:Protocol` condition): the
   * topic policy denies every other, whatever an IAM policy allows. Never plain `http`.
   * @default ['email']
   */
  readonly subscriptionProtocols?: readonly string[];
}

/**
 * An SNS topic encrypted with a customer-managed key. Its topic policy and the key policy name
 * exactly who may publish (`grantPublish`, `allowServiceToPublish`); everything else is denied by
 * default, anything without TLS is denied outright, and so is a subscription by any protocol
 * but those named.
 */
export class EncryptedTopic extends Construct {
  readonly topic: SnsTopic;
  private readonly policy: PolicyDocument;
  private readonly props: EncryptedTopicProps;

  constructor(scope: Construct, id: string, props: EncryptedTopicProps) {
    super(scope, id);
    this.props = props;
    this.topic = new SnsTopic(this, 'Topic', { name: props.topicName, kmsMasterKeyId: props.key.arn });
    const protocols = [...(props.subscriptionProtocols ?? ['email'])];
    if (protocols.includes('http')) {
      throw new Error(`Topic ${props.topicName}: "http" subscriptions would deliver messages unencrypted`);
    }
    if ((props.emailSubscribers ?? []).length > 0 && !protocols.includes('email')) {
      throw new Error(`Topic ${props.topicName} has email subscribers, but its subscription protocols exclude "email"`);
    }
    const otherProtocols = [{ test: 'StringNotEquals', variable: 'sns:Protocol', values: protocols }];
    this.policy = new PolicyDocument(this, 'TopicPolicy', {
      statements: [
        {
          sid: 'AccountManagesSubscriptions',
          principals: [{ type: 'AWS', identifiers: [accountRootArn(this)] }],
          actions: ['sns:GetTopicAttributes', 'sns:ListSubscriptionsByTopic', 'sns:Subscribe'],
          resources: [this.topic.arn],
        },
        {
          sid: 'DenyInsecureTransport',
          effect: 'Deny',
          principals: [{ type: '*', identifiers: ['*'] }],
          actions: ['sns:Publish', 'sns:Subscribe'],
          resources: [this.topic.arn],
          condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
        },
        {
          // A Deny, not a condition on the Allow above: an IAM policy in the account could
          // otherwise allow a subscription by any protocol.
          sid: 'DenyOtherSubscriptionProtocols',
          effect: 'Deny',
          principals: [{ type: '*', identifiers: ['*'] }],
          actions: ['sns:Subscribe'],
          resources: [this.topic.arn],
          condition: otherProtocols,
        },
      ],
    });
    new SnsTopicPolicy(this, 'Policy', { arn: this.topic.arn, policy: this.policy.json });
    (props.emailSubscribers ?? []).forEach((email, i) => {
      new SnsTopicSubscription(this, `Email${i}`, { topicArn: this.topic.arn, protocol: 'email', endpoint: email });
    });
  }

  get arn(): string {
    return this.topic.arn;
  }

  /** Lets a role publish: topic policy, key policy and the role's own policy all name it. */
  grantPublish(role: ServiceRole): void {
    const keyActions = ['kms:Decrypt', 'kms:GenerateDataKey'];
    const sid = `${role.label}Publishes${this.node.id}`;
    this.policy.addStatements({
      sid,
      principals: [{ type: 'AWS', identifiers: [role.arn] }],
      actions: ['sns:Publish'],
      resources: [this.topic.arn],
    });
    this.props.key.allowRoleThroughService(sid, role.arn, keyActions, 'sns');
    role.addStatements(
      { sid: `Publish${this.node.id}`, actions: ['sns:Publish'], resources: [this.topic.arn] },
      {
        sid: `Publish${this.node.id}Encryption`,
        actions: keyActions,
        resources: [this.props.key.arn],
        condition: viaServices(StackEnvironment.of(this).region, 'sns'),
      },
    );
  }

  /** Lets an AWS service (CloudWatch alarms) publish on behalf of resources of this account. */
  allowServiceToPublish(service: string, sourceArnLike: string): void {
    const sid = `${service.split('.')[0].replace(/[^A-Za-z0-9]/g, '')}Publishes${this.node.id}`;
    const condition = [
      { test: 'StringEquals', variable: 'aws:SourceAccount', values: [StackEnvironment.of(this).account] },
      { test: 'ArnLike', variable: 'aws:SourceArn', values: [sourceArnLike] },
    ];
    this.policy.addStatements({
      sid,
      principals: [{ type: 'Service', identifiers: [service] }],
      actions: ['sns:Publish'],
      resources: [this.topic.arn],
      condition,
    });
    this.props.key.allow({
      sid,
      principals: [{ type: 'Service', identifiers: [service] }],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
      condition,
    });
  }
}
