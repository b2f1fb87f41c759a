/**
 * The customer's bookings item (src/data/customer-bookings.ts) exactly: which recent bookings a
 * booking keeps, when the item expires, what an append to a missing item writes, and how little
 * counting reads. The count's answer is the same whether it reads one appointment more or less,
 * so what it reads is asserted here, request by request (an SDK middleware on DynamoDB Local).
 */
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { Appointment } from '../../src/domain/appointment';
import { newAppointment, parseCreateRequest } from '../../src/domain/booking';
import { AppointmentError } from '../../src/domain/errors';
import { createDocumentClient, DYNAMODB_MAX_ATTEMPTS } from '../../src/data/client';
import { createLocalDynamoDbClient } from '../../dev/local/dynamodb-client';
import {
  countOpenBookings,
  customerBookingsAppend,
  customerBookingsPut,
  CustomerBookings,
  MAX_APPENDED_BOOKINGS,
  RECENT_BOOKINGS_SECONDS,
} from '../../src/data/customer-bookings';
import { DynamoAppointmentRepository } from '../../src/data/dynamo-repository';
import { appointmentKey, customerBookingsKey } from '../../src/data/keys';
import { bookingBody, createTestTable, futureSlot, localEndpoint, TestTable } from '../functions/helpers';
import { startFaultProxy } from '../robustness/support/fault-proxy';
import { openClaim } from '../support/calendar-claims';
import { seedOpenProviders } from '../support/providers';

const TENANT = 'clinic-items';
const DAY_SECONDS = 24 * 3600;
/** The clock of the items' arithmetic: a whole second. */
const NOW = new Date('2027-03-01T10:00:00.000Z');
const NOW_SECONDS = NOW.getTime() / 1000;

let table: TestTable;
let scope: { client: TestTable['documentClient']; tableName: string; tenantId: string };
beforeAll(async () => {
  table = await createTestTable('customer-items');
  await seedOpenProviders(table, TENANT, ['p-items']);
  scope = { client: table.documentClient, tableName: table.tableName, tenantId: TENANT };
});
afterAll(() => table.drop());

let sequence = 0;
function booking(customerId: string, start = futureSlot(3, 15 * ++sequence)): Appointment {
  const body = bookingBody({
    providerId: 'p-items',
    customer: { customerId, name: 'Ada' },
    start,
    durationMinutes: 15,
  });
  return newAppointment(parseCreateRequest(body, new Date()), `ci-${++sequence}`, new Date());
}
const recentOf = (appointmentId: string, start: string, bookedAt = NOW_SECONDS) => ({ appointmentId, start, bookedAt });

describe('a booking that read the item (customerBookingsPut)', () => {
  const appointment = booking('c-put');
  const put = (read: CustomerBookings, now = NOW) => customerBookingsPut(scope, read, appointment, now).Put;

  it('stamps its own entry with the epoch second it was decided, and keeps the item a day past it', () => {
    const now = new Date('2027-03-01T10:00:07.900Z');
    const item = put({ version: 4, recent: [] }, now).Item;
    expect(item).toEqual({
      ...customerBookingsKey(TENANT, 'c-put'),
      version: 5,
      recent: [{ appointmentId: appointment.appointmentId, start: appointment.start, bookedAt: NOW_SECONDS + 7 }],
      expiresAt: NOW_SECONDS + 7 + DAY_SECONDS,
    });
  });

  it(`keeps the bookings of the last ${RECENT_BOOKINGS_SECONDS} s, and not one second older`, () => {
    const kept = recentOf('kept', '2027-04-01T09:00:00Z', NOW_SECONDS - RECENT_BOOKINGS_SECONDS + 1);
    const dropped = recentOf('dropped', '2027-04-01T10:00:00Z', NOW_SECONDS - RECENT_BOOKINGS_SECONDS);
    expect(put({ version: 1, recent: [dropped, kept] }).Item.recent.map((r) => r.appointmentId)).toEqual([
      'kept',
      appointment.appointmentId,
    ]);
  });

  it(`keeps at most ${MAX_APPENDED_BOOKINGS} entries: the latest ones and its own`, () => {
    const many = Array.from({ length: 25 }, (_, i) => recentOf(`r-${i}`, '2027-04-01T09:00:00Z', NOW_SECONDS - 25 + i));
    const recent = put({ version: 9, recent: many }).Item.recent.map((r) => r.appointmentId);
    expect(recent).toEqual([
      ...many.slice(-(MAX_APPENDED_BOOKINGS - 1)).map((r) => r.appointmentId),
      appointment.appointmentId,
    ]);
  });
});

