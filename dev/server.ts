/**
 * `npm run dev`: the appointments API on http://127.0.0.1:$PORT over a real DynamoDB engine
 * (DynamoDB Local), with the notification pipeline running in-process, and its own identity
 * provider (a key pair made at start, the JWKS, `POST /dev/tokens`). See README, "Run it
 * locally". Options: `--persist <dir>` keeps the data between runs; PORT (default 3000) and
 * API_KEY (default: a new one, printed) come from the environment.
 */
import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ResourceInUseException, CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { PUBLISHED_DOCUMENTS } from '../src/contract/published-documents';
import { OPENAPI_DOCUMENT } from '../src/contract/openapi';
import { createDocumentClient } from '../src/data/client';
import { createTableRequest } from '../src/data/table-schema';
import { createLocalDynamoDbClient } from './local/dynamodb-client';
import { createLocalHandlers } from './local/handlers';
import { startLocalNotifications } from './local/notifications';
import { startDynamoDbLocal } from './local/dynamodb-engine';
import { attachLocalApi, generateApiKey } from './local/api-gateway';
import { createLocalIssuer, LocalSigningKey } from './local/local-issuer';
import { MAX_TOKEN_LIFETIME_SECONDS } from './local/token-requests';
import { REFERENCE_PAGE_PATH, referencePageFiles } from './reference-page/reference-page';

export interface DevServerOptions {
  /** @default 3000; 0 picks a free port */
  readonly port?: number;
  /** @default a generated key */
  readonly apiKey?: string;
  /** Directory for DynamoDB Local's data; in memory when absent. */
  readonly persistDir?: string;
  /** @default <tmp>/appointments-dev-<pid>/notifications.jsonl */
  readonly notificationsFile?: string;
  /** Where notification lines are echoed. @default stdout */
  readonly output?: NodeJS.WritableStream;
  /** The key local tokens are signed with. @default a new RSA key pair, made at start */
  readonly signingKey?: LocalSigningKey;
  /**
   * A DynamoDB Local that is already running, and the table to use in it (created when absent):
   * the tests' servers share the engine of the whole run, warm, instead of starting a JVM each.
   * `stop` leaves that engine running. @default a new engine, with table LOCAL_TABLE_NAME
   */
  readonly dynamoDb?: { readonly endpoint: string; readonly tableName: string };
}

export interface DevServer {
  readonly url: string;
  readonly apiKey: string;
  readonly notificationsFile: string;
  /** A staff token of tenant DEMO_TENANT_ID, valid for a day from the start (the `staff token:` line). */
  readonly staffToken: string;
  /** The DynamoDB Local endpoint and table the server uses, for tests and tools that read the table. */
  readonly dynamoDb: { readonly endpoint: string; readonly tableName: string };
  stop(): Promise<void>;
}

export const LOCAL_TABLE_NAME = 'appointments-local-appointments';
/** The tenant of the staff token printed at start. */
export const DEMO_TENANT_ID = 'demo';
/** The subject of the ready staff token printed at start. */
export const DEMO_STAFF_SUBJECT = 'demo-staff';

