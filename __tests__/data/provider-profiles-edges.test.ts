/** Provider profiles on DynamoDB Local: which reads are consistent, how a lost race is retried, which failures are not. */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { parseProviderProfileRequest } from '../../src/domain/availability/provider-profile';
import { AppointmentError } from '../../src/domain/errors';
import { providerProfileKey } from '../../src/data/keys';
import { DynamoProviderProfiles } from '../../src/data/provider-profiles';
import { createTestTable, scanTable, TestTable } from '../functions/helpers';
import { failureOf, namesOf, recordedClient, RecordedClient, withFailingDynamoDb } from './recorded-client';

let table: TestTable;
let recorded: RecordedClient;
beforeAll(async () => (table = await createTestTable('provider-profiles-edges')));
afterAll(() => table.drop());
beforeEach(() => (recorded = recordedClient()));
afterEach(() => {
  recorded.destroy();
  jest.restoreAllMocks();
});

/** The store under test, on the recorded client; `other` writes beside it on the table's own client. */
const store = () =>
  new DynamoProviderProfiles({ client: recorded.client, tableName: table.tableName, tenantId: 'clinic-a' });
const other = () =>
  new DynamoProviderProfiles({ client: table.documentClient, tableName: table.tableName, tenantId: 'clinic-a' });
const profile = (name = 'Dr. Lee') =>
  parseProviderProfileRequest({
    name,
    timeZone: 'Europe/Berlin',
    weeklyHours: { TUE: [{ start: '08:00', end: '12:00' }] },
  });
const T1 = new Date('2026-12-01T10:00:00Z');

describe('provider profile reads', () => {
  it('are eventually consistent unless asked, and a PUT decides on a consistent read', async () => {
    // Prepare
    await other().put('dr-read', profile(), undefined, T1);
    // Act
    await store().get('dr-read');
    await store().get('dr-read', { consistent: true });
    await store().put('dr-read', profile('Dr. Lee, MD'), undefined, T1);
    // Assess
    const reads = recorded.sent.filter((command) => command.name === 'GetCommand');
    expect(reads.map((command) => command.input.ConsistentRead)).toEqual([false, true, true]);
  });

  it('answer SERVICE_UNAVAILABLE, with the cause, when DynamoDB fails on its side', async () => {
    const error = (await withFailingDynamoDb((client) =>
      failureOf(new DynamoProviderProfiles({ client, tableName: 't', tenantId: 'clinic-a' }).get('dr-any')),
    )) as AppointmentError;
    expect([error.code, (error.cause as Error).name]).toEqual(['SERVICE_UNAVAILABLE', 'InternalServerError']);
  });

  it('refuse a stored profile without its version, naming the item', async () => {
    const { version: _, ...unversioned } = { ...profile(), version: 1, createdAt: 'x', updatedAt: 'y' };
    await table.documentClient.send(
      new PutCommand({
        TableName: table.tableName,
        Item: { ...providerProfileKey('clinic-a', 'dr-legacy'), ...unversioned },
      }),
    );
    await expect(store().get('dr-legacy')).rejects.toThrow(
      'stored provider item PROFILE#clinic-a#dr-legacy has no valid version or times',
    );
  });
});

describe('a PUT that loses the race', () => {
  it('reads and decides again 5 times in all, after pauses of up to 20 ms times the attempt, then answers SERVICE_UNAVAILABLE', async () => {
    // Prepare: before each write of the store, another PUT of the profile commits, so that every
    // write of the store finds the version it read gone. The pauses are recorded (at half their
    // longest: Math.random is fixed); the SDK's own timers are 500 ms and longer.
    await other().put('dr-storm', profile('first'), undefined, T1);
    recorded.before = async (command) => {
      if (command.name === 'TransactWriteCommand') await other().put('dr-storm', profile('other'), undefined, T1);
    };
    jest.spyOn(Math, 'random').mockReturnValue(0.5);
    const pauses: (number | undefined)[] = [];
    const setTimeoutOf = globalThis.setTimeout;
    jest.spyOn(globalThis, 'setTimeout').mockImplementation(((handler: () => void, ms?: number) => {
      if ((ms ?? 0) < 500) pauses.push(ms);
      return setTimeoutOf(handler, ms);
    }) as typeof setTimeout);
    // Act
    const error = await failureOf(store().put('dr-storm', profile('mine'), undefined, T1));
    // Assess
    expect((error as AppointmentError).code).toBe('SERVICE_UNAVAILABLE');
    expect(namesOf(recorded.sent)).toEqual(Array(5).fill(['GetCommand', 'TransactWriteCommand']).flat());
    expect(pauses).toEqual([20, 30, 40, 50]);
    const stored = await other().get('dr-storm', { consistent: true });
    expect([stored?.name, stored?.version]).toEqual(['other', 6]);
  });

  it('is told apart from a write that fails for another reason, which is answered at once as it is', async () => {
    // Prepare: a profile too large for an item (400 KB) fails the write without any condition.
    const huge = { ...profile(), name: 'n'.repeat(410_000) };
    const before = await scanTable(table);
    // Act
    const error = await failureOf(store().put('dr-huge', huge, undefined, T1));
    // Assess
    expect((error as Error).name).toBe('ValidationException');
    expect(namesOf(recorded.sent)).toEqual(['GetCommand', 'TransactWriteCommand']);
    expect(await scanTable(table)).toEqual(before);
  });
});
