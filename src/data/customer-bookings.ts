/**
 * The limit on a customer's open bookings (contract: `maxOpenBookingsPerCustomer`), kept under
 * concurrency. Counting alone cannot keep it: two bookings of one customer decided at the same
 * moment would both see one place left, and the byCustomer index is eventually consistent, so a
 * booking committed a moment ago may not be in it yet.
 *
 * So every booking, whoever makes it, also writes one item per customer (`BOOKINGS#...`, ./keys)
 * in its transaction, raising its version and adding itself to `recent`:
 * - a booking under the limit (a customer's) reads the item first, counts, and replaces it
 *   conditioned on the version it read, so two such bookings can never both commit on the same
 *   reading: the loser decides again. It also drops entries older than RECENT_BOOKINGS_SECONDS,
 *   and keeps at most MAX_APPENDED_BOOKINGS, the latest.
 * - a booking without a limit (staff's) appends itself without reading (no extra round trip),
 *   while `recent` is shorter than MAX_APPENDED_BOOKINGS; beyond that it prunes as above.
 * The recent bookings cover the index's lag: they are counted from the table itself (strongly
 * consistent reads), the rest from the index. A cancellation needs no change here: a recent
 * booking is counted only while its item is still CONFIRMED, and an index entry leaves the
 * CONFIRMED partition when it is cancelled.
 */
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { Appointment } from '../domain/appointment';
import { asServiceError } from './dynamo-errors';
import { appointmentKey, customerBookingsKey, customerIndexKey } from './keys';
import { APPOINTMENTS_TABLE } from './table-schema';

/** Far longer than the index's lag (typically well under a second), and still a short list. */
export const RECENT_BOOKINGS_SECONDS = 300;
/** Bound on `recent`: at most 20 entries of about 130 bytes keep the item within 3 KB (6 WCU in a transaction). */
export const MAX_APPENDED_BOOKINGS = 20;
/** The item outlives its last booking by a day; TTL then removes it and the version starts over. */
const RETENTION_SECONDS = 24 * 3600;

interface RecentBooking {
  readonly appointmentId: string;
  readonly start: string;
  /** Epoch seconds. */
  readonly bookedAt: number;
}

/** What a booking read of the customer's item: the version to condition on, the recent bookings. */
export interface CustomerBookings {
  /** 0 when the item does not exist. */
  readonly version: number;
  readonly recent: readonly RecentBooking[];
}

interface Scope {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly tenantId: string;
}

const epochSeconds = (time: Date) => Math.floor(time.getTime() / 1000);

export async function readCustomerBookings(scope: Scope, customerId: string): Promise<CustomerBookings> {
  const item = await get(scope, customerBookingsKey(scope.tenantId, customerId));
  if (!item) return { version: 0, recent: [] };
  return { version: Number(item.version), recent: (item.recent ?? []) as RecentBooking[] };
}

/**
 * How many CONFIRMED appointments of the customer start after `now`, counted up to `limit` (the
 * answer is min(count, limit): the caller only asks whether the limit is reached).
 */
export async function countOpenBookings(
  scope: Scope,
  customerId: string,
  read: CustomerBookings,
  now: Date,
  limit: number,
): Promise<number> {
  const nowUtc = now.toISOString().slice(0, 19) + 'Z';
  const open = new Set<string>();
  const index = APPOINTMENTS_TABLE.byCustomer;
  let exclusiveStartKey: Record<string, unknown> | undefined;
  do {
    try {
      const output = await scope.client.send(
        new QueryCommand({
          TableName: scope.tableName,
          IndexName: index.name,
          // startKey is `<startUtc>#<id>`: every key of a start after now sorts after `<now>#`.
          KeyConditionExpression: '#partition = :partition AND #sort > :afterNow',
          ExpressionAttributeNames: { '#partition': index.partitionKey, '#sort': index.sortKey },
          ExpressionAttributeValues: {
            ':partition': customerIndexKey(scope.tenantId, customerId, 'CONFIRMED'),
            ':afterNow': `${nowUtc}#~`,
          },
          ProjectionExpression: 'appointmentId',
          Limit: limit - open.size,
          ExclusiveStartKey: exclusiveStartKey,
        }),
      );
      for (const item of output.Items ?? []) open.add(String(item.appointmentId));
      exclusiveStartKey = output.LastEvaluatedKey;
    } catch (error) {
      throw asServiceError(error);
    }
  } while (exclusiveStartKey && open.size < limit);

  for (const { appointmentId, start } of read.recent) {
    if (open.size >= limit) break;
    if (open.has(appointmentId) || start <= nowUtc) continue;
    const item = await get(scope, appointmentKey(scope.tenantId, appointmentId));
    if (item?.status === 'CONFIRMED' && String(item.start) > nowUtc) open.add(appointmentId);
  }
  return Math.min(open.size, limit);
}

const recentEntry = (appointment: Appointment, now: Date): RecentBooking => ({
  appointmentId: appointment.appointmentId,
  start: appointment.start,
  bookedAt: epochSeconds(now),
});

/**
 * The Put of the customer's item that a booking's transaction carries after reading it: the next
 * version, the recent bookings that are still recent plus this one, conditioned on the version read.
 */
export function customerBookingsPut(scope: Scope, read: CustomerBookings, appointment: Appointment, now: Date) {
  const bookedAt = epochSeconds(now);
  // The latest ones only: a booking 49 bookings ago has long reached the index.
  const recent = [
    ...read.recent
      .filter((booking) => booking.bookedAt > bookedAt - RECENT_BOOKINGS_SECONDS)
      .slice(-(MAX_APPENDED_BOOKINGS - 1)),
    recentEntry(appointment, now),
  ];
  return {
    Put: {
      TableName: scope.tableName,
      Item: {
        ...customerBookingsKey(scope.tenantId, appointment.customer.customerId),
        version: read.version + 1,
        recent,
        expiresAt: bookedAt + RETENTION_SECONDS,
      },
      ConditionExpression: read.version === 0 ? 'attribute_not_exists(pk)' : 'version = :readVersion',
      ...(read.version === 0 ? {} : { ExpressionAttributeValues: { ':readVersion': read.version } }),
    },
  };
}

/**
 * The Update that adds a booking to the customer's item without reading it first: the version
 * still rises, so a limited booking decided on the old version is refused and decides again. It
 * fails its condition when `recent` is full; the booking then reads and prunes (customerBookingsPut).
 */
export function customerBookingsAppend(scope: Scope, appointment: Appointment, now: Date) {
  return {
    Update: {
      TableName: scope.tableName,
      Key: customerBookingsKey(scope.tenantId, appointment.customer.customerId),
      UpdateExpression:
        'SET recent = list_append(if_not_exists(recent, :none), :entry), expiresAt = :expiresAt ADD version :one',
      ConditionExpression: 'attribute_not_exists(recent) OR size(recent) < :most',
      ExpressionAttributeValues: {
        ':none': [],
        ':entry': [recentEntry(appointment, now)],
        ':expiresAt': epochSeconds(now) + RETENTION_SECONDS,
        ':one': 1,
        ':most': MAX_APPENDED_BOOKINGS,
      },
    },
  };
}

async function get(scope: Scope, key: Record<string, string>): Promise<Record<string, unknown> | undefined> {
  try {
    const { Item } = await scope.client.send(
      new GetCommand({ TableName: scope.tableName, Key: key, ConsistentRead: true }),
    );
    return Item;
  } catch (error) {
    throw asServiceError(error);
  }
}
