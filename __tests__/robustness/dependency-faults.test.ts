/**
 * DynamoDB failing under the handlers: refused connections, slow answers, throttling, and a
 * response lost after the transaction committed. The client is the repository's own (factory,
 * timeouts, SDK retry strategy), reaching DynamoDB Local through a fault-injecting proxy.
 */
import { createLocalHandlers } from '../../dev/local/handlers';
import { bookingBody, createTestTable, futureSlot, scanTable, TestTable } from '../functions/helpers';
import { FaultMode, FaultProxy, startFaultProxy } from './support/fault-proxy';
import {
  expectLocksMatchAppointments,
  FUNCTION_TIMEOUT_MS,
  runInChildProcess,
  TimedAnswer,
  timedCall,
} from './support/fault-scenarios';
import { productionClientThrough } from './support/faulty-dynamodb';
import { newFigures, recordFigures } from './support/figures';

const figures = newFigures();

/** A table of its own, a fault proxy before the engine, the repository's client through it, and the handlers on them. */
interface FaultBench {
  readonly table: TestTable;
  readonly proxy: FaultProxy;
  readonly handlers: ReturnType<typeof createLocalHandlers>;
  /** An appointment booked before any fault, that the reads and changes address. */
  readonly existingId: string;
  close(): Promise<void>;
}

async function startFaultBench(purpose: string, providerIds: readonly string[]): Promise<FaultBench> {
  const table = await createTestTable(purpose, { openProviders: { 'clinic-a': ['f-existing', ...providerIds] } });
  const proxy = await startFaultProxy(String(process.env.DYNAMODB_ENDPOINT));
  const client = productionClientThrough(proxy.url);
  const handlers = createLocalHandlers({
    client: client.documentClient,
    tableName: table.tableName,
    pageTokenSecret: 'faults',
  });
  const booked = await timedCall(handlers['create-appointment'], 'POST', {
    body: bookingBody({ providerId: 'f-existing' }),
  });
  return {
    table,
    proxy,
    handlers,
    existingId: JSON.parse(booked.rawBody).appointmentId,
    async close() {
      figures.faultsInjected += proxy.faultsInjected;
      await proxy.close();
      client.client.destroy();
      await table.drop();
    },
  };
}

/** The bench of the tests that run one after another; the ones that wait out retries have their own. */
let bench: FaultBench;

beforeAll(async () => {
  bench = await startFaultBench('robustness-faults', ['f-stopped', 'f-cancelled', 'f-lost-keyed', 'f-lost']);
});

afterEach(() => bench.proxy.setMode({ kind: 'pass' }));

afterAll(async () => {
  await bench?.close();
  recordFigures('dependency-faults', figures);
});

/**
 * Runs `scenario` on a bench of its own and closes it. For the scenarios that spend their time
 * waiting (a slow engine, throttling: the SDK's backoff), which then wait side by side
 * (`it.concurrent`) instead of one after another.
 */
async function onOwnBench(purpose: string, providerId: string, scenario: (b: FaultBench) => Promise<void>) {
  const own = await startFaultBench(purpose, [providerId]);
  try {
    await scenario(own);
  } finally {
    await own.close();
  }
}

/** One request per operation; the create books `providerId` with `key`. */
const everyOperation = (existingId: string, providerId: string, key: string) =>
  [
    {
      operation: 'create-appointment',
      method: 'POST',
      options: { body: bookingBody({ providerId }), headers: { 'Idempotency-Key': key } },
    },
    { operation: 'get-appointment', method: 'GET', options: { appointmentId: existingId } },
    { operation: 'list-appointments', method: 'GET', options: { query: { providerId: 'f-existing' } } },
    {
      operation: 'update-appointment',
      method: 'PATCH',
      options: { appointmentId: existingId, body: { start: futureSlot(9) } },
    },
    { operation: 'cancel-appointment', method: 'DELETE', options: { appointmentId: existingId } },
  ] as const;

function expectUnavailableInTime(answers: readonly TimedAnswer[]): void {
  for (const answer of answers) {
    expect({ status: answer.status, retryAfter: answer.headers['Retry-After'] }).toEqual({
      status: 503,
      retryAfter: '1',
    });
    expect(JSON.parse(answer.rawBody).error.code).toBe('SERVICE_UNAVAILABLE');
    expect(answer.elapsedMs).toBeLessThan(FUNCTION_TIMEOUT_MS);
    figures.invariantsChecked += 3;
  }
}

/** After recovery, the same keyed create twice: one appointment, the same answer both times. */
async function expectKeyedRetryConverges(
  { handlers, table }: FaultBench,
  providerId: string,
  key: string,
): Promise<void> {
  const retry = () =>
    timedCall(handlers['create-appointment'], 'POST', {
      body: bookingBody({ providerId }),
      headers: { 'Idempotency-Key': key },
    });
  const [first, second] = [await retry(), await retry()];
  expect([first.status, second.status]).toEqual([201, 201]);
  expect(second.rawBody).toBe(first.rawBody);
  const items = await scanTable(table);
  const appointments = items.filter((item) => item.sk === 'APPOINTMENT' && item.providerId === providerId);
  expect(appointments.map((item) => item.appointmentId)).toEqual([JSON.parse(first.rawBody).appointmentId]);
  figures.invariantsChecked += 3 + expectLocksMatchAppointments(items);
}

const runAll = ({ handlers, existingId }: FaultBench, providerId: string, key: string) =>
  Promise.all(
    everyOperation(existingId, providerId, key).map((r) => timedCall(handlers[r.operation], r.method, r.options)),
  );

