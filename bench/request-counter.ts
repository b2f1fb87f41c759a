/**
 * Counts the requests a DynamoDB client sends, by operation, with an SDK middleware at the
 * `finalizeRequest` step: below the retry middleware, so a retried attempt counts again (that
 * is a round trip too). Optionally asks for ConsumedCapacity (at the `initialize` step, so the
 * request is signed with it) and adds it up, for the bench's capacity figures.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

export interface CapacityTotals {
  /** Read capacity units, table and indexes. */
  read: number;
  /** Write capacity units on the table. */
  write: number;
  /** Write capacity units on the global secondary indexes. */
  indexWrite: number;
}

export interface RequestCounter {
  /** Requests per operation name (`TransactWriteItems`, `GetItem`, ...) since the last reset. */
  readonly counts: Record<string, number>;
  /** Every request since the last reset, in order. */
  readonly sequence: string[];
  readonly capacity: CapacityTotals;
  total(): number;
  reset(): void;
  /** Removes the middleware from the client. */
  detach(): void;
}

type ConsumedCapacity = {
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
  CapacityUnits?: number;
  Table?: { ReadCapacityUnits?: number; WriteCapacityUnits?: number; CapacityUnits?: number };
  GlobalSecondaryIndexes?: Record<string, { ReadCapacityUnits?: number; WriteCapacityUnits?: number }>;
};

const CAPACITY_OPERATIONS = new Set(['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query', 'TransactWriteItems']);

/**
 * Attaches a counter to `client` (the DynamoDBClient under the document client: the document
 * client shares its middleware stack). With `measureCapacity`, every request that supports it
 * asks for ReturnConsumedCapacity=INDEXES; the handlers' own requests are otherwise unchanged.
 */
export function countRequests(client: DynamoDBClient, options: { measureCapacity?: boolean } = {}): RequestCounter {
  const name = `request-counter-${Math.random().toString(36).slice(2)}`;
  const counter: RequestCounter = {
    counts: {},
    sequence: [],
    capacity: { read: 0, write: 0, indexWrite: 0 },
    total: () => counter.sequence.length,
    reset() {
      for (const key of Object.keys(counter.counts)) delete counter.counts[key];
      counter.sequence.length = 0;
      Object.assign(counter.capacity, { read: 0, write: 0, indexWrite: 0 });
    },
    detach() {
      client.middlewareStack.remove(name);
      client.middlewareStack.remove(`${name}-capacity`);
    },
  };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const operation = String(context.commandName ?? 'unknown').replace(/Command$/, '');
      counter.counts[operation] = (counter.counts[operation] ?? 0) + 1;
      counter.sequence.push(operation);
      return next(args);
    },
    { step: 'finalizeRequest', name, priority: 'low' },
  );
  if (options.measureCapacity) {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const operation = String(context.commandName ?? '').replace(/Command$/, '');
        const input = CAPACITY_OPERATIONS.has(operation)
          ? { ...(args.input as object), ReturnConsumedCapacity: 'INDEXES' }
          : args.input;
        const result = await next({ ...args, input });
        addCapacity(counter.capacity, result.output as { ConsumedCapacity?: unknown });
        return result;
      },
      { step: 'initialize', name: `${name}-capacity`, priority: 'high' },
    );
  }
  return counter;
}

function addCapacity(totals: CapacityTotals, output: { ConsumedCapacity?: unknown } | undefined): void {
  const consumed = output?.ConsumedCapacity;
  const entries = (Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) as ConsumedCapacity[];
  for (const entry of entries) {
    const indexes = Object.values(entry.GlobalSecondaryIndexes ?? {});
    const indexWrite = indexes.reduce((sum, index) => sum + (index.WriteCapacityUnits ?? 0), 0);
    const indexRead = indexes.reduce((sum, index) => sum + (index.ReadCapacityUnits ?? 0), 0);
    totals.indexWrite += indexWrite;
    totals.write += entry.Table?.WriteCapacityUnits ?? entry.WriteCapacityUnits ?? 0;
    totals.read += (entry.Table?.ReadCapacityUnits ?? entry.ReadCapacityUnits ?? 0) + indexRead;
  }
}
