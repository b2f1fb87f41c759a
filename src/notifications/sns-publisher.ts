import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { EventPublisher, MessageAttributes, NotificationMessage } from './ports';

/** Publishes to the notifications topic (sns:Publish on that topic, plus the topic key's KMS grant). */
export class SnsEventPublisher implements EventPublisher {
  constructor(
    private readonly client: SNSClient,
    private readonly topicArn: string,
  ) {}

  async publish(message: NotificationMessage, attributes: MessageAttributes): Promise<void> {
    await this.client.send(
      new PublishCommand({
        TopicArn: this.topicArn,
        Message: JSON.stringify(message),
        MessageAttributes: {
          eventType: { DataType: 'String', StringValue: attributes.eventType },
          tenantId: { DataType: 'String', StringValue: attributes.tenantId },
          providerId: { DataType: 'String', StringValue: attributes.providerId },
        },
      }),
    );
  }
}