describe('with DynamoDB failing, every operation answers 503 with Retry-After within the function timeout', () => {
  it('engine stopped (connections refused): 503, nothing written; after recovery a keyed create retry books exactly once', async () => {
    // Prepare
    const { table, proxy } = bench;
    const before = await scanTable(table);
    await proxy.setMode({ kind: 'stopped' });
    // Act: in a plain Node process, where Node's network errors keep their code as in Lambda.
    const { answers, attempts } = await runInChildProcess(
      proxy.url,
      table.tableName,
      everyOperation(bench.existingId, 'f-stopped', 'key-stopped'),
    );
    await proxy.setMode({ kind: 'pass' });
    // Assess
    figures.faultsInjected += attempts;
    expect(attempts).toBe(5 * 4); // each operation's first read or write, tried 4 times
    expectUnavailableInTime(answers);
    expect(await scanTable(table)).toEqual(before);
    await expectKeyedRetryConverges(bench, 'f-stopped', 'key-stopped');
  });

  it.concurrent(
    'engine slower than the request timeout: 503 in time; the create may have committed, and its keyed retry answers that one booking',
    () =>
      onOwnBench('robustness-faults-slow', 'f-slow', async (own) => {
        await own.proxy.setMode({ kind: 'slow', delayMs: 2_000 });
        const answers = await runAll(own, 'f-slow', 'key-slow');
        await own.proxy.setMode({ kind: 'pass' });
        expectUnavailableInTime(answers);
        await expectKeyedRetryConverges(own, 'f-slow', 'key-slow');
      }),
  );

  const throttling: [string, FaultMode][] = [
    ['ProvisionedThroughputExceededException', throttle('ProvisionedThroughputExceededException')],
    ['ThrottlingException', throttle('ThrottlingException')],
  ];
  it.concurrent.each(throttling)('throttled with %s: 503 in time, nothing written', (name, mode) =>
    onOwnBench(`robustness-faults-${name}`, 'f-throttled', async (own) => {
      const before = await scanTable(own.table);
      await own.proxy.setMode(mode);
      const answers = await runAll(own, 'f-throttled', 'key-throttled');
      await own.proxy.setMode({ kind: 'pass' });
      expectUnavailableInTime(answers);
      expect(await scanTable(own.table)).toEqual(before);
    }),
  );

  it('write transactions cancelled for throttling (ThrottlingError reasons) are retried, then answer 503; reads still work; nothing written', async () => {
    const { table, proxy } = bench;
    const before = await scanTable(table);
    await proxy.setMode({
      kind: 'error',
      status: 400,
      type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',
      message:
        'Transaction cancelled, please refer cancellation reasons for specific reasons [ThrottlingError, ThrottlingError]',
      extra: {
        CancellationReasons: [{ Code: 'ThrottlingError' }, { Code: 'ThrottlingError' }, { Code: 'ThrottlingError' }],
      },
      operation: 'TransactWriteItems',
    });
    const faultsBefore = proxy.faultsInjected;
    const [create, get, list, update, cancel] = await runAll(bench, 'f-cancelled', 'key-cancelled');
    // Create, reschedule and cancel each send their transaction 3 times (the repository's retries).
    expect(proxy.faultsInjected - faultsBefore).toBe(3 * 3);
    expectUnavailableInTime([create, update, cancel]);
    expect([get.status, list.status]).toEqual([200, 200]);
    expect(await scanTable(table)).toEqual(before);
  });
});

describe('a response lost after DynamoDB committed', () => {
  it('the SDK retry of the same transaction answers the one booking: no double booking, with or without Idempotency-Key', async () => {
    const { table, proxy, handlers } = bench;
    for (const [providerId, headers] of [
      ['f-lost-keyed', { 'Idempotency-Key': 'key-lost' }],
      ['f-lost', {}],
    ] as const) {
      await proxy.setMode({ kind: 'drop-after-commit', operation: 'TransactWriteItems', times: 1 });
      const answer = await timedCall(handlers['create-appointment'], 'POST', {
        body: bookingBody({ providerId }),
        headers,
      });
      expect(answer.status).toBe(201);
      const items = await scanTable(table);
      const booked = items.filter((item) => item.sk === 'APPOINTMENT' && item.providerId === providerId);
      expect(booked.map((item) => item.appointmentId)).toEqual([JSON.parse(answer.rawBody).appointmentId]);
      figures.invariantsChecked += 2 + expectLocksMatchAppointments(items);
    }
    await expectKeyedRetryConverges(bench, 'f-lost-keyed', 'key-lost');
  });

  it('a reschedule whose answer was lost is applied once: version + 1, not + 2, and the locks moved', async () => {
    const { table, proxy, handlers, existingId } = bench;
    const current = JSON.parse(
      (await timedCall(handlers['get-appointment'], 'GET', { appointmentId: existingId })).rawBody,
    );
    await proxy.setMode({ kind: 'drop-after-commit', operation: 'TransactWriteItems', times: 1 });
    const moved = await timedCall(handlers['update-appointment'], 'PATCH', {
      appointmentId: existingId,
      body: { start: futureSlot(11) },
    });
    expect(moved.status).toBe(200);
    expect(JSON.parse(moved.rawBody).version).toBe(current.version + 1);
    figures.invariantsChecked += 2 + expectLocksMatchAppointments(await scanTable(table));
  });
});

function throttle(name: string): FaultMode {
  return {
    kind: 'error',
    status: 400,
    type: `com.amazonaws.dynamodb.v20120810#${name}`,
    message: 'Rate of requests exceeds the allowed throughput.',
  };
}
