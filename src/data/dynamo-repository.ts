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
import { bookingLimitReached, serviceUnavailable, slotConflict } from '../domain/errors';
import { ListQuery } from '../domain/listing';
import { SlotChanges } from '../domain/slots';
import { slotsOf } from '../domain/booking';
import { asServiceError, cancellationReasons, isConditionFailure, retryCancelledTransaction } from './dynamo-errors';
import { idempotencyRecordItem, idempotencyRecordKey, lookupFromRecord, recordFromWire } from './idempotency';
import { appointmentFromItem, slotLockItem, tenantOfItem, toAppointmentItem } from './items';
import { appointmentKey, slotLockKey } from './keys';
import {
  countOpenBookings,
  customerBookingsAppend,
  customerBookingsPut,
  readCustomerBookings,
} from './customer-bookings';
import { listAppointments } from './dynamo-listing';
import type { SecretSource } from './page-token-secret';
import {
  AppointmentPage,
  AppointmentRepository,
  ConcurrentChangeError,
  CreateOptions,
  IdempotentLookup,
  StoredAppointment,
} from './repository';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export interface DynamoRepositoryOptions {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  /** The one tenant whose items this repository reads and writes. */
  readonly tenantId: string;
  readonly clock: () => Date;
  /** Only the list operation needs it; the others never call it. */
  readonly pageTokenSecret?: SecretSource;
}

/** Bookings of one customer decided on the same reading: all but one decide again. */
const CUSTOMER_BOOKING_ATTEMPTS = 3;

class CustomerBookingsChangedError extends Error {}

export class DynamoAppointmentRepository implements AppointmentRepository {
  constructor(private readonly options: DynamoRepositoryOptions) {}

  get tenantId(): string {
    return this.options.tenantId;
  }

  /**
   * Every booking also writes the customer's bookings item (./customer-bookings). When its
   * condition fails (another booking of the customer committed first, or its list is full), the
   * decision is made again on a fresh read of it.
   */
  async create(appointment: Appointment, options: CreateOptions = {}): Promise<IdempotentLookup> {
    for (let attempt = 1; attempt <= CUSTOMER_BOOKING_ATTEMPTS; attempt++) {
      try {
        // A limited booking always reads first; an unlimited one appends, and reads only on a retry.
        return await this.createOnce(appointment, options, options.openBookingLimit !== undefined || attempt > 1);
      } catch (error) {
        if (!(error instanceof CustomerBookingsChangedError)) throw error;
      }
    }
    // Only under a storm of bookings for one customer: the client may simply retry.
    throw serviceUnavailable();
  }

  private async createOnce(appointment: Appointment, { claim, openBookingLimit }: CreateOptions, read: boolean) {
    const { tableName: TableName, tenantId } = this.options;
    const now = this.options.clock();
    const customerId = appointment.customer.customerId;
    let customerBookings: TransactItem = customerBookingsAppend(this.options, appointment, now);
    if (read) {
      const bookings = await readCustomerBookings(this.options, customerId);
      if (openBookingLimit !== undefined) {
        const open = await countOpenBookings(this.options, customerId, bookings, now, openBookingLimit);
        if (open >= openBookingLimit) throw bookingLimitReached(openBookingLimit);
      }
      customerBookings = customerBookingsPut(this.options, bookings, appointment, now);
    }
    const locks = slotsOf(appointment).map((slot) =>
      slotLockItem(tenantId, appointment.providerId, slot, appointment.appointmentId),
    );
    // Order matters for reading the cancellation reasons: appointment, locks, customer, record.
    const items: TransactItem[] = [
      {
        Put: {
          TableName,
          Item: toAppointmentItem(tenantId, appointment),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      ...locks.map((Item) => ({ Put: { TableName, Item, ConditionExpression: 'attribute_not_exists(pk)' } })),
      customerBookings,
    ];
    if (claim) {
      items.push({
        Put: {
          TableName,
          Item: idempotencyRecordItem(tenantId, claim, now),
          // A record past expiresAt is dead even if TTL has not deleted it yet.
          ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
          ExpressionAttributeValues: { ':now': Math.floor(now.getTime() / 1000) },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      });
    }
    try {
      await this.transact(items);
      return { kind: 'none' } as const;
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
      if (isConditionFailure(reasons[1 + locks.length])) throw new CustomerBookingsChangedError();
      throw asServiceError(error);
    }
  }

  async findIdempotentResponse(subject: string, key: string, requestHash: string): Promise<IdempotentLookup> {
    const record = await this.read(idempotencyRecordKey(this.options.tenantId, subject, key), false);
    return lookupFromRecord(record, requestHash, this.options.clock());
  }

  async get(appointmentId: string, options: { consistent?: boolean } = {}): Promise<StoredAppointment | undefined> {
    const item = await this.read(appointmentKey(this.options.tenantId, appointmentId), options.consistent ?? false);
    return item ? { tenantId: tenantOfItem(item), appointment: appointmentFromItem(item) } : undefined;
  }

  async update(current: Appointment, next: Appointment, slots: SlotChanges): Promise<void> {
    const { tableName: TableName } = this.options;
    const item = toAppointmentItem(this.options.tenantId, next);
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
          Item: slotLockItem(this.options.tenantId, current.providerId, slot, current.appointmentId),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      })),
    ]);
  }

  async cancel(current: Appointment, next: Appointment): Promise<void> {
    const item = toAppointmentItem(this.options.tenantId, next);
    await this.writeChange(current, [
      this.guardedAppointmentUpdate(current, {
        status: item.status,
        version: item.version,
        updatedAt: item.updatedAt,
        // The index partitions carry the status: the appointment moves to the CANCELLED ones.
        providerKey: item.providerKey,
        customerKey: item.customerKey,
        ...(item.cancellationReason === undefined ? {} : { cancellationReason: item.cancellationReason }),
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
        Key: appointmentKey(this.options.tenantId, current.appointmentId),
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
        Key: slotLockKey(this.options.tenantId, current.providerId, slot),
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
