/**
 * AppointmentRepository over one DynamoDB table (src/data/keys.ts describes its items). Every
 * change is ONE TransactWriteItems whose conditions use base-table keys only, so a booking, its
 * slot locks and its idempotency record are written together or not at all.
 */
import { randomUUID } from 'node:crypto';
import {
  DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
  TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { Appointment } from '../domain/appointment';
import { slotConflict } from '../domain/errors';
import { ListQuery } from '../domain/listing';
import { SlotChanges } from '../domain/slots';
import { slotsOf } from '../domain/booking';
import { asServiceError, cancellationReasons, isConditionFailure, retryCancelledTransaction } from './dynamo-errors';
import { idempotencyRecordItem, idempotencyRecordKey, lookupFromRecord, recordFromWire } from './idempotency';
import { appointmentFromItem, slotLockItem, toAppointmentItem } from './items';
import { appointmentKey, customerIndexKey, providerIndexKey, slotLockKey } from './keys';
import { listAppointments } from './dynamo-listing';
import type { SecretSource } from './page-token-secret';
import {
  AppointmentPage,
  AppointmentRepository,
  ConcurrentChangeError,
  IdempotencyClaim,
  IdempotentLookup,
} from './repository';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export interface DynamoRepositoryOptions {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly clock: () => Date;
  /** Only the list operation needs it; the others never call it. */
  readonly pageTokenSecret?: SecretSource;
}

export class DynamoAppointmentRepository implements AppointmentRepository {
  constructor(private readonly options: DynamoRepositoryOptions) {}

  async create(appointment: Appointment, claim?: IdempotencyClaim): Promise<IdempotentLookup> {
    const { tableName: TableName } = this.options;
    const now = this.options.clock();
    const locks = slotsOf(appointment).map((slot) =>
      slotLockItem(appointment.providerId, slot, appointment.appointmentId),
    );
    const items: TransactItem[] = [
      { Put: { TableName, Item: toAppointmentItem(appointment), ConditionExpression: 'attribute_not_exists(pk)' } },
      ...locks.map((Item) => ({ Put: { TableName, Item, ConditionExpression: 'attribute_not_exists(pk)' } })),
    ];
    if (claim) {
      items.push({
        Put: {
          TableName,
          Item: idempotencyRecordItem(claim, now),
          // A record past expiresAt is dead even if TTL has not deleted it yet.
          ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
          ExpressionAttributeValues: { ':now': Math.floor(now.getTime() / 1000) },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      });
    }
    try {
      await this.transact(items);
      return { kind: 'none' };
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (!reasons) throw asServiceError(error);
      const recordReason = claim ? reasons[items.length - 1] : undefined;
      // The key decides first: a retry of a committed booking also finds its own slots taken.
      if (claim && isConditionFailure(recordReason)) {
        const lookup = lookupFromRecord(recordFromWire(recordReason?.Item), claim.requestHash, now);
        if (lookup.kind !== 'none') return lookup;
      }
      if (reasons.slice(1, 1 + locks.length).some(isConditionFailure)) throw slotConflict();
      throw asServiceError(error);
    }
  }

  async findIdempotentResponse(scope: string, key: string, requestHash: string): Promise<IdempotentLookup> {
    const record = await this.read(idempotencyRecordKey(scope, key), false);
    return lookupFromRecord(record, requestHash, this.options.clock());
  }

  async get(appointmentId: string, options: { consistent?: boolean } = {}): Promise<Appointment | undefined> {
    const item = await this.read(appointmentKey(appointmentId), options.consistent ?? false);
    return item ? appointmentFromItem(item) : undefined;
  }

  async update(current: Appointment, next: Appointment, slots: SlotChanges): Promise<void> {
    const { tableName: TableName } = this.options;
    const item = toAppointmentItem(next);
    const assignments: Record<string, unknown> = {
      start: item.start,
      end: item.end,
      durationMinutes: item.durationMinutes,
      timeZone: item.timeZone,
      reminderMinutesBefore: item.reminderMinutesBefore,
      version: item.version,
      updatedAt: item.updatedAt,
      startKey: item.startKey,
      ...(item.notes === undefined ? {} : { notes: item.notes }),
    };
    const removeNotes = item.notes === undefined && current.notes !== undefined;
    await this.writeChange(current, [
      this.guardedAppointmentUpdate(current, assignments, removeNotes ? ['notes'] : []),
      ...slots.release.map((slot) => this.lockRelease(current, slot)),
      ...slots.take.map((slot) => ({
        Put: {
          TableName,
          Item: slotLockItem(current.providerId, slot, current.appointmentId),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      })),
    ]);
  }

  async cancel(current: Appointment, next: Appointment): Promise<void> {
    const item = toAppointmentItem(next);
    await this.writeChange(current, [
      this.guardedAppointmentUpdate(current, {
        status: item.status,
        version: item.version,
        updatedAt: item.updatedAt,
        // The index partitions carry the status: the appointment moves to the CANCELLED ones.
        providerKey: providerIndexKey(next.providerId, next.status),
        customerKey: customerIndexKey(next.customer.customerId, next.status),
      }),
      ...slotsOf(current).map((slot) => this.lockRelease(current, slot)),
    ]);
  }

  list(query: ListQuery): Promise<AppointmentPage> {
    return listAppointments(this.options, query);
  }

  /** Item 0 is the appointment: its failed condition means someone else changed it first. */
  private async writeChange(current: Appointment, items: TransactItem[]): Promise<void> {
    try {
      await this.transact(items);
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (reasons && isConditionFailure(reasons[0])) throw new ConcurrentChangeError(current.appointmentId);
      if (reasons?.some(isConditionFailure)) throw slotConflict();
      throw asServiceError(error);
    }
  }

  private guardedAppointmentUpdate(
    current: Appointment,
    assignments: Record<string, unknown>,
    removals: string[] = [],
  ) {
    const names: Record<string, string> = { '#version': 'version', '#status': 'status' };
    const values: Record<string, unknown> = { ':expectedVersion': current.version, ':confirmed': 'CONFIRMED' };
    const sets = Object.entries(assignments).map(([field, value]) => {
      names[`#${field}`] = field;
      values[`:${field}`] = value;
      return `#${field} = :${field}`;
    });
    removals.forEach((field) => (names[`#${field}`] = field));
    const remove = removals.length > 0 ? ` REMOVE ${removals.map((field) => `#${field}`).join(', ')}` : '';
    return {
      Update: {
        TableName: this.options.tableName,
        Key: appointmentKey(current.appointmentId),
        UpdateExpression: `SET ${sets.join(', ')}${remove}`,
        ConditionExpression: '#version = :expectedVersion AND #status = :confirmed',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    };
  }

  /**
   * A lock is deleted only by the appointment that holds it. One already gone (TTL removes locks
   * a month after their slot has passed) is not an obstacle to cancelling a past appointment.
   */
  private lockRelease(current: Appointment, slot: string) {
    return {
      Delete: {
        TableName: this.options.tableName,
        Key: slotLockKey(current.providerId, slot),
        ConditionExpression: 'attribute_not_exists(pk) OR appointmentId = :appointmentId',
        ExpressionAttributeValues: { ':appointmentId': current.appointmentId },
      },
    };
  }

  /**
   * A fresh ClientRequestToken per attempt: the SDK resends the same command after a lost
   * response, and DynamoDB then answers the first outcome instead of failing the conditions
   * against the booking's own writes.
   */
  private transact(items: TransactItem[]): Promise<unknown> {
    return retryCancelledTransaction(() =>
      this.options.client.send(new TransactWriteCommand({ TransactItems: items, ClientRequestToken: randomUUID() })),
    );
  }

  private async read(key: Record<string, string>, consistent: boolean): Promise<Record<string, unknown> | undefined> {
    try {
      const { Item } = await this.options.client.send(
        new GetCommand({ TableName: this.options.tableName, Key: key, ConsistentRead: consistent }),
      );
      return Item;
    } catch (error) {
      throw asServiceError(error);
    }
  }
}
