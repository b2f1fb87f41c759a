/**
 * Provider profiles for tests that book: contract v2 ("Providers and availability") lets a
 * booking name only a provider of the caller's tenant, and only inside its working hours, notice
 * and window. OPEN_PROFILE is open every minute of every day (24:00 of one date meets 00:00 of
 * the next, so even a booking across midnight fits), with no notice, no buffers, no daily limit
 * and the longest window (365 days), so a test that seeds it books exactly as it did before
 * availability existed. Seeded through the real store, as `PUT /providers/{providerId}` writes.
 */
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ProviderProfile, WEEKDAYS } from '../../src/domain/availability/provider-profile';
import { DynamoProviderProfiles } from '../../src/data/provider-profiles';
import { createDocumentClient } from '../../src/data/client';
import { providerProfileKey } from '../../src/data/keys';
import { formatUtc } from '../../src/domain/time';
import { createLocalDynamoDbClient } from '../../dev/local/dynamodb-client';

const ALL_DAY = [{ start: '00:00', end: '24:00' }] as const;

export const OPEN_PROFILE: ProviderProfile = {
  name: 'Open provider',
  timeZone: 'UTC',
  weeklyHours: Object.fromEntries(WEEKDAYS.map((day) => [day, ALL_DAY])),
  dateOverrides: [],
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 0,
  minimumNoticeMinutes: 0,
  bookingWindowDays: 365,
};

/** Where profiles are written: a test table (functions/helpers' TestTable is one). */
export interface ProfileTarget {
  readonly documentClient: DynamoDBDocumentClient;
  readonly tableName: string;
}

/** Gives each of `providerIds` of `tenantId` the profile (creating or replacing it). */
export async function seedOpenProviders(
  target: ProfileTarget,
  tenantId: string,
  providerIds: readonly string[],
  profile: ProviderProfile = OPEN_PROFILE,
): Promise<void> {
  const store = new DynamoProviderProfiles({ client: target.documentClient, tableName: target.tableName, tenantId });
  const now = new Date();
  // One after another: a few puts, and DynamoDB Local shares two cores with the test workers.
  for (const providerId of [...new Set(providerIds)]) await store.put(providerId, profile, undefined, now);
}

/**
 * The same for a table reached by endpoint, as the dev server's `dynamoDb` names its own: a
 * client made for the seeding and closed after it.
 */
export async function seedOpenProvidersAt(
  dynamoDb: { readonly endpoint: string; readonly tableName: string },
  tenantId: string,
  providerIds: readonly string[],
  profile: ProviderProfile = OPEN_PROFILE,
): Promise<void> {
  const client = createLocalDynamoDbClient(dynamoDb.endpoint);
  try {
    await seedOpenProviders(
      { documentClient: createDocumentClient(client), tableName: dynamoDb.tableName },
      tenantId,
      providerIds,
      profile,
    );
  } finally {
    client.destroy();
  }
}

/**
 * The item the store writes for a new profile, for a test whose document client is mocked (it
 * has no table to seed): the answer its GetCommand of the profile's key should give.
 */
export function openProfileItem(
  tenantId: string,
  providerId: string,
  profile: ProviderProfile = OPEN_PROFILE,
  now = new Date(),
): Record<string, unknown> {
  const timestamp = formatUtc(now.getTime());
  return {
    ...providerProfileKey(tenantId, providerId),
    tenantId,
    ...profile,
    providerId,
    version: 1,
    createdAt: timestamp,
    updatedAt: timestamp,
  };
}
