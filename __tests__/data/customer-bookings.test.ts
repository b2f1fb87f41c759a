/**
 * The limit on a customer's open bookings (contract: maxOpenBookingsPerCustomer), on DynamoDB
 * Local through the repository: what counts, what a refusal leaves, and that concurrent
 * bookings of one customer cannot overshoot it.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { Appointment } from '../../src/domain/appointment';
import { newAppointment, parseCreateRequest } from '../../src/domain/booking';
import { AppointmentError } from '../../src/domain/errors';
import { MAX_APPENDED_BOOKINGS } from '../../src/data/customer-bookings';
import { DynamoAppointmentRepository } from '../../src/data/dynamo-repository';
import { toAppointmentItem } from '../../src/data/items';
import { customerBookingsKey } from '../../src/data/keys';
import { bookingBody, createTestTable, futureSlot, scanTable, TestTable } from '../functions/helpers';
import { openClaim } from '../support/calendar-claims';
import { seedOpenProviders } from '../support/providers';

const TENANT = 'clinic-a';
const LIMIT = 3;
let table: TestTable;
let repository: DynamoAppointmentRepository;
beforeAll(async () => {
  table = await createTestTable('customer-bookings');
  const providers = ['p-cancel', 'p-edge', 'p-full', 'p-lag', 'p-many', 'p-old', 'p-past', 'p-race', 'p-staff'];
  await seedOpenProviders(table, TENANT, providers);
  await seedOpenProviders(table, 'clinic-b', ['p-cancel']);
  repository = new DynamoAppointmentRepository({
    client: table.documentClient,
    tableName: table.tableName,
    tenantId: TENANT,
    clock: () => new Date(),
  });
});
afterAll(() => table.drop());

let sequence = 0;
/** A booking of `customerId` with provider `providerId`, each in its own slot 3 days ahead. */
function booking(customerId: string, providerId: string): Appointment {
  sequence += 1;
  const body = bookingBody({
    providerId,
    customer: { customerId, name: 'Ada' },
    start: futureSlot(3, 15 * sequence),
    durationMinutes: 15,
  });
  return newAppointment(parseCreateRequest(body, new Date()), `cb-${sequence}`, new Date());
}

const addMinutesUtc = (start: string, minutes: number) =>
  new Date(Date.parse(start) + minutes * 60_000).toISOString().replace('.000Z', 'Z');
/** Books through `into` as an open provider's booking is claimed (a staff booking without `options`). */
const book = (into: DynamoAppointmentRepository, appointment: Appointment, options?: { openBookingLimit: number }) =>
  into.create(appointment, openClaim(appointment), options);
const limited = (appointment: Appointment) => book(repository, appointment, { openBookingLimit: LIMIT });
const codeOf = (error: unknown) => (error as AppointmentError).code;
const customerItem = async (customerId: string) =>
  (await scanTable(table)).find((item) => item.pk === customerBookingsKey(TENANT, customerId).pk);

