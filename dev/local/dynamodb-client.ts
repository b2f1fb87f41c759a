/**
 * Clients of DynamoDB Local: the production factory's retries, with the settings a local engine
 * needs. Never bundled into a function (a test reads the bundles' metafile to hold that).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDynamoDbClient } from '../../src/data/client';

/** DynamoDB Local accepts any credentials; these keep the SDK from looking for real ones. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;
export const LOCAL_REGION = 'us-west-1';
/**
 * DynamoDB Local (Java, sharing a laptop's or CI runner's cores) can take seconds under a burst
 * of transactions; a production timeout there would only turn slowness into spurious 503s.
 */
const LOCAL_REQUEST_TIMEOUT_MS = 10_000;

export function createLocalDynamoDbClient(endpoint: string): DynamoDBClient {
  return createDynamoDbClient({
    endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    requestTimeoutMs: LOCAL_REQUEST_TIMEOUT_MS,
  });
}
