/**
 * The items that make a provider's availability hold inside a booking's transaction, and the
 * read the free-slot search makes of a provider's calendar:
 * - a ConditionCheck on the profile's version item (./provider-profiles): a booking decided
 *   against a schedule that has since been replaced (`PUT /providers`) is refused at commit time
 *   and decided again;
 * - the day counter (`DAY#<tenant>#<provider>#<localDate>`, ./keys): raised by every booking of
 *   that local date, under the condition that it is below the daily limit when there is one,
 *   lowered by a cancel, moved by a reschedule to another date. Counting CONFIRMED appointments
 *   with a Query could not keep the limit: two bookings decided at once would both see room,
 *   and the index is eventually consistent. Counters are kept without a limit too, so that a
 *   limit set later counts what is already booked. They have no TTL: one small item per
 *   provider and booked date.
 */
import { DynamoDBDocumentClient, QueryCommand, TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { CalendarHold } from '../domain/availability/calendar';
import type { ConfirmedBooking } from '../domain/availability/free-slots';
import { Interval } from '../domain/slots';
import { formatUtc } from '../domain/time';
import { asServiceError } from './dynamo-errors';
import { holdOfItem } from './items';
import { profileVersionKey, providerDayKey, providerIndexKey } from './keys';
import { APPOINTMENTS_TABLE } from './table-schema';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

interface Scope {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly tenantId: string;
}

/** Fails the transaction unless the provider's profile is still at `version`. */
export function profileVersionCheck(scope: Scope, providerId: string, version: number): TransactItem {
  return {
    ConditionCheck: {
      TableName: scope.tableName,
      Key: profileVersionKey(scope.tenantId, providerId),
      ConditionExpression: '#version = :decidedOn',
      ExpressionAttributeNames: { '#version': 'version' },
      ExpressionAttributeValues: { ':decidedOn': version },
    },
  };
}

/** Counts one more appointment on `localDate`; with `limit`, only while fewer than `limit` are counted. */
export function dayCountRaise(scope: Scope, providerId: string, localDate: string, limit?: number): TransactItem {
  return {
    Update: {
      TableName: scope.tableName,
      Key: providerDayKey(scope.tenantId, providerId, localDate),
      UpdateExpression: 'ADD #bookings :one',
      ExpressionAttributeNames: { '#bookings': 'bookings' },
      ...(limit === undefined
        ? { ExpressionAttributeValues: { ':one': 1 } }
        : {
            ConditionExpression: 'attribute_not_exists(#bookings) OR #bookings < :limit',
            ExpressionAttributeValues: { ':one': 1, ':limit': limit },
          }),
    },
  };
}

/** Counts one appointment fewer on `localDate` (it was cancelled, or moved to another date). */
export function dayCountLower(scope: Scope, providerId: string, localDate: string): TransactItem {
  return {
    Update: {
      TableName: scope.tableName,
      Key: providerDayKey(scope.tenantId, providerId, localDate),
      UpdateExpression: 'ADD #bookings :minusOne',
      ExpressionAttributeNames: { '#bookings': 'bookings' },
      ExpressionAttributeValues: { ':minusOne': -1 },
    },
  };
}

/**
 * The provider's CONFIRMED appointments whose start lies in `[window.startMs, window.endMs)`,
 * with what each holds: Queries of the byProvider index's CONFIRMED partition, one per page,
 * reading only the attributes the search needs. Never a Scan.
 */
export async function readConfirmedBookings(
  scope: Scope,
  providerId: string,
  window: Interval,
): Promise<ConfirmedBooking[]> {
  const index = APPOINTMENTS_TABLE.byProvider;
  const bookings: ConfirmedBooking[] = [];
  let exclusiveStartKey: Record<string, unknown> | undefined;
  do {
    try {
      const output = await scope.client.send(
        new QueryCommand({
          TableName: scope.tableName,
          IndexName: index.name,
          // startKey is `<startUtc>#<id>`: BETWEEN from AND to selects the starts in [from, to).
          KeyConditionExpression: '#partition = :partition AND #sort BETWEEN :from AND :to',
          ProjectionExpression: 'pk, #start, #end, bufferBeforeMinutes, bufferAfterMinutes, localDate',
          ExpressionAttributeNames: {
            '#partition': index.partitionKey,
            '#sort': index.sortKey,
            '#start': 'start',
            '#end': 'end',
          },
          ExpressionAttributeValues: {
            ':partition': providerIndexKey(scope.tenantId, providerId, 'CONFIRMED'),
            ':from': formatUtc(window.startMs),
            ':to': formatUtc(window.endMs),
          },
          ExclusiveStartKey: exclusiveStartKey,
        }),
      );
      for (const item of output.Items ?? []) bookings.push(confirmedBookingOf(item));
      exclusiveStartKey = output.LastEvaluatedKey;
    } catch (error) {
      throw asServiceError(error);
    }
  } while (exclusiveStartKey);
  return bookings;
}

function confirmedBookingOf(item: Record<string, unknown>): ConfirmedBooking {
  const hold: CalendarHold = holdOfItem(item);
  const startMs = typeof item.start === 'string' ? Date.parse(item.start) : NaN;
  const endMs = typeof item.end === 'string' ? Date.parse(item.end) : NaN;
  if (!(startMs < endMs)) throw new Error(`stored appointment item ${String(item.pk)} has no valid interval`);
  return { startMs, endMs, ...hold };
}
