/** Listing on DynamoDB Local: pages without a secret, pages that span several responses, and a failing index. */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { newAppointment, parseCreateRequest } from '../../src/domain/booking';
import { AppointmentError } from '../../src/domain/errors';
import { parseListQuery } from '../../src/domain/listing';
import { toAppointmentItem } from '../../src/data/items';
import { SecretSource } from '../../src/data/page-token-secret';
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
const [FROM, TO] = [futureSlot(1), futureSlot(30)];

/** Appointments of `providerId` written as items, the n-th `n + 2` days out. */
async function seed(providerId: string, count: number): Promise<void> {
  const items = Array.from({ length: count }, (_, n) => {
    const appointment = newAppointment(
      parseCreateRequest(bookingBody({ providerId, start: futureSlot(n + 2) }), NOW),
      `${providerId}-${n}`,
      NOW,
    );
    return { PutRequest: { Item: toAppointmentItem('clinic-a', appointment, openClaim(appointment).hold) } };
  });
  await table.documentClient.send(new BatchWriteCommand({ RequestItems: { [table.tableName]: items } }));
}

beforeAll(async () => {
  table = await createTestTable('listing-edges');
  await seed('p-plain', 3);
  await seed('p-cut', 5);
});
afterAll(() => table.drop());
beforeEach(() => (recorded = recordedClient()));
afterEach(() => recorded.destroy());

const repository = (pageTokenSecret?: SecretSource) =>
  appointmentRepository(recorded.client, table.tableName, NOW, pageTokenSecret);
const query = (providerId: string, limit: number, nextToken?: string) =>
  parseListQuery({ providerId, from: FROM, to: TO, limit: String(limit), nextToken }, null, NOW);
const idsOf = (page: { items: readonly { appointmentId: string }[] }) => page.items.map((item) => item.appointmentId);

describe('a listing', () => {
  it('needs no page token secret for its first page, and names the missing secret for a next one', async () => {
    // Act
    const whole = await repository().list(query('p-plain', 5));
    const first = await repository(async () => 'secret').list(query('p-plain', 2));
    const next = await repository()
      .list(query('p-plain', 2, first.nextToken))
      .catch((error: unknown) => error);
    // Assess
    expect([idsOf(whole), whole.nextToken]).toEqual([['p-plain-0', 'p-plain-1', 'p-plain-2'], undefined]);
    expect(idsOf(first)).toEqual(['p-plain-0', 'p-plain-1']);
    expect((next as Error).message).toBe('The repository was built without a page token secret.');
  });

  it('reads on where a response of the index ends before the page does, asking only for what is missing', async () => {
    // Prepare: DynamoDB ends a response at 1 MB, before its Limit, with the key to go on from;
    // DynamoDB Local never does. So the first answer is cut here after two items, as DynamoDB
    // would cut it, and the Query that goes on from that key is answered by DynamoDB Local.
    recorded.after = (_, output) => {
      if (recorded.sent.length > 1) return output;
      const kept = (output.Items as Record<string, unknown>[]).slice(0, 2);
      const { pk, sk, providerKey, startKey } = kept[1];
      return { ...output, Items: kept, LastEvaluatedKey: { pk, sk, providerKey, startKey } };
    };
    // Act
    const page = await repository(async () => 'secret').list(query('p-cut', 3));
    // Assess
    expect(idsOf(page)).toEqual(['p-cut-0', 'p-cut-1', 'p-cut-2']);
    expect(page.nextToken).toBeDefined();
    expect(recorded.sent.map((command) => command.input.Limit)).toEqual([4, 2]);
  });

  it('answers SERVICE_UNAVAILABLE, with the cause, when the index cannot be read', async () => {
    const error = (await withFailingDynamoDb((client) =>
      failureOf(appointmentRepository(client, 't', NOW).list(query('p-plain', 5))),
    )) as AppointmentError;
    expect([error.code, (error.cause as Error).name]).toEqual(['SERVICE_UNAVAILABLE', 'InternalServerError']);
  });
});
