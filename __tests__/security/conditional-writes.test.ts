/**
 * Each DynamoDB conditional write, seen from the table (DynamoDB Local): what its condition
 * refuses, and that a refused write changes nothing. These are the cases no API test reaches
 * (an appointment id that already exists, a lock another appointment holds, a stored item that
 * moved on between read and write), so that weakening a ConditionExpression fails here.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { newAppointment, parseCreateRequest } from '../../src/domain/booking';
import { AppointmentError } from '../../src/domain/errors';
import { DynamoAppointmentRepository } from '../../src/data/dynamo-repository';
import { idempotencyRecordKey } from '../../src/data/idempotency';
import { ConcurrentChangeError } from '../../src/data/repository';
import { DynamoDbReminderStore } from '../../src/notifications/reminder-store';
import { bookingBody, createTestTable, futureSlot, scanTable, TestTable } from '../functions/helpers';
import { openClaim } from '../support/calendar-claims';
import { seedOpenProviders } from '../support/providers';
import { Appointment } from '../../src/domain/appointment';
import type { CreateOptions, StoredAppointment } from '../../src/data/repository';
import { ProviderProfileChangedError } from '../../src/data/repository';
import { DynamoProviderProfiles } from '../../src/data/provider-profiles';
import { claimCalendar } from '../../src/domain/availability/calendar';
import { intervalOf } from '../../src/domain/booking';
import { OPEN_PROFILE } from '../support/providers';

let table: TestTable;
let repository: DynamoAppointmentRepository;
beforeAll(async () => {
  table = await createTestTable('conditional-writes');
  const providers = ['p-first', 'p-second', 'p-status', 'p-version', 'p-key', 'p-old', 'p-foreign', 'p-take'];
  // p-stale-profile and p-full-day get their profiles in their own tests.
  await seedOpenProviders(table, 'clinic-a', providers);
  repository = new DynamoAppointmentRepository({
    client: table.documentClient,
    tableName: table.tableName,
    tenantId: 'clinic-a',
    clock,
  });
});
afterAll(() => table.drop());

const NOW = new Date();
function clock() {
  return NOW;
}
const appointment = (id: string, overrides: Record<string, unknown>) =>
  newAppointment(parseCreateRequest(bookingBody({ durationMinutes: 15, ...overrides }), NOW), id, NOW);
/** Books as POST does for a provider with the open profile. */
const book = (booked: Appointment, options?: CreateOptions, into = repository) =>
  into.create(booked, openClaim(booked), options);
/** The appointment as the repository stored it when `book` booked it. */
const stored = (booked: Appointment): StoredAppointment => ({
  tenantId: 'clinic-a',
  appointment: booked,
  hold: openClaim(booked).hold,
});
const failureOf = (write: Promise<unknown>) =>
  write.then(
    () => 'written',
    (error: unknown) => error,
  );
/** The end of a 15-minute appointment starting at `start`. */
const moved = (start: string) => new Date(Date.parse(start) + 15 * 60_000).toISOString().replace('.000Z', 'Z');
const lockOf = (providerId: string, start: string) => ({ pk: `SLOT#clinic-a#${providerId}#${start}`, sk: 'LOCK' });

async function setStored(key: Record<string, string>, field: string, value: unknown): Promise<void> {
  await table.documentClient.send(
    new UpdateCommand({
      TableName: table.tableName,
      Key: key,
      UpdateExpression: 'SET #field = :value',
      ExpressionAttributeNames: { '#field': field },
      ExpressionAttributeValues: { ':value': value },
    }),
  );
}

describe('appointment writes', () => {
  test('a booking never overwrites an appointment with the same id, and leaves no lock behind', async () => {
    // Prepare
    await book(appointment('same-id', { providerId: 'p-first', start: futureSlot(5) }));
    const before = await scanTable(table);
    // Act
    const failure = await failureOf(book(appointment('same-id', { providerId: 'p-second', start: futureSlot(6) })));
    // Assess
    expect(failure).not.toBe('written');
    expect(await scanTable(table)).toEqual(before);
  });

  test('a change is refused when the stored appointment is no longer confirmed, even at the expected version', async () => {
    // Prepare: cancelled behind the writer's back without a version change.
    const booked = appointment('cancelled-same-version', { providerId: 'p-status', start: futureSlot(7) });
    await book(booked);
    await setStored({ pk: 'APPT#clinic-a#cancelled-same-version', sk: 'APPOINTMENT' }, 'status', 'CANCELLED');
    const before = await scanTable(table);
    // Act
    const update = await failureOf(repository.update(stored(booked), { ...booked, version: 2 }));
    const cancel = await failureOf(repository.cancel(stored(booked), { ...booked, status: 'CANCELLED', version: 2 }));
    // Assess
    expect(update).toBeInstanceOf(ConcurrentChangeError);
    expect(cancel).toBeInstanceOf(ConcurrentChangeError);
    expect(await scanTable(table)).toEqual(before);
  });

  test('a change is refused when the stored version moved on', async () => {
    // Prepare
    const booked = appointment('moved-on', { providerId: 'p-version', start: futureSlot(8) });
    await book(booked);
    await setStored({ pk: 'APPT#clinic-a#moved-on', sk: 'APPOINTMENT' }, 'version', 2);
    const before = await scanTable(table);
    // Act
    const update = await failureOf(repository.update(stored(booked), { ...booked, version: 2 }));
    const cancel = await failureOf(repository.cancel(stored(booked), { ...booked, status: 'CANCELLED', version: 2 }));
    // Assess
    expect(update).toBeInstanceOf(ConcurrentChangeError);
    expect(cancel).toBeInstanceOf(ConcurrentChangeError);
    expect(await scanTable(table)).toEqual(before);
  });
});

