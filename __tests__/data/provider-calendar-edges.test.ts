/** A provider's confirmed bookings as read from DynamoDB Local: over several responses, a malformed item, a failing index. */
import { BatchWriteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { newAppointment, parseCreateRequest } from '../../src/domain/booking';
import { AppointmentError } from '../../src/domain/errors';
import { toAppointmentItem } from '../../src/data/items';
import { bookingBody, createTestTable, futureSlot, TestTable } from '../functions/helpers';
import { openClaim } from '../support/calendar-claims';
import {
  appointmentRepository,
  failureOf,
  recordedClient,
  RecordedClient,
  withFailingDynamoDb,
} from './recorded-client';

let table: TestTable;
let recorded: RecordedClient;
const NOW = new Date();
const WINDOW = { startMs: Date.parse(futureSlot(1)), endMs: Date.parse(futureSlot(30)) };

const itemOf = (providerId: string, n: number) => {
  const appointment = newAppointment(
    parseCreateRequest(bookingBody({ providerId, start: futureSlot(n + 2) }), NOW),
    `${providerId}-${n}`,
    NOW,
  );
  return toAppointmentItem('clinic-a', appointment, openClaim(appointment).hold);
};

const THREE = [0, 1, 2].map((n) => itemOf('p-three', n));

beforeAll(async () => {
  table = await createTestTable('provider-calendar-edges');
  const items = THREE.map((Item) => ({ PutRequest: { Item } }));
  await table.documentClient.send(new BatchWriteCommand({ RequestItems: { [table.tableName]: items } }));
});
afterAll(() => table.drop());
beforeEach(() => (recorded = recordedClient()));
afterEach(() => recorded.destroy());

const repository = () => appointmentRepository(recorded.client, table.tableName, NOW);

describe("a provider's confirmed bookings", () => {
  it('are read on where a response of the index ends, until the index has no more', async () => {
    // Prepare: DynamoDB ends a response at 1 MB with the key to go on from; DynamoDB Local never
    // does. So its first answer is cut here after one item, as DynamoDB would cut it.
    recorded.after = (_, output) => {
      if (recorded.sent.length > 1) return output;
      const { pk, sk, providerKey, startKey } = THREE[0];
      return {
        ...output,
        Items: (output.Items as unknown[]).slice(0, 1),
        LastEvaluatedKey: { pk, sk, providerKey, startKey },
      };
    };
    // Act
    const bookings = await repository().confirmedBookings('p-three', WINDOW);
    // Assess
    expect(bookings.map((booking) => booking.startMs)).toEqual(THREE.map((item) => Date.parse(item.start)));
    expect(recorded.sent).toHaveLength(2);
  });

  it('refuse a stored appointment that does not end after it starts, naming the item', async () => {
    const item = itemOf('p-empty', 0);
    await table.documentClient.send(new PutCommand({ TableName: table.tableName, Item: { ...item, end: item.start } }));
    await expect(repository().confirmedBookings('p-empty', WINDOW)).rejects.toThrow(
      `stored appointment item ${item.pk} has no valid interval`,
    );
  });

  it('answer SERVICE_UNAVAILABLE, with the cause, when the index cannot be read', async () => {
    const error = (await withFailingDynamoDb((client) =>
      failureOf(appointmentRepository(client, 't', NOW).confirmedBookings('p-three', WINDOW)),
    )) as AppointmentError;
    expect([error.code, (error.cause as Error).name]).toEqual(['SERVICE_UNAVAILABLE', 'InternalServerError']);
  });
});