export async function startDevServer(options: DevServerOptions = {}): Promise<DevServer> {
  if (options.dynamoDb && options.persistDir)
    throw new Error('persistDir is for an engine the server starts; a running engine keeps its own data');
  const engine = options.dynamoDb
    ? { endpoint: options.dynamoDb.endpoint, stop: async () => undefined }
    : await startDynamoDbLocal({ persistDir: options.persistDir });
  const tableName = options.dynamoDb?.tableName ?? LOCAL_TABLE_NAME;
  const stops: (() => Promise<void>)[] = [() => engine.stop()];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };
  try {
    const client = createLocalDynamoDbClient(engine.endpoint);
    stops.push(async () => client.destroy());
    await client.send(new CreateTableCommand(createTableRequest(tableName))).catch((e: unknown) => {
      if (!(e instanceof ResourceInUseException)) throw e; // a persisted table is reused
    });

    const notificationsFile =
      options.notificationsFile ?? path.join(tmpdir(), `appointments-dev-${process.pid}`, 'notifications.jsonl');
    mkdirSync(path.dirname(notificationsFile), { recursive: true });
    appendFileSync(notificationsFile, ''); // exists from the start, so it can be tailed at once
    const notifications = await startLocalNotifications({
      client,
      tableName,
      notificationsFile,
      output: options.output,
    });
    stops.push(() => notifications.stop());

    const apiKey = options.apiKey ?? generateApiKey();
    const handlers = createLocalHandlers({
      client: createDocumentClient(client),
      tableName,
      pageTokenSecret: randomBytes(32).toString('hex'),
    });
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 3000, '127.0.0.1', resolve);
    });
    stops.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // The issuer is the server's own URL, known once it listens; nothing is served before this.
    const issuer = createLocalIssuer({ issuer: url, signingKey: options.signingKey });
    // The OpenAPI and AsyncAPI documents and the notification schemas, at their paths under docs/.
    // The OpenAPI document names this server, on whatever port it listens: a client generated from
    // it, or "Try it" in the reference page, reaches the server that served it.
    const documents: Record<string, unknown> = Object.fromEntries(
      Object.entries(PUBLISHED_DOCUMENTS).map(([file, doc]) => [`/${file}`, doc]),
    );
    documents['/openapi.json'] = { ...OPENAPI_DOCUMENT, servers: [{ url, description: 'this npm run dev server' }] };
    attachLocalApi(server, {
      handlers,
      apiKey,
      issuer,
      documents,
      files: referencePageFiles({ openApiPath: '/openapi.json' }),
    });
    const { token: staffToken } = issuer.issue({
      tenantId: DEMO_TENANT_ID,
      role: 'staff',
      subject: DEMO_STAFF_SUBJECT,
      expiresInSeconds: MAX_TOKEN_LIFETIME_SECONDS,
    });
    const dynamoDb = { endpoint: engine.endpoint, tableName };
    return { url, apiKey, notificationsFile, staffToken, dynamoDb, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

function parseArgs(argv: string[]): { persistDir?: string } {
  const args: { persistDir?: string } = {};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--persist') {
      const dir = argv[++i];
      if (!dir) throw new Error('--persist needs a directory: npm run dev -- --persist ./.dev-data');
      mkdirSync(dir, { recursive: true });
      args.persistDir = path.resolve(dir);
    } else {
      throw new Error(`Unknown option ${argv[i]}; the only option is --persist <dir>`);
    }
  }
  return args;
}

async function main(): Promise<void> {
  const { persistDir } = parseArgs(process.argv.slice(2));
  const port = process.env.PORT === undefined ? 3000 : Number(process.env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT "${process.env.PORT}" is not a port number`);
  const givenKey = process.env.API_KEY;
  const server = await startDevServer({ port, apiKey: givenKey || undefined, persistDir });
  console.log(`data: ${persistDir ? `persisted in ${persistDir}` : 'in memory (use --persist <dir> to keep it)'}`);
  console.log(`notifications: ${server.notificationsFile}`);
  if (!givenKey) console.log(`API key (set API_KEY to choose one): ${server.apiKey}`);
  console.log(`OpenAPI: ${server.url}/openapi.json`);
  console.log(`API reference (Authorize with the key and token printed here): ${server.url}${REFERENCE_PAGE_PATH}`);
  console.log(`JWKS: ${server.url}/.well-known/jwks.json; more tokens: POST ${server.url}/dev/tokens`);
  console.log(`staff token: ${server.staffToken}`);
  console.log(`listening on ${server.url}`);
  const shutdown = () => {
    server.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

if (require.main === module) {
  main().catch((error: Error) => {
    console.error(`npm run dev failed: ${error.message}`);
    process.exit(1);
  });
}
