/**
 * Capacity units per operation, by AWS's pricing rules, from the requests the handlers really
 * send in this run (DynamoDB Local's own ConsumedCapacity does not follow them: it charges a
 * transactional write 1 unit per item, not 2). Item sizes are bounded by their JSON length,
 * which is never below DynamoDB's item size for these string-and-small-number items.
 *
 * - TransactWriteItems: 2 WCU per item per started KB on the table; each index write costs
 *   1 WCU per KB (standard), twice when the item moves within the index (delete + put).
 * - GetItem: 1 RCU per 4 KB consistent, half eventually consistent. Query: per 4 KB of the
 *   items read, halved (eventually consistent, as the listing reads).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { APPOINTMENTS_TABLE_INDEXES } from '../src/data/table-schema';

export interface Units {
  rcu: number;
  wcu: number;
  indexWcu: number;
}

export interface CapacityMeter {
  readonly units: Units;
  reset(): void;
  detach(): void;
}

type Item = Record<string, unknown>;
type Input = Record<string, unknown> & {
  ConsistentRead?: boolean;
  TransactItems?: { Put?: { Item: Item }; Update?: UpdateInput; Delete?: unknown }[];
};
type UpdateInput = { ExpressionAttributeNames?: Record<string, string> };

const kb = (item: unknown, unit: number) => Math.max(1, Math.ceil(Buffer.byteLength(JSON.stringify(item)) / unit));
const INDEX_KEYS = APPOINTMENTS_TABLE_INDEXES.map((index) => [index.partitionKey, index.sortKey]);

function writeUnits(input: Input): Pick<Units, 'wcu' | 'indexWcu'> {
  let wcu = 0;
  let indexWcu = 0;
  for (const entry of input.TransactItems ?? []) {
    if (entry.Put) {
      wcu += 2 * kb(entry.Put.Item, 1024);
      indexWcu += INDEX_KEYS.filter(([partition]) => partition in entry.Put!.Item).length * kb(entry.Put.Item, 1024);
    } else if (entry.Update) {
      // Only the appointment is updated; it is in every index (ALL projection, <= 1 KB).
      wcu += 2;
      const changed = new Set(Object.values(entry.Update.ExpressionAttributeNames ?? {}));
      indexWcu += INDEX_KEYS.reduce((sum, keys) => sum + (keys.some((key) => changed.has(key)) ? 2 : 1), 0);
    } else if (entry.Delete) {
      wcu += 2; // slot locks: small, in no index
    }
  }
  return { wcu, indexWcu };
}

/** Adds up AWS capacity units of every request `client` sends (document-client inputs and outputs). */
export function meterCapacity(client: DynamoDBClient): CapacityMeter {
  const name = `capacity-meter-${Math.random().toString(36).slice(2)}`;
  const units: Units = { rcu: 0, wcu: 0, indexWcu: 0 };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      const input = args.input as Input;
      const output = result.output as { Item?: Item; Items?: Item[] };
      switch (String(context.commandName).replace(/Command$/, '')) {
        case 'GetItem':
          units.rcu += (output.Item ? kb(output.Item, 4096) : 1) * (input.ConsistentRead ? 1 : 0.5);
          break;
        case 'Query':
          units.rcu += kb(output.Items ?? [], 4096) * 0.5;
          break;
        case 'TransactWriteItems': {
          const w = writeUnits(input);
          units.wcu += w.wcu;
          units.indexWcu += w.indexWcu;
          break;
        }
      }
      return result;
    },
    { step: 'initialize', name, priority: 'high' },
  );
  return {
    units,
    reset: () => Object.assign(units, { rcu: 0, wcu: 0, indexWcu: 0 }),
    detach: () => void client.middlewareStack.remove(name),
  };
}
