/** The repository's changes on DynamoDB Local: notes, moves and reasons as stored, what it reads, and how it gives up. */
import { BatchWriteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { Appointment } from '../../src/domain/appointment';
import {
  applyCancel,
  applyUpdate,
  newAppointment,
  parseCancelRequest,
  parseCreateRequest,
  parseUpdateRequest,
} from '../../src/domain/booking';
import { AppointmentError } from '../../src/domain/errors';
import { idempotencyRecordKey } from '../../src/data/idempotency';
import { toAppointmentItem } from '../../src/data/items';
import { customerBookingsKey } from '../../src/data/keys';
import { bookingBody, createTestTable, futureSlot, TestTable } from '../functions/helpers';
import { openClaim } from '../support/calendar-claims';
import { seedOpenProviders } from '../support/providers';
import { appointmentRepository, failureOf, namesOf, recordedClient, RecordedClient } from './recorded-client';

let table: TestTable;
let recorded: RecordedClient;
beforeAll(async () => {
  table = await createTestTable('repository-edges');
  // One provider for every test: each books other days.
  await seedOpenProviders(table, 'clinic-a', ['p-edges']);
});
afterAll(() => table.drop());
beforeEach(() => (recorded = recordedClient()));
afterEach(() => recorded.destroy());

const NOW = new Date();
const repository = () => appointmentRepository(recorded.client, table.tableName, NOW);
const booked = async (id: string, overrides: Record<string, unknown>): Promise<Appointment> => {
  const appointment = newAppointment(parseCreateRequest(bookingBody(overrides), NOW), id, NOW);
  await repository().create(appointment, openClaim(appointment));
  return appointment;
};
const stored = async (id: string) => {
  const found = await repository().get(id, { consistent: true });
  if (!found) throw new Error(`appointment ${id} is not stored`);
  return found;
};
const updated = async (id: string, body: Record<string, unknown>) => {
  const before = await stored(id);
  const { next, intervalChanged } = applyUpdate(before.appointment, parseUpdateRequest(body, NOW), undefined, NOW);
  await repository().update(before, next, intervalChanged ? openClaim(next) : undefined);
  return (await stored(id)).appointment;
};

describe('an update', () => {
  it('replaces the notes, removes them when cleared, and leaves absent notes absent', async () => {
    // Prepare
    await booked('notes', { providerId: 'p-edges', start: futureSlot(3), notes: 'first' });
    // Act
    const replaced = await updated('notes', { notes: 'second' });
    const cleared = await updated('notes', { notes: null });
    const still = await updated('notes', { reminderMinutesBefore: [30] });
    // Assess
    expect([replaced.notes, replaced.version]).toEqual(['second', 2]);
    expect(cleared).not.toHaveProperty('notes');
    expect([still.version, still.reminderMinutesBefore, still.notes]).toEqual([4, [30], undefined]);
  });

  it('moves what the appointment holds in the calendar with it: the local date is that of the new start', async () => {
    // Prepare
    const [start, later] = [futureSlot(4), futureSlot(6)];
    await booked('move', { providerId: 'p-edges', start });
    // Act
    const moved = await updated('move', { start: later });
    // Assess
    const { hold } = await stored('move');
    expect(moved.start).toBe(later);
    expect(hold.localDate).toBe(later.slice(0, 10));
  });
});

describe('a cancellation', () => {
  it('stores the reason given', async () => {
    await booked('cancel', { providerId: 'p-edges', start: futureSlot(5) });
    const before = await stored('cancel');
    const cancellation = applyCancel(before.appointment, parseCancelRequest({ reason: 'Moved away' }), undefined, NOW);
    if (cancellation.alreadyCancelled) throw new Error('already cancelled');
    await repository().cancel(before, cancellation.next);
    expect((await stored('cancel')).appointment).toMatchObject({
      status: 'CANCELLED',
      cancellationReason: 'Moved away',
    });
  });

  it('cancelled by contention alone, after the retries, answers SERVICE_UNAVAILABLE, never SLOT_CONFLICT', async () => {
    // Prepare: DynamoDB Local cannot be made to cancel a transaction for a TransactionConflict on
    // cue (it takes a concurrent transaction at the same instant), so that cancellation is thrown
    // here in place of each write; every read goes to DynamoDB Local.
    await booked('busy', { providerId: 'p-edges', start: futureSlot(7) });
    const before = await stored('busy');
    recorded.before = (command) => {
      if (command.name !== 'TransactWriteCommand') return;
      throw new TransactionCanceledException({
        message: 'Transaction cancelled',
        $metadata: {},
        CancellationReasons: [{ Code: 'TransactionConflict' }, { Code: 'None' }],
      });
    };
    const cancellation = applyCancel(before.appointment, parseCancelRequest({}), undefined, NOW);
    if (cancellation.alreadyCancelled) throw new Error('already cancelled');
    recorded.sent.length = 0;
    // Act
    const error = await failureOf(repository().cancel(before, cancellation.next));
    // Assess
    expect((error as AppointmentError).code).toBe('SERVICE_UNAVAILABLE');
    expect(namesOf(recorded.sent).filter((name) => name === 'TransactWriteCommand')).toHaveLength(3);
    expect((await stored('busy')).appointment.status).toBe('CONFIRMED');
  });
});

describe('reads', () => {
  it('are eventually consistent unless asked, and so is the idempotency record', async () => {
    await repository().get('none');
    await repository().get('none', { consistent: true });
    await repository().findIdempotentResponse('s', 'k', 'h');
    expect(recorded.sent.map((command) => [command.name, command.input.ConsistentRead])).toEqual([
      ['GetCommand', false],
      ['GetCommand', true],
      ['GetCommand', false],
    ]);
  });
});

describe('a booking', () => {
  it("that keeps losing the customer's bookings item appends once, then reads and decides again twice, then answers SERVICE_UNAVAILABLE", async () => {
    // Prepare: the customer's recent list is full, so that appending fails; and before every
    // write of the repository another booking of the customer raises the item's version.
    const key = customerBookingsKey('clinic-a', 'c-storm');
    const recent = Array.from({ length: 20 }, (_, n) => ({
      appointmentId: `old-${n}`,
      start: futureSlot(9),
      bookedAt: 0,
    }));
    await table.documentClient.send(
      new PutCommand({ TableName: table.tableName, Item: { ...key, version: 1, recent } }),
    );
    recorded.before = async (command) => {
      if (command.name !== 'TransactWriteCommand') return;
      await table.documentClient.send(
        new UpdateCommand({
          TableName: table.tableName,
          Key: key,
          UpdateExpression: 'ADD version :one',
          ExpressionAttributeValues: { ':one': 1 },
        }),
      );
    };
    const appointment = newAppointment(
      parseCreateRequest(
        bookingBody({ providerId: 'p-edges', start: futureSlot(8), customer: { customerId: 'c-storm', name: 'Ada' } }),
        NOW,
      ),
      'storm',
      NOW,
    );
    // Act
    const error = await failureOf(repository().create(appointment, openClaim(appointment)));
    // Assess
    expect((error as AppointmentError).code).toBe('SERVICE_UNAVAILABLE');
    expect(namesOf(recorded.sent)).toEqual([
      'TransactWriteCommand',
      'GetCommand',
      'TransactWriteCommand',
      'GetCommand',
      'TransactWriteCommand',
    ]);
    expect(await repository().get('storm', { consistent: true })).toBeUndefined();
  });

  it("under the customer's limit counts the open bookings over every response of the index", async () => {
    // Prepare: three open bookings of the customer in the index, and none in the customer's item.
    const open = [11, 12, 13].map((days, n) => {
      const body = bookingBody({
        providerId: 'p-edges',
        start: futureSlot(days),
        customer: { customerId: 'c-count', name: 'Ada' },
      });
      const appointment = newAppointment(parseCreateRequest(body, NOW), `count-${n}`, NOW);
      return toAppointmentItem('clinic-a', appointment, openClaim(appointment).hold);
    });
    await table.documentClient.send(
      new BatchWriteCommand({ RequestItems: { [table.tableName]: open.map((Item) => ({ PutRequest: { Item } })) } }),
    );
    // DynamoDB ends a response at 1 MB with the key to go on from; DynamoDB Local never does. So
    // the first answer of the index is cut here after one item, as DynamoDB would cut it.
    recorded.after = (command, output) => {
      if (command.name !== 'QueryCommand' || command.input.ExclusiveStartKey) return output;
      const { pk, sk, customerKey, startKey } = open[0];
      return {
        ...output,
        Items: (output.Items as unknown[]).slice(0, 1),
        LastEvaluatedKey: { pk, sk, customerKey, startKey },
      };
    };
    const appointment = newAppointment(
      parseCreateRequest(
        bookingBody({
          providerId: 'p-edges',
          start: futureSlot(14),
          customer: { customerId: 'c-count', name: 'Ada' },
        }),
        NOW,
      ),
      'count-over',
      NOW,
    );
    // Act
    const error = await failureOf(repository().create(appointment, openClaim(appointment), { openBookingLimit: 3 }));
    // Assess
    expect((error as AppointmentError).code).toBe('BOOKING_LIMIT_REACHED');
    const queries = recorded.sent.filter((command) => command.name === 'QueryCommand');
    expect(queries.map((command) => command.input.Limit)).toEqual([3, 2]);
  });

  it('whose key is held by a record that never expires fails, and is not answered as made', async () => {
    // Prepare: a record of the key without expiresAt blocks it, yet is no live record to replay.
    const claim = { subject: 's-1', key: 'k-1', requestHash: 'h', response: { statusCode: 201, body: '{}' } };
    await table.documentClient.send(
      new PutCommand({
        TableName: table.tableName,
        Item: {
          ...idempotencyRecordKey('clinic-a', 's-1', 'k-1'),
          requestHash: 'h',
          statusCode: 201,
          responseBody: '{}',
        },
      }),
    );
    const appointment = newAppointment(
      parseCreateRequest(bookingBody({ providerId: 'p-edges', start: futureSlot(10) }), NOW),
      'record',
      NOW,
    );
    // Act
    const error = await failureOf(repository().create(appointment, openClaim(appointment), { claim }));
    // Assess
    expect((error as Error).name).toBe('TransactionCanceledException');
    expect(await repository().get('record', { consistent: true })).toBeUndefined();
  });
});
