/**
 * Shared by the function and data tests: a fresh table on the run's DynamoDB Local, API Gateway
 * REST proxy events, and whole-table reads (a Scan is fine in tests, never on the request path).
 */
import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { createDocumentClient } from '../../src/data/client';
import { createLocalDynamoDbClient } from '../../dev/local/dynamodb-client';
import { createTableRequest } from '../../src/data/table-schema';
import { toAuthorizerContext } from '../../src/identity/authorizer-context';
import type { CallerIdentity } from '../../src/identity/caller-identity';
import { seedOpenProviders } from '../support/providers';

export interface TestTable {
  readonly tableName: string;
  readonly client: DynamoDBClient;
  readonly documentClient: DynamoDBDocumentClient;
  drop(): Promise<void>;
}

/** The run's DynamoDB Local, started by jest's globalSetup. */
export function localEndpoint(): string {
  const endpoint = process.env.DYNAMODB_ENDPOINT;
  if (!endpoint)
    throw new Error('DYNAMODB_ENDPOINT is not set: run through jest, whose globalSetup starts DynamoDB Local');
  return endpoint;
}

/** A table name no other test file of the run uses. */
export const uniqueTableName = (purpose: string): string => `${purpose}-${randomUUID().slice(0, 8)}`;

export interface TestTableOptions {
  /**
   * The providers the test books, by tenant: each gets ../support/providers' OPEN_PROFILE, so
   * that a booking names a provider of its tenant that is open whenever it is asked for.
   */
  readonly openProviders?: Readonly<Record<string, readonly string[]>>;
}

export async function createTestTable(purpose: string, options: TestTableOptions = {}): Promise<TestTable> {
  const tableName = uniqueTableName(purpose);
  const client = createLocalDynamoDbClient(localEndpoint());
  await client.send(new CreateTableCommand(createTableRequest(tableName)));
  const table: TestTable = {
    tableName,
    client,
    documentClient: createDocumentClient(client),
    async drop() {
      await client.send(new DeleteTableCommand({ TableName: tableName }));
      client.destroy();
    },
  };
  for (const [tenantId, providerIds] of Object.entries(options.openProviders ?? {})) {
    await seedOpenProviders(table, tenantId, providerIds);
  }
  return table;
}

/** Every item, sorted by key, so two scans can be compared for equality. */
export async function scanTable(
  table: Pick<TestTable, 'tableName' | 'documentClient'>,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await table.documentClient.send(
      new ScanCommand({ TableName: table.tableName, ExclusiveStartKey: start, ConsistentRead: true }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  const key = (item: Record<string, unknown>) => `${item.pk}|${item.sk}`;
  return items.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

export interface EventOptions {
  readonly body?: unknown;
  /** Sent as is (for malformed JSON tests) instead of JSON.stringify(body). */
  readonly rawBody?: string;
  readonly headers?: Record<string, string>;
  readonly query?: Record<string, string>;
  readonly multiQuery?: Record<string, string[]>;
  readonly appointmentId?: string;
  readonly apiKeyId?: string;
  /**
   * Who calls: the authorizer's context the event carries; `null` for none (an API without its
   * authorizer). @default TEST_STAFF
   */
  readonly caller?: CallerIdentity | null;
}

/** The tenant every test event belongs to unless it says otherwise. */
export const TEST_TENANT = 'clinic-a';

/** Callers of the tests' events, as the authorizer would describe them. */
export const staffOf = (tenantId: string, subject = 'staff-1'): CallerIdentity => ({
  tenantId,
  role: 'staff',
  subject,
});
export const providerOf = (tenantId: string, providerId: string, subject = `sub-${providerId}`): CallerIdentity => ({
  tenantId,
  role: 'provider',
  subject,
  providerId,
});
export const customerOf = (tenantId: string, customerId: string, subject = `sub-${customerId}`): CallerIdentity => ({
  tenantId,
  role: 'customer',
  subject,
  customerId,
});
export const TEST_STAFF = staffOf(TEST_TENANT);

/** `requestContext.authorizer` as API Gateway passes a Lambda authorizer's answer on. */
export const authorizerContextOf = (caller: CallerIdentity) => ({
  principalId: caller.subject,
  ...toAuthorizerContext(caller),
});

export function apiEvent(method: string, options: EventOptions = {}): APIGatewayProxyEvent {
  const resource = options.appointmentId === undefined ? '/appointments' : '/appointments/{appointmentId}';
  const path = options.appointmentId === undefined ? '/appointments' : `/appointments/${options.appointmentId}`;
  const body = options.rawBody ?? (options.body === undefined ? null : JSON.stringify(options.body));
  const multi =
    options.multiQuery ??
    (options.query ? Object.fromEntries(Object.entries(options.query).map(([k, v]) => [k, [v]])) : null);
  return {
    resource,
    path,
    httpMethod: method,
    headers: { 'Content-Type': 'application/json', 'x-api-key': 'test-api-key-value', ...options.headers },
    multiValueHeaders: {},
    queryStringParameters:
      options.query ?? (multi ? Object.fromEntries(Object.entries(multi).map(([k, v]) => [k, v[v.length - 1]])) : null),
    multiValueQueryStringParameters: multi,
    pathParameters: options.appointmentId === undefined ? null : { appointmentId: options.appointmentId },
    stageVariables: null,
    body,
    isBase64Encoded: false,
    requestContext: {
      requestId: randomUUID(),
      identity: { apiKeyId: options.apiKeyId ?? 'test-key-id' },
      ...(options.caller === null ? {} : { authorizer: authorizerContextOf(options.caller ?? TEST_STAFF) }),
    } as APIGatewayProxyEvent['requestContext'],
  };
}

export const lambdaContext = (): Context =>
  ({ awsRequestId: randomUUID(), functionName: 'test', getRemainingTimeInMillis: () => 10_000 }) as unknown as Context;

export type Invoke = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

export interface Answer {
  readonly status: number;
  readonly headers: Record<string, unknown>;
  readonly body: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  readonly rawBody: string;
}

export async function call(handler: Invoke, event: APIGatewayProxyEvent): Promise<Answer> {
  const result = await handler(event, lambdaContext());
  return {
    status: result.statusCode,
    headers: result.headers ?? {},
    body: result.body ? JSON.parse(result.body) : {},
    rawBody: result.body,
  };
}

const SLOT_MS = 15 * 60_000;

/**
 * When this test file was loaded (each file has its own module registry): every futureSlot of a
 * file counts from this one instant. Counted from each call's Date.now(), two calls of one test
 * fell in different quarter hours when the test ran across a 15-minute boundary (change-api's
 * reschedule test failed so in a loaded run that crossed 21:30).
 */
const FILE_LOADED_MS = Date.now();

/** A slot start `days` days from the file's start plus `minutes`, as UTC `...Z`: always bookable. */
export function futureSlot(days: number, minutes = 0, now = FILE_LOADED_MS): string {
  const base = Math.ceil(now / SLOT_MS) * SLOT_MS + days * 86_400_000 + minutes * 60_000;
  return new Date(base).toISOString().replace('.000Z', 'Z');
}

export function bookingBody(overrides: Record<string, unknown> = {}) {
  return {
    providerId: 'dr-who',
    customer: { customerId: 'cust-1', name: 'Ada Lovelace', email: 'ada@example.com', phone: '+14155550100' },
    start: futureSlot(2),
    durationMinutes: 30,
    timeZone: 'America/Los_Angeles',
    ...overrides,
  };
}
