/**
 * The one place DynamoDB clients are made, so that every function shares the same retry and
 * timeout budget. With 4 attempts of at most 1.5 s each plus the standard strategy's jittered
 * exponential backoff (100 ms base, a few hundred ms in total), an operation gives up after
 * about 6.5 s: inside the API Gateway 29 s limit and the functions' timeout, and early enough
 * to answer 503 rather than time out.
 */
import { DynamoDBClient, DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export const DYNAMODB_MAX_ATTEMPTS = 4;
const CONNECTION_TIMEOUT_MS = 500;
const REQUEST_TIMEOUT_MS = 1_500;

export interface DynamoClientOptions {
  /**
   * The endpoint URL.
   * @default the SDK's own: `AWS_ENDPOINT_URL_DYNAMODB` when set, else the regional endpoint
   */
  readonly endpoint?: string;
  /** @default `AWS_REGION`, else `us-west-1` (the project's default region) */
  readonly region?: string;
  /** How long one attempt may wait for its answer, in milliseconds. @default 1500 */
  readonly requestTimeoutMs?: number;
  /** @default the SDK's credential chain (the function's role in Lambda) */
  readonly credentials?: DynamoDBClientConfig['credentials'];
}

export function createDynamoDbClient(options: DynamoClientOptions = {}): DynamoDBClient {
  return new DynamoDBClient({
    region: options.region ?? process.env.AWS_REGION ?? 'us-west-1',
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
    retryMode: 'standard',
    maxAttempts: DYNAMODB_MAX_ATTEMPTS,
    requestHandler: {
      connectionTimeout: CONNECTION_TIMEOUT_MS,
      requestTimeout: options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS,
      // Without it the handler only logs a warning when the timeout passes, and keeps waiting.
      throwOnRequestTimeout: true,
    },
  });
}

/** The document client every reader and writer of the table uses: plain JS values in and out. */
export function createDocumentClient(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
  });
}
