import { RolePolicy } from '../iam/role-policy';
import { PolicyStatement } from '../iam/policy-document';
import { KEY_DECRYPT_ACTIONS, KEY_ENCRYPT_DECRYPT_ACTIONS, viaServices } from '../security/encryption-key';

/**
 * Named lists of the DynamoDB actions each kind of table user calls. A transaction
 * (TransactWriteItems) is authorised action by action on its items, so these are item actions.
 */
export const TABLE_ACTIONS = {
  readItem: ['dynamodb:GetItem'],
  queryIndexes: ['dynamodb:Query'],
  /** Booking: one transaction of puts (appointment, slot locks, customer's bookings, idempotency record). */
  bookingWrites: ['dynamodb:PutItem'],
  /**
   * Booking reads: the customer's bookings item, its recent appointments, and the record of a
   * replayed Idempotency-Key whose body no longer validates.
   */
  bookingReads: ['dynamodb:GetItem'],
  /** A staff booking appends itself to the customer's bookings item without reading it. */
  customerBookingsAppend: ['dynamodb:UpdateItem'],
  /** Rescheduling: read, then one transaction that updates the item, frees old and takes new locks. */
  rescheduleWrites: ['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
  /** Cancelling: read, then one transaction that updates the item and frees its locks. */
  cancelWrites: ['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:UpdateItem'],
  /** Checking a profile's version item inside a booking's transaction. */
  profileVersionChecks: ['dynamodb:ConditionCheckItem'],
  /** Replacing a profile: read it, then one transaction that puts it and its version item. */
  profileWrites: ['dynamodb:GetItem', 'dynamodb:PutItem'],
  /** Raising and lowering a provider's day counter (ADD), in a booking's, move's or cancel's transaction. */
  dayCounts: ['dynamodb:UpdateItem'],
  /** Claiming and releasing a reminder-sent record. */
  reminderRecords: ['dynamodb:DeleteItem', 'dynamodb:PutItem'],
  readStream: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
  /** Names no table or stream: IAM only authorises it on `Resource: "*"`. */
  listStreams: ['dynamodb:ListStreams'],
} as const;

/** The key prefixes (see src/data/keys.ts) each kind of table user may read or write: `dynamodb:LeadingKeys`. */
export const TABLE_KEY_PREFIXES = {
  booking: ['APPT#*', 'SLOT#*', 'BOOKINGS#*', 'IDEMPOTENCY#*'],
  /** What a booking reads: the customer's bookings item, recent appointments, an idempotency record. */
  bookingReads: ['APPT#*', 'BOOKINGS#*', 'IDEMPOTENCY#*'],
  customerBookings: ['BOOKINGS#*'],
  change: ['APPT#*', 'SLOT#*'],
  reminder: ['REMINDER#*'],
  profile: ['PROFILE#*'],
  profileVersion: ['PROFILE_VERSION#*'],
  /** A profile change writes the profile and its version item. */
  profileWrites: ['PROFILE#*', 'PROFILE_VERSION#*'],
  providerDay: ['DAY#*'],
  appointment: ['APPT#*'],
} as const;

export function leadingKeys(prefixes: readonly string[]): PolicyStatement['condition'] {
  return [{ test: 'ForAllValues:StringLike', variable: 'dynamodb:LeadingKeys', values: [...prefixes] }];
}

/** Adds an item-level statement and the key use DynamoDB's encryption needs on the caller's behalf. */
export function grantTableAccess(
  policy: RolePolicy,
  grant: { sid: string; actions: readonly string[]; resources: string[]; keyPrefixes?: readonly string[] },
  encryption: { keyArn: string; region: string; write: boolean },
): void {
  policy.addStatements(
    {
      sid: grant.sid,
      actions: [...grant.actions],
      resources: grant.resources,
      condition: grant.keyPrefixes ? leadingKeys(grant.keyPrefixes) : undefined,
    },
    {
      sid: `${grant.sid}Encryption`,
      actions: [...(encryption.write ? KEY_ENCRYPT_DECRYPT_ACTIONS : KEY_DECRYPT_ACTIONS)],
      resources: [encryption.keyArn],
      condition: viaServices(encryption.region, 'dynamodb', 'streams.dynamodb'),
    },
  );
}
