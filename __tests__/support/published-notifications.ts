/**
 * The only way a test reads the messages the code publishes to the (mocked) SNS topic, or plans
 * to: each is checked against its published schema, body and attributes (dev/local/
 * notification-schema-check.ts), before the test sees it, so no test observes a message that
 * drifted from docs/notifications/. (What the dev server writes is checked by its publisher.)
 * __tests__/conventions/observed-notifications.test.ts fails if a test reads them another way.
 */
import { PublishCommand, PublishCommandInput, SNSClient } from '@aws-sdk/client-sns';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import { checkNotification } from '../../dev/local/notification-schema-check';
import { ChangePlan, planForChange } from '../../src/notifications/change-plan';

export interface PublishedNotification {
  readonly topicArn: string | undefined;
  /** The body, parsed. */
  readonly message: Record<string, unknown>;
  /** The attributes as the Publish request carries them (`{DataType, StringValue}` each). */
  readonly messageAttributes: NonNullable<PublishCommandInput['MessageAttributes']>;
}

/** A String attribute as its value; any other keeps its shape, so the attributes schema refuses it. */
function attributeValues(attributes: PublishedNotification['messageAttributes']): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(attributes).map(([name, { DataType, StringValue, ...rest }]) => [
      name,
      DataType === 'String' && Object.keys(rest).length === 0 ? StringValue : { DataType, StringValue, ...rest },
    ]),
  );
}

/** checkNotification, with which message it was in the error. */
function check(which: string, message: Record<string, unknown> | null, attributes: Record<string, unknown>): void {
  try {
    checkNotification(message, attributes);
  } catch (error) {
    (error as Error).message = `${which} (${String(message?.type)}): ${(error as Error).message}`;
    throw error;
  }
}

/** Every Publish the mocked client received (failed ones too), in order, each validated. */
export function publishedNotifications(sns: AwsClientStub<SNSClient>): PublishedNotification[] {
  return sns.commandCalls(PublishCommand).map((call, index) => {
    const { TopicArn, Message, MessageAttributes = {} } = call.args[0].input;
    const message = JSON.parse(Message ?? 'null') as Record<string, unknown>;
    check(`Publish #${index + 1}`, message, attributeValues(MessageAttributes));
    return { topicArn: TopicArn, message, messageAttributes: MessageAttributes };
  });
}

/** planForChange, each planned message validated with its attributes. */
export function plannedChange(...args: Parameters<typeof planForChange>): ChangePlan {
  const plan = planForChange(...args);
  plan.messages.forEach(({ message, attributes }, index) =>
    check(`planned message #${index + 1}`, { ...message }, { ...attributes }),
  );
  return plan;
}

/** The validated bodies of every Publish, in order. */
export const publishedMessages = (sns: AwsClientStub<SNSClient>) =>
  publishedNotifications(sns).map(({ message }) => message);
