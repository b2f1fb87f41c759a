/**
 * Provider profiles (`PUT` and `GET /providers/{providerId}`): one item per provider of a tenant
 * (`PROFILE#<tenant>#<providerId>`, ./keys) holding the profile, its version and its times.
 * Bookings decided against a profile will carry a condition on its version, so a change of the
 * profile is one conditional Put: a new profile only where none exists, a replacement only over
 * the version that was read. Without If-Match a lost race is decided again on a fresh read;
 * with it, a version other than the named one is VERSION_MISMATCH.
 */
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { parseProviderProfileRequest, ProviderProfile } from '../domain/availability/provider-profile';
import { AppointmentError, serviceUnavailable, versionMismatch } from '../domain/errors';
import { formatUtc } from '../domain/time';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { asServiceError } from './dynamo-errors';
import { providerProfileKey } from './keys';

/** A stored profile, as `PUT` and `GET /providers/{providerId}` answer it. */
export type ProviderRecord = ProviderProfile & {
  readonly providerId: string;
  /** 1 for a new profile, +1 on every PUT. */
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
};

export interface ProviderProfilesOptions {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  /** The one tenant whose profiles this store reads and writes. */
  readonly tenantId: string;
}

/** Attempts of read-then-put when another PUT of the same profile lands in between. */
const PUT_ATTEMPTS = 3;

const PROFILE_FIELDS = [
  'name',
  'timeZone',
  'weeklyHours',
  'dateOverrides',
  'bufferBeforeMinutes',
  'bufferAfterMinutes',
  'minimumNoticeMinutes',
  'bookingWindowDays',
  'maxBookingsPerDay',
] as const;

export class DynamoProviderProfiles {
  constructor(private readonly options: ProviderProfilesOptions) {}

  async get(providerId: string, options: { consistent?: boolean } = {}): Promise<ProviderRecord | undefined> {
    try {
      const { Item } = await this.options.client.send(
        new GetCommand({
          TableName: this.options.tableName,
          Key: providerProfileKey(this.options.tenantId, providerId),
          ConsistentRead: options.consistent ?? false,
        }),
      );
      return Item ? recordFromItem(providerId, Item) : undefined;
    } catch (error) {
      if (error instanceof AppointmentError || error instanceof MalformedProfileError) throw error;
      throw asServiceError(error);
    }
  }

  /** Creates or replaces the profile; with `expectedVersion` (If-Match), only over that version. */
  async put(
    providerId: string,
    profile: ProviderProfile,
    expectedVersion: number | undefined,
    now: Date,
  ): Promise<ProviderRecord> {
    for (let attempt = 1; attempt <= PUT_ATTEMPTS; attempt++) {
      const current = await this.get(providerId, { consistent: true });
      const currentVersion = current?.version ?? 0;
      if (expectedVersion !== undefined && expectedVersion !== currentVersion) {
        throw versionMismatch(expectedVersion, currentVersion, 'the provider');
      }
      const timestamp = formatUtc(now.getTime());
      const record: ProviderRecord = {
        ...profile,
        providerId,
        version: currentVersion + 1,
        createdAt: current?.createdAt ?? timestamp,
        updatedAt: timestamp,
      };
      try {
        await this.options.client.send(
          new PutCommand({
            TableName: this.options.tableName,
            Item: {
              ...providerProfileKey(this.options.tenantId, providerId),
              tenantId: this.options.tenantId,
              ...record,
            },
            ...(current
              ? { ConditionExpression: 'version = :read', ExpressionAttributeValues: { ':read': currentVersion } }
              : { ConditionExpression: 'attribute_not_exists(pk)' }),
          }),
        );
        return record;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw asServiceError(error);
      }
    }
    // Only under a storm of PUTs of one profile: the client may simply retry.
    throw serviceUnavailable();
  }
}

class MalformedProfileError extends Error {}

/** The stored profile, checked by the same rules as a PUT body: a malformed item is a bug, not an answer. */
function recordFromItem(providerId: string, item: Record<string, unknown>): ProviderRecord {
  const body = Object.fromEntries(PROFILE_FIELDS.filter((field) => item[field] !== undefined).map((f) => [f, item[f]]));
  let profile: ProviderProfile;
  try {
    profile = parseProviderProfileRequest(body);
  } catch (error) {
    const paths = error instanceof AppointmentError ? (error.details ?? []).map((d) => d.path).join(', ') : '';
    throw new MalformedProfileError(`stored provider item ${String(item.pk)} is malformed at: ${paths}`);
  }
  const { version, createdAt, updatedAt } = item;
  if (typeof version !== 'number' || typeof createdAt !== 'string' || typeof updatedAt !== 'string') {
    throw new MalformedProfileError(`stored provider item ${String(item.pk)} has no valid version or times`);
  }
  return { ...profile, providerId, version, createdAt, updatedAt };
}
