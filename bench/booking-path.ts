/**
 * The booking path against DynamoDB Local: the create handler's latency against the bare
 * TransactWriteItems of the same items from the same client, and a conflict storm.
 */
import { randomUUID } from 'node:crypto';
import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  GetItemCommandInput,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { createLocalDynamoDbClient } from '../dev/local/dynamodb-client';
import { createDocumentClient } from '../src/data/client';
import { createTableRequest } from '../src/data/table-schema';
import { createLocalHandlers } from '../dev/local/handlers';
import { toAuthorizerContext } from '../src/identity/authorizer-context';
import type { CallerIdentity } from '../src/identity/caller-identity';
import { seedOpenProviders } from '../__tests__/support/providers';
import { Figure, ratioFigure } from './figures';
import { nowMs, percentile } from './stats';

const SLOT_MS = 15 * 60_000;
const P50_LIMIT = 1.3;

export async function createTable(client: DynamoDBClient, purpose: string): Promise<string> {
  const tableName = `bench-${purpose}-${randomUUID().slice(0, 8)}`;
  // Local ignores capacity; 1000 only keeps the request valid for any figure.
  await client.send(new CreateTableCommand(createTableRequest(tableName, 1000)));
  return tableName;
}

/** A slot start `days` ahead plus `minutes`, as `...Z` without fractions: always bookable. */
export const slotAhead = (days: number, minutes = 0) =>
  new Date(Math.ceil(Date.now() / SLOT_MS) * SLOT_MS + days * 86_400_000 + minutes * 60_000)
    .toISOString()
    .replace('.000Z', 'Z');

/** Who sends every bench request: staff of one tenant, as the API's authorizer passes it on. */
export const BENCH_CALLER: CallerIdentity = { tenantId: 'bench', role: 'staff', subject: 'bench-staff' };

/** Gives the bench tenant's `providerIds` an always-open profile in `tableName`, before anything is timed. */
export async function seedBenchProviders(client: DynamoDBClient, tableName: string, providerIds: readonly string[]) {
  await seedOpenProviders(
    { documentClient: createDocumentClient(client), tableName },
    BENCH_CALLER.tenantId,
    providerIds,
  );
}

export const createEvent = (body: unknown, idempotencyKey?: string) =>
  ({
    resource: '/appointments',
    path: '/appointments',
    httpMethod: 'POST',
    headers: { 'Content-Type': 'application/json', ...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}) },
    multiValueHeaders: {},
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    body: JSON.stringify(body),
    isBase64Encoded: false,
    requestContext: {
      requestId: randomUUID(),
      identity: { apiKeyId: 'bench' },
      authorizer: { principalId: BENCH_CALLER.subject, ...toAuthorizerContext(BENCH_CALLER) },
    },
  }) as unknown as Parameters<ReturnType<typeof createLocalHandlers>['create-appointment']>[0];

const context = { awsRequestId: 'bench' } as Parameters<
  ReturnType<typeof createLocalHandlers>['create-appointment']
>[1];

export const booking = (providerId: string, start: string, durationMinutes = 30, customerId = `c-${providerId}`) => ({
  providerId,
  customer: { customerId, name: 'Bench Customer', email: 'bench@example.com' },
  start,
  durationMinutes,
  timeZone: 'America/Los_Angeles',
});

