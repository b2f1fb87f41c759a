/**
 * For data tests that check what a store asks DynamoDB Local, not only what it answers: a
 * document client of its own on the run's DynamoDB Local whose every command is recorded and
 * then sent as it is. `before` may act first (another writer committing just before the store's
 * write, which no real timing could place there reliably); the command itself is never changed.
 * `after` may change an answer, only for a fault DynamoDB Local never gives. And, for the one fault DynamoDB Local never gives, an endpoint that answers every request 500.
 */
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDocumentClient } from '../../src/data/client';
import { DynamoAppointmentRepository } from '../../src/data/dynamo-repository';
import type { SecretSource } from '../../src/data/page-token-secret';
import { createLocalDynamoDbClient } from '../../dev/local/dynamodb-client';
import { localEndpoint } from '../functions/helpers';

export interface SentCommand {
  /** The command's class name: GetCommand, TransactWriteCommand, QueryCommand... */
  readonly name: string;
  readonly input: Record<string, unknown>;
}

export interface RecordedClient {
  readonly client: DynamoDBDocumentClient;
  readonly sent: SentCommand[];
  /** Called before each command is sent; what it returns is awaited. */
  before?: (command: SentCommand) => unknown;
  /** Given each answer, returns the answer the store gets: for a fault DynamoDB Local never gives. */
  after?: (command: SentCommand, output: Record<string, unknown>) => Record<string, unknown>;
  destroy(): void;
}

export function recordedClient(): RecordedClient {
  const base = createLocalDynamoDbClient(localEndpoint());
  const client = createDocumentClient(base);
  const send = client.send.bind(client) as (command: unknown) => Promise<unknown>;
  const recorded: RecordedClient = {
    client,
    sent: [],
    destroy: () => base.destroy(),
  };
  client.send = (async (command: { input: Record<string, unknown> }) => {
    const sent = { name: command.constructor.name, input: command.input };
    recorded.sent.push(sent);
    await recorded.before?.(sent);
    const output = (await send(command)) as Record<string, unknown>;
    return recorded.after ? recorded.after(sent, output) : output;
  }) as DynamoDBDocumentClient['send'];
  return recorded;
}

/** The names of the commands sent, in order. */
export const namesOf = (sent: readonly SentCommand[]) => sent.map((command) => command.name);

/** The appointment repository of tenant clinic-a over `client`, its clock stopped at `now`. */
export const appointmentRepository = (
  client: DynamoDBDocumentClient,
  tableName: string,
  now: Date,
  pageTokenSecret?: SecretSource,
) => new DynamoAppointmentRepository({ client, tableName, tenantId: 'clinic-a', clock: () => now, pageTokenSecret });

/** What `promise` settles to: the error it rejects with, or 'resolved'. */
export const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: unknown) => error,
  );

/**
 * An endpoint that answers every request `500 InternalServerError`, as DynamoDB does when it
 * fails on its side: DynamoDB Local never does.
 */
async function failingDynamoDb(): Promise<{ client: DynamoDBDocumentClient; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(500, { 'content-type': 'application/x-amz-json-1.0' });
      response.end(JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: 'x' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  // One attempt: the SDK's retries of a 500 are not what the tests that use this are about.
  const base = new DynamoDBClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-west-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    maxAttempts: 1,
  });
  return {
    client: createDocumentClient(base),
    async close() {
      base.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** `use` run with the client of a failingDynamoDb(), which is closed after, whatever `use` does. */
export async function withFailingDynamoDb<T>(use: (client: DynamoDBDocumentClient) => Promise<T>): Promise<T> {
  const failing = await failingDynamoDb();
  try {
    return await use(failing.client);
  } finally {
    await failing.close();
  }
}
