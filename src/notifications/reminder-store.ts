import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { Appointment } from '../domain/appointment';
import { appointmentKey, reminderSentKey } from '../data/keys';
import { appointmentFromItem } from '../data/items';

/** A held claim on one reminder; releasing it lets a retry send the reminder. */
export interface ReminderClaim {
  readonly tenantId: string;
  readonly appointmentId: string;
  /** The start the reminder is for: one reminder per start and lead time, whatever the version. */
  readonly start: string;
  readonly minutesBefore: number;
  readonly claimId: string;
}

/** The table reads and writes the reminder sender needs, and nothing more. */
export interface ReminderStore {
  /** The current appointment, read strongly consistent so a just-committed cancel is seen. */
  getAppointment(tenantId: string, appointmentId: string): Promise<Appointment | undefined>;
  /** Claims the reminder at `minutesBefore` of `appointment`'s start; undefined when another invocation already has. */
  claim(
    tenantId: string,
    appointment: Pick<Appointment, 'appointmentId' | 'start'>,
    minutesBefore: number,
    expiresAt: Date,
  ): Promise<ReminderClaim | undefined>;
  /** Gives a claim back, only if it is still this claim. */
  release(claim: ReminderClaim): Promise<void>;
}

export class DynamoDbReminderStore implements ReminderStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getAppointment(tenantId: string, appointmentId: string): Promise<Appointment | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: appointmentKey(tenantId, appointmentId), ConsistentRead: true }),
    );
    return Item ? appointmentFromItem(Item) : undefined;
  }

  async claim(
    tenantId: string,
    { appointmentId, start }: Pick<Appointment, 'appointmentId' | 'start'>,
    minutesBefore: number,
    expiresAt: Date,
  ): Promise<ReminderClaim | undefined> {
    const claim = { tenantId, appointmentId, start, minutesBefore, claimId: randomUUID() };
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...reminderSentKey(tenantId, appointmentId, start, minutesBefore),
            ...claim,
            claimedAt: new Date().toISOString(),
            // DynamoDB TTL: epoch seconds; the record only has to outlive the schedule's retries.
            expiresAt: Math.floor(expiresAt.getTime() / 1000),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return claim;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  async release(claim: ReminderClaim): Promise<void> {
    try {
      await this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: reminderSentKey(claim.tenantId, claim.appointmentId, claim.start, claim.minutesBefore),
          ConditionExpression: 'claimId = :claimId',
          ExpressionAttributeValues: { ':claimId': claim.claimId },
        }),
      );
    } catch (error) {
      // Not ours any more (or gone): nothing to give back.
      if (error instanceof ConditionalCheckFailedException) return;
      throw error;
    }
  }
}
