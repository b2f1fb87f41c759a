import { startDynamoDbLocal } from '../../dev/dynamodb-local';

/**
 * One DynamoDB Local for the whole run; each test file makes its own uniquely named table.
 * Test workers inherit DYNAMODB_ENDPOINT because they are forked after this runs.
 */
export default async function globalSetup(): Promise<void> {
  const engine = await startDynamoDbLocal();
  process.env.DYNAMODB_ENDPOINT = engine.endpoint;
  (globalThis as { __dynamoDbLocal?: typeof engine }).__dynamoDbLocal = engine;
}