/** Runs `count` tasks with at most `concurrency` in flight. */
async function pool(count: number, concurrency: number, task: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

/**
 * Latency of the create handler (with an Idempotency-Key: a GetItem of the provider's profile,
 * then one transaction of 7 items: appointment, 2 slot locks, customer's bookings, profile
 * version check, day counter, idempotency record) and, interleaved in rounds, of the same
 * requests replayed bare on a twin table from the same client: the floor is the database round
 * trips themselves; the difference is the handler's own work, availability decided included.
 */
export async function measureLatency(endpoint: string, concurrency: number, perRound: number, rounds: number) {
  const client = createLocalDynamoDbClient(endpoint);
  const handlerTable = await createTable(client, 'latency');
  const floorTable = await createTable(client, 'floor');
  // One provider per booking (`lat-<concurrency>-<i>` below), in both tables: the floor replays
  // the handler's transactions, which check the provider's profile.
  const providerIds = Array.from({ length: (rounds + 1) * perRound }, (_, i) => `lat-${concurrency}-${i}`);
  for (const table of [handlerTable, floorTable]) await seedBenchProviders(client, table, providerIds);
  const create = createLocalHandlers({
    client: createDocumentClient(client),
    tableName: handlerTable,
    pageTokenSecret: 'bench',
  })['create-appointment'];
  const captured: string[] = [];
  const capturedReads: string[] = [];
  client.middlewareStack.add(
    (next) => async (args) => {
      const raw = (args.request as { body?: unknown }).body;
      // The SDK serialises JSON protocols to bytes; older versions to a string.
      const body = raw instanceof Uint8Array ? new TextDecoder().decode(raw) : raw;
      if (typeof body === 'string' && body.includes(handlerTable)) {
        if (body.includes('"TransactItems"')) captured.push(body);
        else if (body.includes('"PROFILE#')) capturedReads.push(body);
      }
      return next(args);
    },
    { step: 'finalizeRequest', name: 'capture-requests', priority: 'low' },
  );
  const handlerMs: number[] = [];
  const floorMs: number[] = [];
  const transactionMs: number[] = [];
  let sequence = 0;
  for (let round = 0; round <= rounds; round++) {
    const record = round > 0; // round 0 warms both paths up
    captured.length = 0;
    capturedReads.length = 0;
    await pool(perRound, concurrency, async () => {
      const i = sequence++;
      const event = createEvent(booking(`lat-${concurrency}-${i}`, slotAhead(1 + (i % 300))), `key-${i}`);
      const started = nowMs();
      const answer = await create(event, context);
      if (record) handlerMs.push(nowMs() - started);
      if (answer.statusCode !== 201) throw new Error(`create answered ${answer.statusCode}: ${answer.body}`);
    });
    const onFloor = (body: string) => JSON.parse(body.split(handlerTable).join(floorTable));
    const bodies = captured.map(onFloor);
    const reads = capturedReads.map(onFloor) as GetItemCommandInput[];
    if (reads.length !== bodies.length) throw new Error(`${reads.length} profile reads for ${bodies.length} bookings`);
    await pool(bodies.length, concurrency, async (i) => {
      const { ClientRequestToken: _token, ...input } = bodies[i];
      const started = nowMs();
      await client.send(new GetItemCommand(reads[i]));
      const read = nowMs();
      await client.send(new TransactWriteItemsCommand(input));
      if (record) {
        floorMs.push(nowMs() - started);
        transactionMs.push(nowMs() - read);
      }
    });
  }
  client.destroy();
  const stats = (samples: number[]) => ({ p50: percentile(samples, 50), p99: percentile(samples, 99) });
  return {
    handler: stats(handlerMs),
    floor: stats(floorMs),
    transaction: stats(transactionMs),
    samples: handlerMs.length,
  };
}

export async function latencyFigures(endpoint: string, concurrency: number, perRound: number, rounds: number) {
  const r = await measureLatency(endpoint, concurrency, perRound, rounds);
  const name = `create handler, concurrency ${concurrency}`;
  const note =
    `${r.samples} bookings each; floor = the same GetItem of the profile and TransactWriteItems (7 items) ` +
    'from the same client';
  const figures: Figure[] = [
    ratioFigure(
      { section: 'booking path', name: `${name}: p50`, value: r.handler.p50, unit: 'ms', floor: r.floor.p50, note },
      P50_LIMIT,
      'limit: the handler work around the two requests (validation, availability rules, JSON, idempotency hash, SDK marshalling).',
    ),
    {
      section: 'booking path',
      name: `${name}: p50 against the transaction alone`,
      value: r.handler.p50,
      unit: 'ms',
      floor: r.transaction.p50,
      ratio: r.handler.p50 / r.transaction.p50,
      verdict: 'INFO',
      note: 'what deciding availability costs: the profile read is part of the handler here',
    },
    {
      section: 'booking path',
      name: `${name}: p99`,
      value: r.handler.p99,
      unit: 'ms',
      floor: r.floor.p99,
      ratio: r.handler.p99 / r.floor.p99,
      verdict: 'INFO',
    },
  ];
  return { figures, raw: r };
}

interface StoredItem {
  pk: string;
  appointmentId?: string;
  providerId?: string;
  start?: string;
  end?: string;
  status?: string;
}

/** 1,000 bookings on 50 providers' 16 morning slots, 32 at a time: most of them collide. */
export async function conflictStorm(endpoint: string, bookings = 1000, providers = 50, concurrency = 32) {
  const client = createLocalDynamoDbClient(endpoint);
  const documentClient = createDocumentClient(client);
  const tableName = await createTable(client, 'storm');
  await seedBenchProviders(
    client,
    tableName,
    Array.from({ length: providers }, (_, p) => `storm-${p}`),
  );
  const create = createLocalHandlers({ client: documentClient, tableName, pageTokenSecret: 'bench' })[
    'create-appointment'
  ];
  const statuses: Record<number, number> = {};
  const started = nowMs();
  await pool(bookings, concurrency, async (i) => {
    const provider = `storm-${i % providers}`;
    const slot = Math.floor(Math.random() * 16);
    const minutes = 15 * (1 + Math.floor(Math.random() * 4));
    const answer = await create(createEvent(booking(provider, slotAhead(3, slot * 15), minutes)), context);
    statuses[answer.statusCode] = (statuses[answer.statusCode] ?? 0) + 1;
  });
  const seconds = (nowMs() - started) / 1000;

  const items: StoredItem[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(
      new ScanCommand({ TableName: tableName, ExclusiveStartKey: start, ConsistentRead: true }),
    );
    items.push(...((page.Items ?? []) as StoredItem[]));
    start = page.LastEvaluatedKey;
  } while (start);
  client.destroy();

  const confirmed = items.filter((item) => item.pk.startsWith('APPT#') && item.status === 'CONFIRMED');
  let doubleBooked = 0;
  for (let p = 0; p < providers; p++) {
    const own = confirmed
      .filter((item) => item.providerId === `storm-${p}`)
      .sort((a, b) => String(a.start).localeCompare(String(b.start)));
    for (let k = 1; k < own.length; k++) if (String(own[k].start) < String(own[k - 1].end)) doubleBooked++;
  }
  return { seconds, statuses, confirmed: confirmed.length, doubleBooked, bookings, providers, concurrency };
}

export function stormFigures(r: Awaited<ReturnType<typeof conflictStorm>>): Figure[] {
  const created = r.statuses[201] ?? 0;
  const conflicts = r.statuses[409] ?? 0;
  const other = r.bookings - created - conflicts;
  const section = 'conflict storm';
  const setup = `${r.bookings} bookings, ${r.providers} providers, concurrency ${r.concurrency}`;
  return [
    {
      section,
      name: 'throughput',
      value: r.bookings / r.seconds,
      unit: 'bookings/s',
      verdict: 'INFO',
      note: `${setup}; ${r.seconds.toFixed(1)} s; DynamoDB Local on this machine, not AWS`,
    },
    { section, name: 'booked (201)', value: created, unit: '', verdict: 'INFO' },
    { section, name: 'conflicts (409)', value: conflicts, unit: '', verdict: 'INFO' },
    {
      section,
      name: 'other answers (503 after retries)',
      value: other,
      unit: '',
      target: '0',
      verdict: other === 0 ? 'PASS' : 'MISS',
      note: other === 0 ? '' : `answers: ${JSON.stringify(r.statuses)}; limit: TransactionConflict retries exhausted`,
    },
    {
      section,
      name: 'providers double-booked',
      value: r.doubleBooked,
      unit: '',
      target: '0',
      verdict: r.doubleBooked === 0 && r.confirmed === created ? 'PASS' : 'MISS',
      note: `${r.confirmed} confirmed appointments stored, ${created} answered 201`,
    },
  ];
}