describe('a booking that appends without reading (customerBookingsAppend), on DynamoDB Local', () => {
  it('creates a missing item holding its own entry alone, at version 1, kept a day past the booking', async () => {
    const appointment = booking('c-append');
    const now = new Date('2027-03-01T10:00:03.250Z');
    await table.documentClient.send(new UpdateCommand(customerBookingsAppend(scope, appointment, now).Update));
    const { Item } = await table.documentClient.send(
      new GetCommand({ TableName: table.tableName, Key: customerBookingsKey(TENANT, 'c-append') }),
    );
    expect(Item).toEqual({
      ...customerBookingsKey(TENANT, 'c-append'),
      version: 1,
      recent: [{ appointmentId: appointment.appointmentId, start: appointment.start, bookedAt: NOW_SECONDS + 3 }],
      expiresAt: NOW_SECONDS + 3 + DAY_SECONDS,
    });
  });
});

describe('counting open bookings reads no appointment it need not', () => {
  /** The operations the document client sends, with their inputs, while `work` runs. */
  async function requestsOf(work: () => Promise<unknown>): Promise<{ operation: string; input: unknown }[]> {
    const seen: { operation: string; input: unknown }[] = [];
    const name = `seen-${++sequence}`;
    table.documentClient.middlewareStack.add(
      (next, context) => async (args) => {
        seen.push({ operation: String(context.commandName), input: args.input });
        return next(args);
      },
      { step: 'initialize', name },
    );
    try {
      await work();
    } finally {
      table.documentClient.middlewareStack.remove(name);
    }
    return seen;
  }
  const repository = () =>
    new DynamoAppointmentRepository({
      client: table.documentClient,
      tableName: table.tableName,
      tenantId: TENANT,
      clock: () => new Date(),
    });
  /** Booked as staff books (no limit): the appointment, its locks, and the customer's item. */
  const booked = async (appointment: Appointment) => {
    await repository().create(appointment, openClaim(appointment));
    return appointment;
  };

  it('none once the index alone has counted to the limit, even with recent bookings it does not show', async () => {
    const first = await booked(booking('c-full'));
    await booked(booking('c-full'));
    const ghost = recentOf('not-in-the-index', futureSlot(5, 0));
    const read = { version: 2, recent: [recentOf(first.appointmentId, first.start), ghost] };
    let count = -1;
    const requests = await requestsOf(async () => {
      count = await countOpenBookings(scope, 'c-full', read, new Date(), 2);
    });
    expect(count).toBe(2);
    expect(requests.map((r) => r.operation)).toEqual(['QueryCommand']);
  });

  it('none for a recent booking the index counted, nor for one that starts at or before now', async () => {
    const inIndex = await booked(booking('c-skip'));
    // A whole second, as the count compares starts: a booking can start at exactly "now".
    const now = new Date(Math.floor(Date.now() / 1000) * 1000);
    const utc = (time: Date) => time.toISOString().replace('.000Z', 'Z');
    const read = {
      version: 1,
      recent: [
        recentOf(inIndex.appointmentId, inIndex.start),
        recentOf('starts-now', utc(now)),
        recentOf('started', utc(new Date(now.getTime() - 1000))),
      ],
    };
    let count = -1;
    const requests = await requestsOf(async () => {
      count = await countOpenBookings(scope, 'c-skip', read, now, 5);
    });
    expect(count).toBe(1);
    expect(requests.map((r) => r.operation)).toEqual(['QueryCommand']);
  });

  it('one strongly consistent read for a recent booking the index does not show yet', async () => {
    const lagging = booking('c-lag');
    // Written as the booking's transaction would, but with no index entry yet: status in its item only.
    await table.documentClient.send(
      new PutCommand({
        TableName: table.tableName,
        Item: { ...appointmentKey(TENANT, lagging.appointmentId), status: 'CONFIRMED', start: lagging.start },
      }),
    );
    const read = { version: 1, recent: [recentOf(lagging.appointmentId, lagging.start)] };
    let count = -1;
    const requests = await requestsOf(async () => {
      count = await countOpenBookings(scope, 'c-lag', read, new Date(), 5);
    });
    expect(requests.map((r) => r.operation)).toEqual(['QueryCommand', 'GetItemCommand']);
    expect(requests[1].input).toMatchObject({ ConsistentRead: true });
    expect(count).toBe(1);
  });
});

it('a count whose query DynamoDB keeps throttling answers SERVICE_UNAVAILABLE after the retries', async () => {
  // DynamoDB Local behind the fault-injecting proxy, which answers every Query as a throttled
  // DynamoDB does (a real HTTP answer the SDK parses and retries).
  const proxy = await startFaultProxy(localEndpoint());
  try {
    await proxy.setMode({
      kind: 'error',
      status: 400,
      type: 'com.amazonaws.dynamodb.v20120810#ThrottlingException',
      message: 'Rate of requests exceeds the allowed throughput.',
      operation: 'Query',
    });
    const throttled = createDocumentClient(createLocalDynamoDbClient(proxy.url));
    const read = { version: 0, recent: [] };
    const error = await countOpenBookings({ ...scope, client: throttled }, 'c-none', read, NOW, 3).catch(
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(AppointmentError);
    expect((error as AppointmentError).code).toBe('SERVICE_UNAVAILABLE');
    expect(proxy.faultsInjected).toBe(DYNAMODB_MAX_ATTEMPTS);
  } finally {
    await proxy.close();
  }
});
