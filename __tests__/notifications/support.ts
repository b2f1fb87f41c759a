import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { Appointment } from '../../src/domain/appointment';
import { toAppointmentItem } from '../../src/data/items';
import { createDocumentClient } from '../../src/data/client';
import { createTableRequest } from '../../src/data/table-schema';
import { createLocalDynamoDbClient, LOCAL_CREDENTIALS, LOCAL_REGION } from '../../dev/local/dynamodb-client';
import { LocalStreamPoller } from '../../dev/local/stream-poller';
import { localEndpoint } from '../functions/helpers';
import { openClaim } from '../support/calendar-claims';

export interface TestTable {
  readonly client: DynamoDBClient;
  readonly documents: DynamoDBDocumentClient;
  readonly streams: DynamoDBStreamsClient;
  readonly tableName: string;
  drop(): Promise<void>;
}

/** A fresh, uniquely named appointments table (with its stream) in the shared DynamoDB Local. */
export async function createTestTable(purpose: string): Promise<TestTable> {
  const endpoint = localEndpoint();
  const client = createLocalDynamoDbClient(endpoint);
  const streams = new DynamoDBStreamsClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  const tableName = `notifications-${purpose}-${randomUUID().slice(0, 8)}`;
  await client.send(new CreateTableCommand(createTableRequest(tableName)));
  return {
    client,
    documents: createDocumentClient(client),
    streams,
    tableName,
    async drop() {
      await client.send(new DeleteTableCommand({ TableName: tableName }));
      client.destroy();
      streams.destroy();
    },
  };
}

/** Reads the table's stream from its beginning; `next` waits until the wanted records have arrived. */
export function streamReader(table: TestTable) {
  const poller = new LocalStreamPoller({
    dynamodb: table.client,
    streams: table.streams,
    tableName: table.tableName,
    startingPosition: 'TRIM_HORIZON',
  });
  return {
    /** New records, polled until `done` holds for them: 400 polls at most, not a deadline. */
    async next(done: (records: DynamoDBRecord[]) => boolean): Promise<DynamoDBRecord[]> {
      const records: DynamoDBRecord[] = [];
      for (let polls = 0; !done(records); polls++) {
        if (polls === 400) throw new Error(`stream did not deliver the expected records; got ${records.length}`);
        records.push(...(await poller.poll()));
        if (!done(records)) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return records;
    },
  };
}

/** Whether the records include the appointment item at `version`. */
export const hasAppointmentVersion = (version: number) => (records: DynamoDBRecord[]) =>
  records.some(
    (r) => r.dynamodb?.Keys?.sk?.S === 'APPOINTMENT' && r.dynamodb?.NewImage?.version?.N === String(version),
  );

/** A start on a 15-minute boundary, `daysAhead` days from now. */
export function futureStart(daysAhead: number, now = Date.now()): string {
  const slot = 15 * 60_000;
  return new Date(Math.ceil((now + daysAhead * 86_400_000) / slot) * slot).toISOString().replace('.000Z', 'Z');
}

export function addMinutes(isoUtc: string, minutes: number): string {
  return new Date(Date.parse(isoUtc) + minutes * 60_000).toISOString().replace('.000Z', 'Z');
}

export function makeAppointment(overrides: Partial<Appointment> = {}): Appointment {
  const start = overrides.start ?? futureStart(2);
  const durationMinutes = overrides.durationMinutes ?? 30;
  return {
    appointmentId: `appt-${randomUUID()}`,
    // A provider of its own, so bookings of different tests never compete for a slot.
    providerId: `dr-${randomUUID().slice(0, 8)}`,
    customer: { customerId: 'cust-1', name: 'Ada Park', email: 'ada@example.com', phone: '+14155550100' },
    start,
    end: addMinutes(start, durationMinutes),
    durationMinutes,
    timeZone: 'America/Los_Angeles',
    reminderMinutesBefore: [1440, 60],
    status: 'CONFIRMED',
    version: 1,
    createdAt: '2026-11-01T10:00:00Z',
    updatedAt: '2026-11-01T10:00:00Z',
    ...overrides,
  };
}

/** The tenant of the notification tests' appointments. */
export const TENANT = 'clinic-a';

/** Writes the appointment as the booking repository stores it (src/data/items.ts). */
export async function putAppointment(table: TestTable, appointment: Appointment, tenantId = TENANT): Promise<void> {
  await table.documents.send(
    new PutCommand({
      TableName: table.tableName,
      Item: toAppointmentItem(tenantId, appointment, openClaim(appointment).hold),
    }),
  );
}
