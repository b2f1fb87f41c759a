/** The repository's transactions, seen from the table: what a failure leaves, what a retry is. */
import { mockClient } from 'aws-sdk-client-mock';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { newAppointment, parseCreateRequest } from '../../src/domain/booking';
import { AppointmentError } from '../../src/domain/errors';
import { DYNAMODB_MAX_ATTEMPTS, createDynamoDbClient } from '../../src/data/client';
import { DynamoAppointmentRepository } from '../../src/data/dynamo-repository';
import { pageTokenSecretSource } from '../../src/data/page-token-secret';
import { bookingBody, createTestTable, futureSlot, scanTable, TestTable } from '../functions/helpers';
import { openClaim } from '../support/calendar-claims';
import { seedOpenProviders } from '../support/providers';

let table: TestTable;
beforeAll(async () => {
  table = await createTestTable('repository');
  await seedOpenProviders(table, 'clinic-a', ['p-bytes', 'p-ttl', 'p-ttl-gone']);
});
afterAll(() => table.drop());

const NOW = new Date();
const appointment = (id: string, overrides: Record<string, unknown>) =>
  newAppointment(parseCreateRequest(bookingBody(overrides), NOW), id, NOW);

describe('DynamoAppointmentRepository', () => {
  it('leaves the table byte-for-byte as it was when a booking transaction fails on a taken slot', async () => {
    // Prepare
    const repository = new DynamoAppointmentRepository({
      client: table.documentClient,
      tableName: table.tableName,
      tenantId: 'clinic-a',
      clock: () => NOW,
    });
    const first = appointment('first', { providerId: 'p-bytes', start: futureSlot(2), durationMinutes: 120 });
    await repository.create(first, openClaim(first));
    const before = JSON.stringify(await scanTable(table));
    // Act: 8 new slots, only the last of which is taken; with an idempotency record too.
    const second = appointment('second', { providerId: 'p-bytes', start: futureSlot(2, -105), durationMinutes: 120 });
    const failure = await repository
      .create(second, openClaim(second), {
        claim: { subject: 's', key: 'k', requestHash: 'h', response: { statusCode: 201, body: '{}' } },
      })
      .catch((error: unknown) => error);
    // Assess
    expect((failure as AppointmentError).code).toBe('SLOT_CONFLICT');
    expect(JSON.stringify(await scanTable(table))).toBe(before);
  });

  it('retries a transaction cancelled only by TransactionConflict, then answers SERVICE_UNAVAILABLE, never SLOT_CONFLICT', async () => {
    // Prepare
    const documentClient = DynamoDBDocumentClient.from(createDynamoDbClient({ endpoint: 'http://127.0.0.1:9' }));
    const mock = mockClient(documentClient);
    // The customer's bookings item is read first: none yet.
    mock.on(GetCommand).resolves({});
    mock.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: 'Transaction cancelled',
        $metadata: {},
        CancellationReasons: [{ Code: 'None' }, { Code: 'TransactionConflict' }],
      }),
    );
    const repository = new DynamoAppointmentRepository({
      client: documentClient,
      tableName: 't',
      tenantId: 'clinic-a',
      clock: () => NOW,
    });
    // Act
    const booking = appointment('x', { durationMinutes: 15 });
    const failure = await repository.create(booking, openClaim(booking)).catch((error: unknown) => error);
    // Assess
    expect((failure as AppointmentError).code).toBe('SERVICE_UNAVAILABLE');
    expect(mock.commandCalls(TransactWriteCommand)).toHaveLength(3);
    const tokens = mock.commandCalls(TransactWriteCommand).map((c) => c.args[0].input.ClientRequestToken);
    expect(new Set(tokens).size).toBe(3);
  });

  it('configures the standard retry strategy with a bounded number of attempts', async () => {
    const client = createDynamoDbClient({ endpoint: 'http://127.0.0.1:9' });
    expect(await client.config.maxAttempts()).toBe(DYNAMODB_MAX_ATTEMPTS);
    const strategy = (await client.config.retryStrategy()) as { mode?: string };
    expect(strategy.mode).toBe('standard');
  });
});

describe('page token secret', () => {
  it('is read from SSM once per container, with decryption, and only when asked for', async () => {
    // Prepare
    const ssm = mockClient(SSMClient);
    ssm.on(GetParameterCommand).resolves({ Parameter: { Value: 'from-ssm' } });
    const source = pageTokenSecretSource(
      { PAGE_TOKEN_SECRET_PARAMETER: '/appointments/page-token' },
      () => new SSMClient({}),
    );
    expect(ssm.commandCalls(GetParameterCommand)).toHaveLength(0);
    // Act
    const secrets = [await source(), await source()];
    // Assess
    expect(secrets).toEqual(['from-ssm', 'from-ssm']);
    expect(ssm.commandCalls(GetParameterCommand)).toHaveLength(1);
    expect(ssm.commandCalls(GetParameterCommand)[0].args[0].input).toEqual({
      Name: '/appointments/page-token',
      WithDecryption: true,
    });
    ssm.restore();
  });

  it('prefers PAGE_TOKEN_SECRET and then never calls SSM', async () => {
    const ssm = mockClient(SSMClient);
    const source = pageTokenSecretSource(
      { PAGE_TOKEN_SECRET: 'local', PAGE_TOKEN_SECRET_PARAMETER: '/x' },
      () => new SSMClient({}),
    );
    expect(await source()).toBe('local');
    expect(ssm.calls()).toHaveLength(0);
    ssm.restore();
  });
});

describe('slot lock retention', () => {
  it('gives each lock a TTL 30 days after its slot ends', async () => {
    // Prepare
    const repository = new DynamoAppointmentRepository({
      client: table.documentClient,
      tableName: table.tableName,
      tenantId: 'clinic-a',
      clock: () => NOW,
    });
    const booked = appointment('ttl-lock', { providerId: 'p-ttl', start: futureSlot(3), durationMinutes: 15 });
    // Act
    await repository.create(booked, openClaim(booked));
    // Assess
    const lock = (await scanTable(table)).find((item) => item.pk === `SLOT#clinic-a#p-ttl#${booked.start}`);
    expect(lock?.expiresAt).toBe(Date.parse(booked.start) / 1000 + 15 * 60 + 30 * 24 * 3600);
  });

  it('cancels an appointment whose lock TTL has already removed', async () => {
    // Prepare
    const repository = new DynamoAppointmentRepository({
      client: table.documentClient,
      tableName: table.tableName,
      tenantId: 'clinic-a',
      clock: () => NOW,
    });
    const booked = appointment('ttl-gone', { providerId: 'p-ttl-gone', start: futureSlot(4), durationMinutes: 15 });
    await repository.create(booked, openClaim(booked));
    await table.documentClient.send(
      new DeleteCommand({
        TableName: table.tableName,
        Key: { pk: `SLOT#clinic-a#p-ttl-gone#${booked.start}`, sk: 'LOCK' },
      }),
    );
    // Act
    const stored = await repository.get(booked.appointmentId, { consistent: true });
    await repository.cancel(stored!, { ...booked, status: 'CANCELLED', version: 2 });
    // Assess
    const item = (await scanTable(table)).find((candidate) => candidate.pk === 'APPT#clinic-a#ttl-gone');
    expect(item).toMatchObject({ status: 'CANCELLED', version: 2 });
  });
});
