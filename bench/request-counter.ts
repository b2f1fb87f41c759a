/**
 * Counts the requests a DynamoDB client sends, by operation, with an SDK middleware at the
 * `finalizeRequest` step: below the retry middleware, so a retried attempt counts again (that
 * is a round trip too).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

export interface RequestCounter {
  /** Requests per operation name (`TransactWriteItems`, `GetItem`, ...) since the last reset. */
  readonly counts: Record<string, number>;
  /** Every request since the last reset, in order. */
  readonly sequence: string[];
  total(): number;
  reset(): void;
  /** Removes the middleware from the client. */
  detach(): void;
}

/**
 * Attaches a counter to `client` (the DynamoDBClient under the document client: the document
 * client shares its middleware stack). The requests themselves are not changed.
 */
export function countRequests(client: DynamoDBClient): RequestCounter {
  const name = `request-counter-${Math.random().toString(36).slice(2)}`;
  const counter: RequestCounter = {
    counts: {},
    sequence: [],
    total: () => counter.sequence.length,
    reset() {
      for (const key of Object.keys(counter.counts)) delete counter.counts[key];
      counter.sequence.length = 0;
    },
    detach: () => void client.middlewareStack.remove(name),
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
  return counter;
}
