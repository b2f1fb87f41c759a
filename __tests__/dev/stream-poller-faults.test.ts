/**
 * The local stream poller when DynamoDB Streams answers with a fault it cannot produce on demand
 * in DynamoDB Local: records trimmed before they were read (TrimmedDataAccessException, seen
 * when a busy shared engine trimmed a dev server's stream) and an expired iterator. The faults
 * are injected into a real streams client, over a real table; everything else is real.
 */
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { ExpiredIteratorException, TrimmedDataAccessException } from '@aws-sdk/client-dynamodb-streams';
import { LocalStreamPoller } from '../../dev/local/stream-poller';
import { silentLog } from '../../src/notifications/ports';
import { createTestTable, TestTable } from '../notifications/support';

let table: TestTable;
beforeAll(async () => {
  table = await createTestTable('poller-faults');
});
afterAll(async () => {
  await table.drop();
});

/** Makes the streams client's next GetRecords fail with `fault`, once. */
function failNextGetRecords(fault: Error): void {
  let armed = true;
  table.streams.middlewareStack.add(
    (next, context) => async (args) => {
      if (armed && context.commandName === 'GetRecordsCommand') {
        armed = false;
        throw fault;
      }
      return next(args);
    },
    { step: 'initialize', name: `fault-${fault.name}-${Math.random()}` },
  );
}

const put = (id: string) =>
  table.client.send(new PutItemCommand({ TableName: table.tableName, Item: { pk: { S: id }, sk: { S: id } } }));

/** Keys of the records of a poll. */
async function keysOfPoll(poller: LocalStreamPoller): Promise<string[]> {
  return (await poller.poll()).map((record) => record.dynamodb?.Keys?.pk?.S ?? '?');
}

test('trimmed records: it logs, goes on from the oldest record kept, and later polls work', async () => {
  const errors: string[] = [];
  const log = { ...silentLog, error: (message: string) => void errors.push(message) };
  const poller = new LocalStreamPoller({
    dynamodb: table.client,
    streams: table.streams,
    tableName: table.tableName,
    log,
  });
  await poller.poll(); // positioned at LATEST
  await put('trim-1');
  expect(await keysOfPoll(poller)).toEqual(['trim-1']);

  failNextGetRecords(new TrimmedDataAccessException({ message: 'trimmed', $metadata: {} }));
  await put('trim-2');
  // From the oldest record kept: nothing was really trimmed here, so both come (again).
  expect(await keysOfPoll(poller)).toEqual(['trim-1', 'trim-2']);
  // Logged at least once, and nothing else: on a loaded machine DynamoDB Local itself answers a
  // fresh TRIM_HORIZON iterator with the same fault now and then (seen once in a full npm test),
  // which the poller treats the same way.
  expect(errors.length).toBeGreaterThanOrEqual(1);
  expect(new Set(errors)).toEqual(
    new Set(['local stream records were trimmed before they were read; reading on from the oldest kept']),
  );

  await put('trim-3');
  expect(await keysOfPoll(poller)).toEqual(['trim-3']);
});

test('an expired iterator: it takes a fresh one after the last record seen, with no record twice', async () => {
  const poller = new LocalStreamPoller({ dynamodb: table.client, streams: table.streams, tableName: table.tableName });
  await poller.poll();
  await put('expire-1');
  expect(await keysOfPoll(poller)).toEqual(['expire-1']);
  failNextGetRecords(new ExpiredIteratorException({ message: 'expired', $metadata: {} }));
  await put('expire-2');
  expect(await keysOfPoll(poller)).toEqual(['expire-2']);
});
