/**
 * AppointmentRepository over one DynamoDB table (src/data/keys.ts describes its items). Every
 * change is ONE TransactWriteItems whose conditions use base-table keys only, so a booking, its
 * slot locks, its provider's day count, the check of the profile it was decided against and its
 * idempotency record are written together or not at all. At most 100 items: a move of a
 * 480-minute appointment with 120-minute buffers to another date releases 48 locks, takes 48,
 * and updates the appointment, checks the profile and moves the count (100).
 */
import { randomUUID } from 'node:crypto';
import {
  DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
  TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { Appointment } from '../domain/appointment';
import type { CalendarClaim } from '../domain/availability/calendar';
import { heldSlots } from '../domain/availability/calendar';
import type { ConfirmedBooking } from '../domain/availability/free-slots';
import { intervalOf } from '../domain/booking';
import { bookingLimitReached, dailyLimitReached, serviceUnavailable, slotConflict } from '../domain/errors';
import { ListQuery } from '../domain/listing';
import { Interval, slotChanges } from '../domain/slots';
import { asServiceError, cancellationReasons, isConditionFailure, retryCancelledTransaction } from './dynamo-errors';
import { idempotencyRecordItem, idempotencyRecordKey, lookupFromRecord, recordFromWire } from './idempotency';
import { appointmentFromItem, holdOfItem, slotLockItem, tenantOfItem, toAppointmentItem } from './items';
import { dayCountLower, dayCountRaise, profileVersionCheck, readConfirmedBookings } from './provider-calendar';
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
  ProviderProfileChangedError,
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

/** What each item of a transaction is for: a cancelled transaction reports reasons by position. */
type TransactionRole = 'appointment' | 'lock' | 'release' | 'customer' | 'profile' | 'day' | 'uncount' | 'record';

class Transaction {
  readonly items: TransactItem[] = [];
  private readonly roles: TransactionRole[] = [];

  add(role: TransactionRole, item: TransactItem): void {
    this.items.push(item);
    this.roles.push(role);
  }

  /** The roles of the items whose condition failed; undefined when the error is no cancelled transaction. */
  failedRoles(error: unknown): Set<TransactionRole> | undefined {
    const reasons = cancellationReasons(error);
    if (!reasons) return undefined;
    return new Set(this.roles.filter((_, index) => isConditionFailure(reasons[index])));
  }

  reasonOf(error: unknown, role: TransactionRole) {
    return cancellationReasons(error)?.[this.roles.indexOf(role)];
  }
}

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
  async create(
    appointment: Appointment,
    calendar: CalendarClaim,
    options: CreateOptions = {},
  ): Promise<IdempotentLookup> {
    for (let attempt = 1; attempt <= CUSTOMER_BOOKING_ATTEMPTS; attempt++) {
      try {
        // A limited booking always reads first; an unlimited one appends, and reads only on a retry.
        const read = options.openBookingLimit !== undefined || attempt > 1;
        return await this.createOnce(appointment, calendar, options, read);
      } catch (error) {
        if (!(error instanceof CustomerBookingsChangedError)) throw error;
      }
    }
    // Only under a storm of bookings for one customer: the client may simply retry.
    throw serviceUnavailable();
  }

  private async createOnce(
    appointment: Appointment,
    calendar: CalendarClaim,
    { claim, openBookingLimit }: CreateOptions,
    read: boolean,
  ): Promise<IdempotentLookup> {
    const { tableName: TableName, tenantId } = this.options;
    const now = this.options.clock();
    const { providerId } = appointment;
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
    const items = new Transaction();
    items.add('appointment', {
      Put: {
        TableName,
        Item: toAppointmentItem(tenantId, appointment, calendar.hold),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    });
    for (const slot of heldSlots(intervalOf(appointment), calendar.hold))
      items.add('lock', this.lockTake(appointment, slot));
    items.add('customer', customerBookings);
    items.add('profile', profileVersionCheck(this.options, providerId, calendar.profileVersion));
    items.add('day', dayCountRaise(this.options, providerId, calendar.hold.localDate, calendar.dailyLimit));
    if (claim) {
      items.add('record', {
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
      await this.transact(items.items);
      return { kind: 'none' } as const;
    } catch (error) {
      const failed = items.failedRoles(error);
      if (!failed) throw asServiceError(error);
      // The key decides first: a retry of a committed booking also finds its own slots taken.
      if (claim && failed.has('record')) {
        const lookup = lookupFromRecord(recordFromWire(items.reasonOf(error, 'record')?.Item), claim.requestHash, now);
        if (lookup.kind !== 'none') return lookup;
      }
      throw (
        this.calendarFailure(failed, appointment, calendar) ??
        (failed.has('customer') ? new CustomerBookingsChangedError() : asServiceError(error))
      );
    }
  }

  async findIdempotentResponse(subject: string, key: string, requestHash: string): Promise<IdempotentLookup> {
    const record = await this.read(idempotencyRecordKey(this.options.tenantId, subject, key), false);
    return lookupFromRecord(record, requestHash, this.options.clock());
  }

  async get(appointmentId: string, options: { consistent?: boolean } = {}): Promise<StoredAppointment | undefined> {
    const item = await this.read(appointmentKey(this.options.tenantId, appointmentId), options.consistent ?? false);
    return item
      ? { tenantId: tenantOfItem(item), appointment: appointmentFromItem(item), hold: holdOfItem(item) }
      : undefined;
  }

  async update(stored: StoredAppointment, next: Appointment, move?: CalendarClaim): Promise<void> {
    const current = stored.appointment;
    const item = toAppointmentItem(this.options.tenantId, next, move?.hold ?? stored.hold);
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
      ...(move
        ? {
            bufferBeforeMinutes: item.bufferBeforeMinutes,
            bufferAfterMinutes: item.bufferAfterMinutes,
            localDate: item.localDate,
          }
        : {}),
    };
    const removeNotes = item.notes === undefined && current.notes !== undefined;
    const items = new Transaction();
    items.add('appointment', this.guardedAppointmentUpdate(current, assignments, removeNotes ? ['notes'] : []));
    if (move) {
      const { providerId } = current;
      const slots = slotChanges(heldSlots(intervalOf(current), stored.hold), heldSlots(intervalOf(next), move.hold));
      for (const slot of slots.release) items.add('release', this.lockRelease(current, slot));
      for (const slot of slots.take) items.add('lock', this.lockTake(current, slot));
      items.add('profile', profileVersionCheck(this.options, providerId, move.profileVersion));
      if (move.hold.localDate !== stored.hold.localDate) {
        items.add('uncount', dayCountLower(this.options, providerId, stored.hold.localDate));
        items.add('day', dayCountRaise(this.options, providerId, move.hold.localDate, move.dailyLimit));
      }
    }
    await this.writeChange(current, items, move);
  }

  async cancel(stored: StoredAppointment, next: Appointment): Promise<void> {
    const current = stored.appointment;
    const item = toAppointmentItem(this.options.tenantId, next, stored.hold);
    const items = new Transaction();
    items.add(
      'appointment',
      this.guardedAppointmentUpdate(current, {
        status: item.status,
        version: item.version,
        updatedAt: item.updatedAt,
        // The index partitions carry the status: the appointment moves to the CANCELLED ones.
        providerKey: item.providerKey,
        customerKey: item.customerKey,
        ...(item.cancellationReason === undefined ? {} : { cancellationReason: item.cancellationReason }),
      }),
    );
    for (const slot of heldSlots(intervalOf(current), stored.hold))
      items.add('release', this.lockRelease(current, slot));
    items.add('uncount', dayCountLower(this.options, current.providerId, stored.hold.localDate));
    await this.writeChange(current, items);
  }

  list(query: ListQuery): Promise<AppointmentPage> {
    return listAppointments(this.options, query);
  }

  confirmedBookings(providerId: string, window: Interval): Promise<ConfirmedBooking[]> {
    return readConfirmedBookings(this.options, providerId, window);
  }

  /** The appointment's failed condition means someone else changed it first: decide again. */
  private async writeChange(current: Appointment, items: Transaction, move?: CalendarClaim): Promise<void> {
    try {
      await this.transact(items.items);
    } catch (error) {
      const failed = items.failedRoles(error);
      if (!failed) throw asServiceError(error);
      if (failed.has('appointment')) throw new ConcurrentChangeError(current.appointmentId);
      const calendarFailure = move ? this.calendarFailure(failed, current, move) : undefined;
      if (calendarFailure) throw calendarFailure;
      // A lock held by another appointment where this one's should be: never released, reported as a conflict.
      if (failed.size > 0) throw slotConflict();
      throw asServiceError(error);
    }
  }

  /**
   * What a booking's or a move's failed calendar conditions mean, most telling first: a changed
   * profile is decided again (the new schedule may answer differently), then a taken slot, then
   * a full day.
   */
  private calendarFailure(failed: ReadonlySet<TransactionRole>, appointment: Appointment, calendar: CalendarClaim) {
    if (failed.has('profile')) return new ProviderProfileChangedError(appointment.providerId);
    if (failed.has('lock')) return slotConflict();
    if (failed.has('day')) return dailyLimitReached(calendar.dailyLimit ?? 0, calendar.hold.localDate);
    return undefined;
  }

  private lockTake(appointment: Appointment, slot: string): TransactItem {
    return {
      Put: {
        TableName: this.options.tableName,
        Item: slotLockItem(this.options.tenantId, appointment.providerId, slot, appointment.appointmentId),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
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
