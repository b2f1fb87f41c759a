/** The one DynamoDB client: where it goes, who it is, how long it waits, and how it writes values. */
import { AddressInfo, createServer, Server, Socket } from 'node:net';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { DYNAMODB_MAX_ATTEMPTS, createDocumentClient, createDynamoDbClient } from '../../src/data/client';

describe('createDynamoDbClient', () => {
  const saved = process.env.AWS_REGION;
  afterEach(() => {
    if (saved === undefined) delete process.env.AWS_REGION;
    else process.env.AWS_REGION = saved;
  });

  it('takes the region given, else AWS_REGION, else us-west-1', async () => {
    process.env.AWS_REGION = 'eu-central-1';
    expect(await createDynamoDbClient({ region: 'ap-south-1' }).config.region()).toBe('ap-south-1');
    expect(await createDynamoDbClient().config.region()).toBe('eu-central-1');
    delete process.env.AWS_REGION;
    expect(await createDynamoDbClient().config.region()).toBe('us-west-1');
  });

  it('sends to the endpoint given, as the credentials given', async () => {
    const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret-example' };
    const client = createDynamoDbClient({ endpoint: 'http://127.0.0.1:9/', credentials });
    const endpoint = await client.config.endpoint?.();
    expect(`${endpoint?.protocol}//${endpoint?.hostname}:${endpoint?.port}`).toBe('http://127.0.0.1:9');
    expect(await client.config.credentials()).toMatchObject(credentials);
  });

  it('waits 500 ms for a connection and 1.5 s for an answer unless told otherwise, then fails the attempt', async () => {
    // The HTTP handler's own settings: waiting out the default on a silent server would take 6 s.
    const settingsOf = (client: ReturnType<typeof createDynamoDbClient>) =>
      (client.config.requestHandler as unknown as { configProvider: Promise<Record<string, unknown>> }).configProvider;
    expect(await settingsOf(createDynamoDbClient())).toMatchObject({
      connectionTimeout: 500,
      requestTimeout: 1_500,
      throwOnRequestTimeout: true,
    });
    expect(await settingsOf(createDynamoDbClient({ requestTimeoutMs: 250 }))).toMatchObject({ requestTimeout: 250 });
  });
});

describe('a DynamoDB that accepts connections and never answers', () => {
  let server: Server;
  let connections = 0;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    server = createServer((socket) => {
      connections++;
      sockets.push(socket);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    sockets.forEach((socket) => socket.destroy());
    await new Promise((resolve) => server.close(resolve));
  });

  it('is given up on after each attempt times out, with a TimeoutError after the last attempt', async () => {
    // Prepare
    const { port } = server.address() as AddressInfo;
    const client = createDynamoDbClient({
      endpoint: `http://127.0.0.1:${port}`,
      requestTimeoutMs: 100,
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    });
    // Act: a request that never gets an answer would wait forever without the request timeout.
    const failure = await client.send(new ListTablesCommand({})).catch((error: unknown) => error);
    // Assess
    expect((failure as Error).name).toBe('TimeoutError');
    expect(connections).toBe(DYNAMODB_MAX_ATTEMPTS);
    client.destroy();
  });
});

describe('createDocumentClient', () => {
  it('leaves out undefined attributes and keeps empty strings as strings on the wire', async () => {
    // Prepare: catch the request as it would be signed and sent, and answer it here.
    const client = createDynamoDbClient({
      endpoint: 'http://127.0.0.1:9',
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    });
    let sent: unknown;
    client.middlewareStack.add(
      () => async (args) => {
        sent = args.input;
        return { output: { $metadata: {} } as never, response: {} };
      },
      { step: 'build' },
    );
    // Act
    await createDocumentClient(client).send(
      new PutCommand({ TableName: 't', Item: { pk: 'DOC#1', notes: undefined, name: '' } }),
    );
    // Assess
    expect(sent).toStrictEqual({ TableName: 't', Item: { pk: { S: 'DOC#1' }, name: { S: '' } } });
  });
});
