/**
 * The seeding fixture itself: OPEN_PROFILE is a profile `PUT /providers` would take as it is,
 * it truly is open (across midnight, from now to the end of its window), and seeding writes it
 * through the store, per tenant.
 */
import { checkAvailability } from '../../src/domain/availability/bookable';
import { parseProviderProfileRequest } from '../../src/domain/availability/provider-profile';
import { DynamoProviderProfiles } from '../../src/data/provider-profiles';
import { createTestTable, localEndpoint, TestTable } from '../functions/helpers';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { providerProfileKey } from '../../src/data/keys';
import { OPEN_PROFILE, openProfileItem, seedOpenProviders, seedOpenProvidersAt } from './providers';

const MINUTE_MS = 60_000;
const DAY_MS = 1_440 * MINUTE_MS;
const NOW = new Date('2026-12-02T11:07:00Z');
const interval = (start: string, minutes: number) => ({
  startMs: Date.parse(start),
  endMs: Date.parse(start) + minutes * MINUTE_MS,
});

describe('OPEN_PROFILE', () => {
  it('is a valid PUT /providers body that parses back to itself, defaults included', () => {
    expect(parseProviderProfileRequest(OPEN_PROFILE)).toEqual(OPEN_PROFILE);
    expect(OPEN_PROFILE).not.toHaveProperty('maxBookingsPerDay');
  });

  it('books 480 minutes from 23:45 local, across midnight, on any weekday', () => {
    // 2026-12-07 is a Monday: seven consecutive starts cover every weekday's midnight.
    for (let day = 0; day < 7; day++) {
      const start = new Date(Date.parse('2026-12-07T23:45:00Z') + day * DAY_MS).toISOString();
      expect(checkAvailability(OPEN_PROFILE, NOW, interval(start, 480))).toEqual({ ok: true });
    }
  });

  it('needs no notice, and ends its window 365 days from now', () => {
    const now = NOW.getTime();
    const at = (ms: number, minutes = 15) =>
      checkAvailability(OPEN_PROFILE, NOW, { startMs: ms, endMs: ms + minutes * MINUTE_MS });
    expect(at(now)).toEqual({ ok: true });
    expect(at(now + 365 * DAY_MS - MINUTE_MS)).toEqual({ ok: true });
    expect(at(now + 365 * DAY_MS)).toEqual({ ok: false, reason: 'BEYOND_BOOKING_WINDOW' });
    expect(at(now - MINUTE_MS)).toEqual({ ok: false, reason: 'MINIMUM_NOTICE' });
  });
});

describe('seedOpenProviders', () => {
  let table: TestTable;
  beforeAll(async () => {
    table = await createTestTable('seed-providers');
  });
  afterAll(() => table.drop());

  const storeOf = (tenantId: string) =>
    new DynamoProviderProfiles({ client: table.documentClient, tableName: table.tableName, tenantId });

  it('writes each provider once, for that tenant only, as the store reads it back', async () => {
    await seedOpenProviders(table, 'tenant-a', ['p-1', 'p-2', 'p-1']);
    for (const providerId of ['p-1', 'p-2']) {
      const record = await storeOf('tenant-a').get(providerId, { consistent: true });
      expect(record).toMatchObject({ ...OPEN_PROFILE, providerId, version: 1 });
      expect(await storeOf('tenant-b').get(providerId, { consistent: true })).toBeUndefined();
    }
  });

  it('describes with openProfileItem the very item the store writes', async () => {
    const now = new Date('2026-12-02T11:30:00Z');
    await seedOpenProviders(table, 'tenant-d', ['p-5']);
    const { Item } = await table.documentClient.send(
      new GetCommand({ TableName: table.tableName, Key: providerProfileKey('tenant-d', 'p-5') }),
    );
    const stored = Item as Record<string, unknown>;
    expect(openProfileItem('tenant-d', 'p-5', OPEN_PROFILE, now)).toEqual({
      ...stored,
      createdAt: '2026-12-02T11:30:00Z',
      updatedAt: '2026-12-02T11:30:00Z',
    });
  });

  it('replaces an existing profile, and takes another profile when given one', async () => {
    const closed = { ...OPEN_PROFILE, name: 'Closed provider', weeklyHours: {} };
    await seedOpenProviders(table, 'tenant-c', ['p-3'], closed);
    await seedOpenProvidersAt({ endpoint: localEndpoint(), tableName: table.tableName }, 'tenant-c', ['p-3', 'p-4']);
    expect(await storeOf('tenant-c').get('p-3', { consistent: true })).toMatchObject({ ...OPEN_PROFILE, version: 2 });
    expect(await storeOf('tenant-c').get('p-4', { consistent: true })).toMatchObject({ ...OPEN_PROFILE, version: 1 });
  });
});
