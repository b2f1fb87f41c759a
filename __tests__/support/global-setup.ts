import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../dev/local/dynamodb-client';
import { startDynamoDbLocal } from '../../dev/local/dynamodb-engine';

/**
 * One DynamoDB Local for the whole run; each test file makes its own uniquely named table.
 * Test workers inherit these variables because they are forked after this runs:
 * DYNAMODB_ENDPOINT is where the tests' own clients find the engine; the AWS_* ones are how the
 * functions' production clients (src/data/client.ts, which knows nothing of DynamoDB Local)
 * reach it, exactly as the SDK is pointed anywhere, and with throwaway credentials only.
 */
export default async function globalSetup(): Promise<void> {
  const engine = await startDynamoDbLocal();
  Object.assign(process.env, {
    DYNAMODB_ENDPOINT: engine.endpoint,
    AWS_ENDPOINT_URL_DYNAMODB: engine.endpoint,
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
  });
  (globalThis as { __dynamoDbLocal?: typeof engine }).__dynamoDbLocal = engine;
}
