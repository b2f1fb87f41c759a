/**
 * Handlers whose DynamoDB client comes from the repository's own factory (src/data/client.ts)
 * with its AWS settings (1.5 s request timeout, 4 attempts, standard retries), reaching DynamoDB
 * Local through the fault proxy, named the way a deployment names an AWS endpoint: the SDK's
 * own `AWS_ENDPOINT_URL_DYNAMODB`.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDocumentClient, createDynamoDbClient } from '../../../src/data/client';

/** Counts the attempts the SDK makes (one per try, retries included), whatever their outcome. */
export function countAttempts(client: DynamoDBClient): { readonly count: number } {
  const counter = { count: 0 };
  client.middlewareStack.add(
    (next) => async (args) => {
      counter.count += 1;
      return next(args);
    },
    // After the retry middleware, so each retry passes through it again.
    { step: 'finalizeRequest', priority: 'low', name: 'countAttemptsForFaultTests' },
  );
  return counter;
}

/**
 * A document client with production timeouts and retries, talking to `proxyUrl`. The SDK reads
 * the endpoint and credentials variables lazily, at the first request, so they stay set: jest
 * gives each test file its own process.env, and clients with an explicit endpoint (the tables'
 * own clients) ignore them.
 */
export function productionClientThrough(proxyUrl: string) {
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_DYNAMODB: proxyUrl,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_REGION: 'us-west-1',
  });
  const client = createDynamoDbClient();
  return { client, documentClient: createDocumentClient(client), attempts: countAttempts(client) };
}