describe('the limit on open bookings', () => {
  it('refuses the booking past the limit with BOOKING_LIMIT_REACHED and writes nothing', async () => {
    // Prepare
    for (let i = 0; i < LIMIT; i++) await limited(booking('c-full', 'p-full'));
    const before = await scanTable(table);
    // Act
    const refusal = await limited(booking('c-full', 'p-full')).catch((error: unknown) => error);
    // Assess
    expect(codeOf(refusal)).toBe('BOOKING_LIMIT_REACHED');
    expect((refusal as Error).message).toBe(
      'This customer already holds 3 upcoming appointments, the most a customer can book.',
    );
    expect(await scanTable(table)).toEqual(before);
  });

  it('never refuses a booking without a limit (staff), and counts it against the customer afterwards', async () => {
    // Prepare: two by the customer, two by staff
    await limited(booking('c-staff', 'p-staff'));
    await limited(booking('c-staff', 'p-staff'));
    await book(repository, booking('c-staff', 'p-staff'));
    // Act
    const staffAgain = await book(repository, booking('c-staff', 'p-staff'));
    const customerAgain = await limited(booking('c-staff', 'p-staff')).catch((error: unknown) => error);
    // Assess
    expect(staffAgain).toEqual({ kind: 'none' });
    expect(codeOf(customerAgain)).toBe('BOOKING_LIMIT_REACHED');
  });

  it('counts neither cancelled appointments nor those of another customer or tenant', async () => {
    // Prepare: at the limit, then one cancelled; another customer and another tenant at the limit too
    const held = [];
    for (let i = 0; i < LIMIT; i++) {
      const appointment = booking('c-cancel', 'p-cancel');
      await limited(appointment);
      held.push(appointment);
    }
    const stored = (await repository.get(held[0].appointmentId, { consistent: true }))!;
    await repository.cancel(stored, { ...stored.appointment, status: 'CANCELLED', version: 2 });
    const otherTenant = new DynamoAppointmentRepository({
      client: table.documentClient,
      tableName: table.tableName,
      tenantId: 'clinic-b',
      clock: () => new Date(),
    });
    for (let i = 0; i < LIMIT; i++) await book(otherTenant, booking('c-cancel', 'p-cancel'));
    for (let i = 0; i < LIMIT; i++) await limited(booking('c-other', 'p-cancel'));
    // Act
    const next = await limited(booking('c-cancel', 'p-cancel'));
    // Assess
    expect(next).toEqual({ kind: 'none' });
  });

  it('counts only appointments that start after now', async () => {
    // Prepare: three appointments whose start has passed, stored as the repository stores them
    for (let i = 0; i < LIMIT; i++) {
      const past = { ...booking('c-past', 'p-past'), start: '2026-01-05T10:00:00Z', end: '2026-01-05T10:15:00Z' };
      await table.documentClient.send(
        new PutCommand({ TableName: table.tableName, Item: toAppointmentItem(TENANT, past, openClaim(past).hold) }),
      );
    }
    // Act / Assess
    expect(await limited(booking('c-past', 'p-past'))).toEqual({ kind: 'none' });
  });

  it('counts a recent booking the index does not show yet, from the table, while it is CONFIRMED', async () => {
    // Prepare: the index lags: LIMIT appointments in the table and in the customer's recent list,
    // but without index keys (what a read of a lagging index sees)
    const recent = [];
    for (let i = 0; i < LIMIT; i++) {
      const appointment = booking('c-lag', 'p-lag');
      const item: Record<string, unknown> = { ...toAppointmentItem(TENANT, appointment, openClaim(appointment).hold) };
      delete item.customerKey;
      delete item.providerKey;
      await table.documentClient.send(new PutCommand({ TableName: table.tableName, Item: item }));
      recent.push({ appointmentId: appointment.appointmentId, start: appointment.start, bookedAt: Date.now() / 1000 });
    }
    await table.documentClient.send(
      new PutCommand({
        TableName: table.tableName,
        Item: { ...customerBookingsKey(TENANT, 'c-lag'), version: 1, recent },
      }),
    );
    // Act
    const refusal = await limited(booking('c-lag', 'p-lag')).catch((error: unknown) => error);
    // Assess
    expect(codeOf(refusal)).toBe('BOOKING_LIMIT_REACHED');
  });

  it('counts bookings made long ago from the index, once the customer item has forgotten them', async () => {
    // Prepare: LIMIT - 1 bookings by staff two hours ago, then one by the customer now, whose
    // write drops the old entries from the customer item: only the index still counts them
    const twoHoursAgo = new DynamoAppointmentRepository({
      client: table.documentClient,
      tableName: table.tableName,
      tenantId: TENANT,
      clock: () => new Date(Date.now() - 2 * 3600_000),
    });
    for (let i = 0; i < LIMIT - 1; i++) await book(twoHoursAgo, booking('c-old', 'p-old'));
    await limited(booking('c-old', 'p-old'));
    const recent = (await customerItem('c-old'))?.recent as unknown[];
    // Act
    const refusal = await limited(booking('c-old', 'p-old')).catch((error: unknown) => error);
    // Assess
    expect(recent).toHaveLength(1);
    expect(codeOf(refusal)).toBe('BOOKING_LIMIT_REACHED');
  });

  it('does not count a recent booking that starts at this very second, nor a cancelled one', async () => {
    // Prepare: the clock stands at an appointment's start; the customer item lists it and a
    // cancelled one among LIMIT recent bookings, none of them in the index
    const now = new Date(Date.parse(futureSlot(6)));
    const atNow = new DynamoAppointmentRepository({
      client: table.documentClient,
      tableName: table.tableName,
      tenantId: TENANT,
      clock: () => now,
    });
    const recent = [];
    for (let i = 0; i < LIMIT; i++) {
      const appointment = booking('c-edge', 'p-edge');
      // At now exactly; cancelled, later; confirmed, later: only the last one holds a place.
      const starts = [futureSlot(6), futureSlot(6, 45), futureSlot(6, 30)];
      const edge = {
        ...appointment,
        start: starts[i],
        end: addMinutesUtc(starts[i], 15),
        ...(i === 1 ? { status: 'CANCELLED' as const } : {}),
      };
      const item: Record<string, unknown> = { ...toAppointmentItem(TENANT, edge, openClaim(edge).hold) };
      delete item.customerKey;
      delete item.providerKey;
      await table.documentClient.send(new PutCommand({ TableName: table.tableName, Item: item }));
      // The first was booked for later and has since moved to now: the table's start decides.
      const bookedStart = i === 0 ? futureSlot(6, 60) : edge.start;
      recent.push({ appointmentId: edge.appointmentId, start: bookedStart, bookedAt: now.getTime() / 1000 });
    }
    await table.documentClient.send(
      new PutCommand({
        TableName: table.tableName,
        Item: { ...customerBookingsKey(TENANT, 'c-edge'), version: 1, recent },
      }),
    );
    // Act: of the two places, one is taken
    const next = await book(atNow, booking('c-edge', 'p-edge'), { openBookingLimit: 2 });
    // Assess
    expect(next).toEqual({ kind: 'none' });
  });

  it('lets exactly as many concurrent bookings of one customer commit as the limit leaves room for', async () => {
    // Prepare: one place left
    for (let i = 0; i < LIMIT - 1; i++) await limited(booking('c-race', 'p-race'));
    // Act: six bookings at once, each for its own slot
    const outcomes = await Promise.all(
      Array.from({ length: 6 }, () =>
        limited(booking('c-race', 'p-race')).then(
          () => 'booked',
          (error: unknown) => codeOf(error),
        ),
      ),
    );
    // Assess
    expect(outcomes.filter((outcome) => outcome === 'booked')).toHaveLength(1);
    expect(new Set(outcomes.filter((outcome) => outcome !== 'booked'))).toEqual(new Set(['BOOKING_LIMIT_REACHED']));
    const confirmed = (await scanTable(table)).filter(
      (item) =>
        item.sk === 'APPOINTMENT' &&
        item.tenantId === TENANT &&
        (item.customer as { customerId: string }).customerId === 'c-race',
    );
    expect(confirmed).toHaveLength(LIMIT);
  });

  it('keeps the customer item bounded however many bookings staff make without reading it', async () => {
    // Act
    for (let i = 0; i < MAX_APPENDED_BOOKINGS + 5; i++) await book(repository, booking('c-many', 'p-many'));
    // Assess: the list never outgrows its bound; the version counts every booking
    const item = await customerItem('c-many');
    expect((item?.recent as unknown[]).length).toBeLessThanOrEqual(MAX_APPENDED_BOOKINGS);
    expect(item?.version).toBe(MAX_APPENDED_BOOKINGS + 5);
  });
});