describe('idempotency records', () => {
  const claim = (requestHash: string, body: string): CreateOptions => ({
    claim: { subject: 'client', key: `key-${requestHash}`, requestHash, response: { statusCode: 201, body } },
  });
  const later = (hours: number) =>
    new DynamoAppointmentRepository({
      client: table.documentClient,
      tableName: table.tableName,
      tenantId: 'clinic-a',
      clock: () => new Date(NOW.getTime() + hours * 3600_000),
    });

  test('a live record is never replaced: the same key books nothing more and is answered from the record', async () => {
    // Prepare
    await book(appointment('keyed-first', { providerId: 'p-key', start: futureSlot(12) }), claim('live', 'first'));
    const before = await scanTable(table);
    // Act
    const lookup = await book(
      appointment('keyed-second', { providerId: 'p-key', start: futureSlot(13) }),
      claim('live', 'second'),
      later(23),
    );
    // Assess
    expect(lookup).toEqual({ kind: 'replay', response: { statusCode: 201, body: 'first' } });
    expect(await scanTable(table)).toEqual(before);
  });

  test('a record past expiresAt is replaced by the next booking with its key, even before TTL deletes it', async () => {
    // Prepare
    await book(appointment('keyed-old', { providerId: 'p-old', start: futureSlot(14) }), claim('old', 'old'));
    // Act
    const lookup = await book(
      appointment('keyed-new', { providerId: 'p-old', start: futureSlot(15) }),
      claim('old', 'new'),
      later(25),
    );
    // Assess
    expect(lookup).toEqual({ kind: 'none' });
    const record = (await scanTable(table)).find(
      (item) => item.pk === idempotencyRecordKey('clinic-a', 'client', 'key-old').pk,
    );
    expect(record).toMatchObject({ responseBody: 'new' });
  });
});

describe('slot lock writes', () => {
  test('cancelling never deletes a slot lock another appointment holds', async () => {
    // Prepare
    const start = futureSlot(9);
    const booked = appointment('lock-owner', { providerId: 'p-foreign', start });
    await book(booked);
    await setStored(lockOf('p-foreign', start), 'appointmentId', 'someone-else');
    const before = await scanTable(table);
    // Act
    const failure = await failureOf(repository.cancel(stored(booked), { ...booked, status: 'CANCELLED', version: 2 }));
    // Assess
    expect((failure as AppointmentError).code).toBe('SLOT_CONFLICT');
    expect(await scanTable(table)).toEqual(before);
  });

  test('rescheduling never takes a slot another appointment holds', async () => {
    // Prepare
    const taken = futureSlot(10);
    const mover = appointment('mover', { providerId: 'p-take', start: futureSlot(11) });
    await book(mover);
    await book(appointment('holder', { providerId: 'p-take', start: taken }));
    const before = await scanTable(table);
    // Act
    const failure = await failureOf(
      repository.update(
        stored(mover),
        { ...mover, start: taken, end: moved(taken), version: 2 },
        openClaim({ start: taken, end: moved(taken) }),
      ),
    );
    // Assess
    expect((failure as AppointmentError).code).toBe('SLOT_CONFLICT');
    expect(await scanTable(table)).toEqual(before);
  });
});

