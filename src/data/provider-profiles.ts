/**
 * Provider profiles (`PUT` and `GET /providers/{providerId}`): per provider of a tenant, the
 * profile item (`PROFILE#<tenant>#<providerId>`, ./keys) holding the profile, its version and its
 * times, and a version item (`PROFILE_VERSION#...`) holding the version alone, which bookings
 * check in their transactions (./provider-calendar). A change of the profile writes both in one
 * transaction, conditioned on the version item: a new profile only where none exists, a
 * replacement only over the version that was read. Without If-Match a lost race is decided
 * again on a fresh read; with it, a version other than the named one is VERSION_MISMATCH.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { parseProviderProfileRequest, ProviderProfile } from '../domain/availability/provider-profile';
import { AppointmentError, serviceUnavailable, versionMismatch } from '../domain/errors';
import { formatUtc } from '../domain/time';
import { asServiceError, cancellationReasons, isConditionFailure, retryCancelledTransaction } from './dynamo-errors';
import { profileVersionKey, providerProfileKey } from './keys';

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

/**
 * Attempts of read-then-put when another PUT of the same profile lands in between: with N PUTs
 * of one profile at once, the last to commit needs N attempts. Beyond 5 at once the loser is told
 * 503 with Retry-After, which it can simply follow.
 */
const PUT_ATTEMPTS = 5;
/** A random pause of up to this many ms times the attempt, so that losers do not meet again at once. */
const RETRY_JITTER_MS = 20;

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

/** The provider profiles of ONE tenant: every key it reads or writes carries that tenant. */
export interface ProviderProfileStore {
  readonly tenantId: string;
  get(providerId: string, options?: { consistent?: boolean }): Promise<ProviderRecord | undefined>;
  /** Creates or replaces the profile; with `expectedVersion` (If-Match), only over that version. */
  put(
    providerId: string,
    profile: ProviderProfile,
    expectedVersion: number | undefined,
    now: Date,
  ): Promise<ProviderRecord>;
}

export class DynamoProviderProfiles implements ProviderProfileStore {
  constructor(private readonly options: ProviderProfilesOptions) {}

  get tenantId(): string {
    return this.options.tenantId;
  }

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
      if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, RETRY_JITTER_MS * attempt * Math.random()));
      const current = await this.get(providerId, { consistent: true });
      const currentVersion = current?.version ?? 0;
      if (expectedVersion !== undefined && expectedVersion !== currentVersion) {
        throw versionMismatch(expectedVersion, currentVersion, 'the provider');
      }
      const timestamp = formatUtc(now.getTime());
      const record: ProviderRecord = {
        providerId,
        ...profile,
        version: currentVersion + 1,
        createdAt: current?.createdAt ?? timestamp,
        updatedAt: timestamp,
      };
      const { tableName: TableName, tenantId } = this.options;
      try {
        await retryCancelledTransaction(() =>
          this.options.client.send(
            new TransactWriteCommand({
              ClientRequestToken: randomUUID(),
              TransactItems: [
                {
                  Put: {
                    TableName,
                    Item: { ...profileVersionKey(tenantId, providerId), version: record.version },
                    ...(current
                      ? {
                          ConditionExpression: 'version = :read',
                          ExpressionAttributeValues: { ':read': currentVersion },
                        }
                      : { ConditionExpression: 'attribute_not_exists(pk)' }),
                  },
                },
                { Put: { TableName, Item: { ...providerProfileKey(tenantId, providerId), tenantId, ...record } } },
              ],
            }),
          ),
        );
        return record;
      } catch (error) {
        // Another PUT of this profile committed since the read: read again and decide again.
        if (!isConditionFailure(cancellationReasons(error)?.[0])) throw asServiceError(error);
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
    const paths =
      error instanceof AppointmentError
        ? (error.details ?? []).map((d) => ('path' in d ? d.path : d.reason)).join(', ')
        : '';
    throw new MalformedProfileError(`stored provider item ${String(item.pk)} is malformed at: ${paths}`);
  }
  const { version, createdAt, updatedAt } = item;
  if (typeof version !== 'number' || typeof createdAt !== 'string' || typeof updatedAt !== 'string') {
    throw new MalformedProfileError(`stored provider item ${String(item.pk)} has no valid version or times`);
  }
  return { providerId, ...profile, version, createdAt, updatedAt };
}
