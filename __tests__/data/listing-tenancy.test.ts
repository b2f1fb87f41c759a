/**
 * A listing reads only its tenant's index partitions, and checks each item it reads as well: an
 * item of another tenant in a partition (which only a key-layout bug could put there) fails the
 * request instead of being answered.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { newAppointment, parseCreateRequest } from '../../src/domain/booking';
import { parseListQuery } from '../../src/domain/listing';
import { DynamoAppointmentRepository } from '../../src/data/dynamo-repository';
import { toAppointmentItem } from '../../src/data/items';
import { providerIndexKey } from '../../src/data/keys';
import { bookingBody, createTestTable, futureSlot, TestTable } from '../functions/helpers';
import { openClaim } from '../support/calendar-claims';
import { seedOpenProviders } from '../support/providers';

let table: TestTable;
beforeAll(async () => {
  table = await createTestTable('listing-tenancy');
  await seedOpenProviders(table, 'clinic-a', ['p-t']);
});
afterAll(() => table.drop());

const repositoryOf = (tenantId: string) =>
  new DynamoAppointmentRepository({
    client: table.documentClient,
    tableName: table.tableName,
    tenantId,
    clock: () => new Date(),
    pageTokenSecret: async () => 's',
  });

it("fails a listing that meets another tenant's item in its partition, and lists its own otherwise", async () => {
  // Prepare: one appointment of clinic-a, and one of clinic-b planted in clinic-a's partition
  const now = new Date();
  const own = newAppointment(
    parseCreateRequest(bookingBody({ providerId: 'p-t', start: futureSlot(2) }), now),
    'own',
    now,
  );
  await repositoryOf('clinic-a').create(own, openClaim(own));
  const query = parseListQuery({ providerId: 'p-t', from: futureSlot(1), to: futureSlot(5) }, null, now);
  const listed = await repositoryOf('clinic-a').list(query);
  const planted = newAppointment(
    parseCreateRequest(bookingBody({ providerId: 'p-t', start: futureSlot(3) }), now),
    'planted',
    now,
  );
  await table.documentClient.send(
    new PutCommand({
      TableName: table.tableName,
      Item: {
        ...toAppointmentItem('clinic-b', planted, openClaim(planted).hold),
        providerKey: providerIndexKey('clinic-a', 'p-t', 'CONFIRMED'),
      },
    }),
  );
  // Act
  const failure = await repositoryOf('clinic-a')
    .list(query)
    .catch((error: unknown) => error);
  // Assess
  expect(listed.items.map((item) => item.appointmentId)).toEqual(['own']);
  expect((failure as Error).message).toBe('listed item APPT#clinic-b#planted belongs to another tenant');
});