describe('availability writes', () => {
  const profile = { ...OPEN_PROFILE, name: 'Dr. Race' };
  const profiles = () =>
    new DynamoProviderProfiles({ client: table.documentClient, tableName: table.tableName, tenantId: 'clinic-a' });

  test('two replacements of one profile version at once: one is written, the other meets 412', async () => {
    // Prepare
    await profiles().put('p-profile-race', profile, undefined, NOW);
    // Act
    const outcomes = await Promise.all(
      [1, 2].map((n) => failureOf(profiles().put('p-profile-race', { ...profile, name: `Dr. ${n}` }, 1, NOW))),
    );
    // Assess
    const codes = outcomes.map((outcome) => (outcome instanceof AppointmentError ? outcome.code : 'written'));
    expect(codes.sort()).toEqual(['VERSION_MISMATCH', 'written']);
    expect((await profiles().get('p-profile-race', { consistent: true }))?.version).toBe(2);
  });

  test('two creations of one profile at once: both land, one after the other (versions 1 and 2)', async () => {
    const written = await Promise.all(
      [1, 2].map((n) => profiles().put('p-profile-twice', { ...profile, name: `Dr. ${n}` }, undefined, NOW)),
    );
    expect(written.map((record) => record.version).sort()).toEqual([1, 2]);
    const versionItem = (await scanTable(table)).find((item) => item.pk === 'PROFILE_VERSION#clinic-a#p-profile-twice');
    expect(versionItem?.version).toBe(2);
  });

  test('four replacements of one profile at once without If-Match all land, one version each (found by the sequence property test)', async () => {
    await profiles().put('p-profile-four', profile, undefined, NOW);
    const written = await Promise.all(
      [1, 2, 3, 4].map((n) => profiles().put('p-profile-four', { ...profile, name: `Dr. ${n}` }, undefined, NOW)),
    );
    expect(written.map((record) => record.version).sort()).toEqual([2, 3, 4, 5]);
  });

  test('a booking decided against an older profile version is refused and writes nothing', async () => {
    // Prepare: the profile is at version 2; the booking claims version 1
    await profiles().put('p-stale-profile', profile, undefined, NOW);
    await profiles().put('p-stale-profile', profile, undefined, NOW);
    const booked = appointment('stale-profile', { providerId: 'p-stale-profile', start: futureSlot(16) });
    const before = await scanTable(table);
    // Act
    const failure = await failureOf(repository.create(booked, openClaim(booked, { ...OPEN_PROFILE, version: 1 })));
    // Assess
    expect(failure).toBeInstanceOf(ProviderProfileChangedError);
    expect(await scanTable(table)).toEqual(before);
  });

  test('a full day refuses the next booking of its date, and a day without a limit counts without refusing', async () => {
    // Prepare: a limit of 1
    const limited = { ...OPEN_PROFILE, maxBookingsPerDay: 1 };
    await profiles().put('p-full-day', limited, undefined, NOW);
    // Both on one date of the profile's zone (UTC) at any hour of a run: futureSlot(17) and
    // futureSlot(17, 60) fell on two dates when the test ran after 23:00 UTC.
    const date = futureSlot(17).slice(0, 10);
    const first = appointment('full-day-1', { providerId: 'p-full-day', start: `${date}T10:00:00Z` });
    const second = appointment('full-day-2', { providerId: 'p-full-day', start: `${date}T11:00:00Z` });
    await repository.create(first, claimCalendar({ ...limited, version: 1 }, intervalOf(first), NOW, false));
    const before = await scanTable(table);
    // Act
    const refused = await failureOf(
      repository.create(second, claimCalendar({ ...limited, version: 1 }, intervalOf(second), NOW, false)),
    );
    const unlimited = await failureOf(repository.create(second, openClaim(second)));
    // Assess
    expect((refused as AppointmentError).code).toBe('DAILY_LIMIT_REACHED');
    expect(unlimited).toBe('written');
    const counter = (await scanTable(table)).find((item) => String(item.pk).startsWith('DAY#clinic-a#p-full-day#'));
    expect(before.find((item) => item.pk === counter?.pk)?.bookings).toBe(1);
    expect(counter?.bookings).toBe(2);
  });
});

describe('reminder claims', () => {
  test('a reminder is claimed once, and only its own claim can give it back', async () => {
    // Prepare
    const store = new DynamoDbReminderStore(table.documentClient, table.tableName);
    const expiresAt = new Date(NOW.getTime() + 3600_000);
    const reminded = { appointmentId: 'reminded', start: '2026-12-01T17:00:00Z' };
    const first = await store.claim('clinic-a', reminded, 60, expiresAt);
    // Act
    const second = await store.claim('clinic-a', reminded, 60, expiresAt);
    await store.release({ ...first!, claimId: 'not-this-claim' });
    const afterForeignRelease = await store.claim('clinic-a', reminded, 60, expiresAt);
    await store.release(first!);
    const afterOwnRelease = await store.claim('clinic-a', reminded, 60, expiresAt);
    // Assess
    expect(first).toBeDefined();
    expect(second).toBeUndefined();
    expect(afterForeignRelease).toBeUndefined();
    expect(afterOwnRelease).toMatchObject({ ...reminded, minutesBefore: 60 });
  });
});
