import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { DevServer, DevServerOptions, startDevServer } from '../../../dev/server';
import { createLocalDynamoDbClient } from '../../../dev/local/dynamodb-client';
import { localEndpoint, uniqueTableName } from '../../functions/helpers';

/**
 * `npm run dev`'s server as a test starts it: on a free port, over the run's DynamoDB Local
 * (already warm: a JVM per server cost more CPU than the server's requests), in a table of its
 * own that `stop` deletes again, so the shared engine does not keep the test's data.
 */
export async function startTestDevServer(
  purpose: string,
  options: Omit<DevServerOptions, 'port' | 'dynamoDb' | 'persistDir'> = {},
): Promise<DevServer> {
  const dynamoDb = { endpoint: localEndpoint(), tableName: uniqueTableName(purpose) };
  const server = await startDevServer({ ...options, port: 0, dynamoDb });
  return {
    ...server,
    async stop() {
      await server.stop();
      const client = createLocalDynamoDbClient(dynamoDb.endpoint);
      try {
        await client.send(new DeleteTableCommand({ TableName: dynamoDb.tableName }));
      } finally {
        client.destroy();
      }
    },
  };
}
