/**
 * `GET /appointments` as Queries on the byProvider/byCustomer indexes (never a Scan). Index
 * partitions carry the status, so the default listing reads only CONFIRMED appointments. With
 * includeCancelled=true it queries the CONFIRMED and the CANCELLED partition and merges them by
 * startKey: two requests instead of one, the price of keeping the common case to one partition
 * without a filter expression that would read and pay for cancelled items.
 */
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { AppointmentStatus } from '../domain/appointment';
import { ListQuery } from '../domain/listing';
import { asServiceError } from './dynamo-errors';
import { appointmentFromItem, tenantOfItem } from './items';
import { appointmentKey, customerIndexKey, providerIndexKey } from './keys';
import { issuePageToken, ResolvedPage, resolvePage } from './page-token';
import type { SecretSource } from './page-token-secret';
import { AppointmentPage } from './repository';
import { APPOINTMENTS_TABLE, IndexSchema } from './table-schema';

interface ListingOptions {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  /** Every partition queried is one of this tenant's; its page tokens work for it alone. */
  readonly tenantId: string;
  readonly pageTokenSecret?: SecretSource;
}

type Item = Record<string, unknown>;

export async function listAppointments(options: ListingOptions, query: ListQuery): Promise<AppointmentPage> {
  const secret = () => {
    if (!options.pageTokenSecret) throw new Error('The repository was built without a page token secret.');
    return options.pageTokenSecret();
  };
  const page =
    query.nextToken === undefined
      ? resolvePage(options.tenantId, query, '')
      : resolvePage(options.tenantId, query, await secret());
  const statuses: AppointmentStatus[] = query.includeCancelled ? ['CONFIRMED', 'CANCELLED'] : ['CONFIRMED'];
  // One more than the page holds: whether it comes back is whether a next page exists.
  const wanted = query.limit + 1;
  const partitions = await Promise.all(statuses.map((status) => queryPartition(options, query, page, status, wanted)));
  const merged = partitions
    .flat()
    .sort((a, b) => compare(a[indexOf(query).sortKey] as string, b[indexOf(query).sortKey] as string))
    .slice(0, wanted);
  const items = merged.slice(0, query.limit);
  const appointments = items.map((item) => ownAppointment(options.tenantId, item));
  if (merged.length <= query.limit) return { items: appointments };
  const lastStartKey = items[items.length - 1][indexOf(query).sortKey] as string;
  return {
    items: appointments,
    nextToken: issuePageToken(options.tenantId, query, page, lastStartKey, await secret()),
  };
}

/** The partition is the tenant's; its items are checked anyway, so a key-layout bug fails loudly. */
function ownAppointment(tenantId: string, item: Item) {
  if (tenantOfItem(item) !== tenantId) throw new Error(`listed item ${String(item.pk)} belongs to another tenant`);
  return appointmentFromItem(item);
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const indexOf = (query: ListQuery): IndexSchema =>
  query.selector.kind === 'provider' ? APPOINTMENTS_TABLE.byProvider : APPOINTMENTS_TABLE.byCustomer;

/**
 * startKey is `<startUtc>#<appointmentId>`, so `BETWEEN from AND to` selects exactly the starts
 * in [from, to): `from` sorts before every `from#...`, and `to` before every `to#...`.
 */
async function queryPartition(
  options: ListingOptions,
  query: ListQuery,
  page: ResolvedPage,
  status: AppointmentStatus,
  wanted: number,
): Promise<Item[]> {
  const index = indexOf(query);
  const partition =
    query.selector.kind === 'provider'
      ? providerIndexKey(options.tenantId, query.selector.id, status)
      : customerIndexKey(options.tenantId, query.selector.id, status);
  const items: Item[] = [];
  let exclusiveStartKey: Item | undefined = page.after
    ? resumeKey(options.tenantId, index, partition, page.after)
    : undefined;
  // A page rarely spans more than one response (1 MB); the loop covers the case that it does.
  do {
    try {
      const output = await options.client.send(
        new QueryCommand({
          TableName: options.tableName,
          IndexName: index.name,
          KeyConditionExpression: '#partition = :partition AND #sort BETWEEN :from AND :to',
          ExpressionAttributeNames: { '#partition': index.partitionKey, '#sort': index.sortKey },
          ExpressionAttributeValues: { ':partition': partition, ':from': page.from, ':to': page.to },
          Limit: wanted - items.length,
          ExclusiveStartKey: exclusiveStartKey,
        }),
      );
      items.push(...(output.Items ?? []));
      exclusiveStartKey = output.LastEvaluatedKey;
    } catch (error) {
      throw asServiceError(error);
    }
  } while (exclusiveStartKey && items.length < wanted);
  return items;
}

/**
 * The position just after the last item emitted. An index's ExclusiveStartKey is the index key
 * plus the table key; both follow from the startKey, whose suffix is the appointment id.
 */
function resumeKey(tenantId: string, index: IndexSchema, partition: string, after: string): Item {
  const appointmentId = after.slice(after.indexOf('#') + 1);
  return { ...appointmentKey(tenantId, appointmentId), [index.partitionKey]: partition, [index.sortKey]: after };
}
