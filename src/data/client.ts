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
/**
 * DynamoDB Local (Java, sharing a laptop's or CI runner's cores) can take seconds under a burst
 * of transactions; a timeout there would only turn slowness into spurious 503s.
 */
const LOCAL_REQUEST_TIMEOUT_MS = 10_000;

export interface DynamoClientOptions {
  /** DynamoDB Local's URL; default: `DYNAMODB_ENDPOINT`, else the regional AWS endpoint. */
  readonly endpoint?: string;
  /** Default: `AWS_REGION`, else `us-west-1` (the project's default region). */
  readonly region?: string;
}

export function createDynamoDbClient(options: DynamoClientOptions = {}): DynamoDBClient {
  const endpoint = options.endpoint ?? process.env.DYNAMODB_ENDPOINT;
  const config: DynamoDBClientConfig = {
    region: options.region ?? process.env.AWS_REGION ?? 'us-west-1',
    retryMode: 'standard',
    maxAttempts: DYNAMODB_MAX_ATTEMPTS,
    requestHandler: {
      connectionTimeout: CONNECTION_TIMEOUT_MS,
      requestTimeout: endpoint ? LOCAL_REQUEST_TIMEOUT_MS : REQUEST_TIMEOUT_MS,
      // Without it the handler only logs a warning when the timeout passes, and keeps waiting.
      throwOnRequestTimeout: true,
    },
  };
  if (endpoint) {
    config.endpoint = endpoint;
    // DynamoDB Local accepts any credentials; without this a machine with no AWS profile fails.
    if (!process.env.AWS_ACCESS_KEY_ID) {
      config.credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
    }
  }
  return new DynamoDBClient(config);
}

/** The document client used by the repository: plain JS values in and out. */
export function createDocumentClient(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
  });
}
