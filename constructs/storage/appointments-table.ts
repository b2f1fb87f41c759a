import { Construct } from 'constructs';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import type { TableCapacity } from '../../config/environments';
import { APPOINTMENTS_TABLE, APPOINTMENTS_TABLE_INDEXES, keyAttributeNames } from '../../src/data/table-schema';
import { EncryptionKey } from '../security/encryption-key';
import { RolePolicy } from '../iam/role-policy';
import { StackEnvironment } from '../stack-environment';
import { CapacityAutoScaling } from './capacity-auto-scaling';
import { grantTableAccess, leadingKeys, TABLE_ACTIONS, TABLE_KEY_PREFIXES } from './table-grants';

export interface AppointmentsTableProps {
  /** Physical name of the table, from the naming helper. */
  readonly tableName: string;
  /** Customer-managed key for server-side encryption; grants add its use through DynamoDB. */
  readonly key: EncryptionKey;
  /** Bounds of the table's reads and writes; the floor is also the capacity it is created with. */
  readonly tableCapacity: TableCapacity;
  /** Bounds of each global secondary index's reads and writes. */
  readonly indexCapacity: TableCapacity;
  /** Deletion protection on the table and `prevent_destroy` in Terraform. */
  readonly protect: boolean;
}

/**
 * The appointments table, built from the one schema the booking code uses
 * (src/data/table-schema.ts): provisioned capacity with target-tracking auto scaling on the table
 * and every index, point-in-time recovery, SSE with a customer-managed key, and the stream that
 * is the outbox for notifications.
 */
export class AppointmentsTable extends Construct {
  readonly table: DynamodbTable;
  readonly key: EncryptionKey;
  /** The physical name, known at synthesis (for alarms and dashboards); `tableName` is the reference. */
  readonly physicalName: string;

  constructor(scope: Construct, id: string, props: AppointmentsTableProps) {
    super(scope, id);
    this.key = props.key;
    this.physicalName = props.tableName;
    this.table = new DynamodbTable(this, 'Table', {
      name: props.tableName,
      billingMode: 'PROVISIONED',
      readCapacity: props.tableCapacity.read.min,
      writeCapacity: props.tableCapacity.write.min,
      hashKey: APPOINTMENTS_TABLE.partitionKey,
      rangeKey: APPOINTMENTS_TABLE.sortKey,
      attribute: keyAttributeNames().map((name) => ({ name, type: 'S' })),
      globalSecondaryIndex: APPOINTMENTS_TABLE_INDEXES.map((index) => ({
        name: index.name,
        hashKey: index.partitionKey,
        rangeKey: index.sortKey,
        projectionType: 'ALL',
        readCapacity: props.indexCapacity.read.min,
        writeCapacity: props.indexCapacity.write.min,
      })),
      pointInTimeRecovery: { enabled: true },
      serverSideEncryption: { enabled: true, kmsKeyArn: props.key.arn },
      streamEnabled: true,
      streamViewType: APPOINTMENTS_TABLE.streamViewType,
      ttl: { enabled: true, attributeName: APPOINTMENTS_TABLE.ttlAttribute },
      deletionProtectionEnabled: props.protect,
      lifecycle: {
        preventDestroy: props.protect,
        // Auto scaling owns capacity after creation. Index definitions are part of the ignored
        // block because their capacities cannot be ignored alone: changing an index is a
        // deliberate migration (see README, "Changing the table").
        ignoreChanges: ['read_capacity', 'write_capacity', 'global_secondary_index'],
      },
    });

    new CapacityAutoScaling(this, 'TableScaling', {
      resourceId: `table/${this.table.name}`,
      dimensionPrefix: 'dynamodb:table',
      capacity: props.tableCapacity,
      dependsOn: this.table,
    });
    for (const index of APPOINTMENTS_TABLE_INDEXES) {
      new CapacityAutoScaling(this, `${index.name}Scaling`, {
        resourceId: `table/${this.table.name}/index/${index.name}`,
        dimensionPrefix: 'dynamodb:index',
        capacity: props.indexCapacity,
        dependsOn: this.table,
      });
    }
  }

  get tableArn(): string {
    return this.table.arn;
  }

  get tableName(): string {
    return this.table.name;
  }

  get streamArn(): string {
    return this.table.streamArn;
  }

  /** ARN of one global secondary index (`<table arn>/index/<name>`). */
  indexArn(indexName: string): string {
    return `${this.table.arn}/index/${indexName}`;
  }

  /** Reading one appointment by id (GetItem). */
  grantReadAppointments(policy: RolePolicy): void {
    this.grant(policy, 'ReadAppointments', TABLE_ACTIONS.readItem, { keyPrefixes: TABLE_KEY_PREFIXES.appointment });
  }

  /** Listing by provider or customer (Query on the indexes only; never the base table). */
  grantQueryIndexes(policy: RolePolicy): void {
    const resources = APPOINTMENTS_TABLE_INDEXES.map((index) => this.indexArn(index.name));
    this.grant(policy, 'QueryAppointmentIndexes', TABLE_ACTIONS.queryIndexes, { resources });
  }

  /**
   * Booking: puts of appointments, slot locks, customers' bookings items and idempotency records;
   * reads of the same kinds; and the customer index, which counts a customer's open bookings.
   */
  grantBookingWrites(policy: RolePolicy): void {
    this.grant(policy, 'BookAppointments', TABLE_ACTIONS.bookingWrites, {
      keyPrefixes: TABLE_KEY_PREFIXES.booking,
      write: true,
    });
    policy.addStatements(
      {
        sid: 'ReadBookingState',
        actions: [...TABLE_ACTIONS.bookingReads],
        resources: [this.tableArn],
        condition: leadingKeys(TABLE_KEY_PREFIXES.bookingReads),
      },
      {
        sid: 'AppendCustomerBookings',
        actions: [...TABLE_ACTIONS.customerBookingsAppend],
        resources: [this.tableArn],
        condition: leadingKeys(TABLE_KEY_PREFIXES.customerBookings),
      },
      {
        sid: 'CountCustomerBookings',
        actions: [...TABLE_ACTIONS.queryIndexes],
        resources: [this.indexArn(APPOINTMENTS_TABLE.byCustomer.name)],
      },
    );
  }

  /** Rescheduling: appointments and their slot locks. */
  grantRescheduleWrites(policy: RolePolicy): void {
    this.grant(policy, 'RescheduleAppointments', TABLE_ACTIONS.rescheduleWrites, {
      keyPrefixes: TABLE_KEY_PREFIXES.change,
      write: true,
    });
  }

  /** Cancelling: appointments and the release of their slot locks. */
  grantCancelWrites(policy: RolePolicy): void {
    this.grant(policy, 'CancelAppointments', TABLE_ACTIONS.cancelWrites, {
      keyPrefixes: TABLE_KEY_PREFIXES.change,
      write: true,
    });
  }

  /**
   * Deciding a booking or a move against the provider's availability: reading the profile,
   * checking its version in the transaction, and counting the day (within its limit).
   */
  grantCalendarClaims(policy: RolePolicy): void {
    this.grantReadProfiles(policy);
    this.grant(policy, 'CheckProfileVersions', TABLE_ACTIONS.profileVersionChecks, {
      keyPrefixes: TABLE_KEY_PREFIXES.profileVersion,
    });
    this.grantDayCounts(policy);
  }

  /** Raising and lowering providers' day counters (a cancel only lowers, but it is one action). */
  grantDayCounts(policy: RolePolicy): void {
    this.grant(policy, 'CountProviderDays', TABLE_ACTIONS.dayCounts, {
      keyPrefixes: TABLE_KEY_PREFIXES.providerDay,
      write: true,
    });
  }

  /** Creating and replacing provider profiles (`PUT /providers/{providerId}`). */
  grantProfileWrites(policy: RolePolicy): void {
    this.grant(policy, 'WriteProviderProfiles', TABLE_ACTIONS.profileWrites, {
      keyPrefixes: TABLE_KEY_PREFIXES.profileWrites,
      write: true,
    });
  }

  /** Reading provider profiles (GetItem). */
  grantReadProfiles(policy: RolePolicy): void {
    this.grant(policy, 'ReadProviderProfiles', TABLE_ACTIONS.readItem, { keyPrefixes: TABLE_KEY_PREFIXES.profile });
  }

  /** The free-slot search: the profile, and the provider's CONFIRMED appointments from the byProvider index. */
  grantFreeSlotSearch(policy: RolePolicy): void {
    this.grantReadProfiles(policy);
    this.grant(policy, 'QueryProviderAppointments', TABLE_ACTIONS.queryIndexes, {
      resources: [this.indexArn(APPOINTMENTS_TABLE.byProvider.name)],
    });
  }

  /** The reminder sender: reads appointments, claims and releases reminder-sent records. */
  grantReminderRecords(policy: RolePolicy): void {
    this.grantReadAppointments(policy);
    this.grant(policy, 'ClaimReminders', TABLE_ACTIONS.reminderRecords, {
      keyPrefixes: TABLE_KEY_PREFIXES.reminder,
      write: true,
    });
  }

  /** Reading the table's stream (the event source mapping polls with the function's role). */
  grantStreamRead(policy: RolePolicy): void {
    this.grant(policy, 'ReadAppointmentStream', TABLE_ACTIONS.readStream, { resources: [this.streamArn] });
    // ListStreams has no resource type in IAM: granted on the stream's ARN it allows nothing, so
    // it has its own statement on "*". It lists stream ARNs only; reading one needs the grant above.
    policy.addStatements({ sid: 'ListTableStreams', actions: [...TABLE_ACTIONS.listStreams], resources: ['*'] });
  }

  private grant(
    policy: RolePolicy,
    sid: string,
    actions: readonly string[],
    options: { resources?: string[]; keyPrefixes?: readonly string[]; write?: boolean },
  ): void {
    grantTableAccess(
      policy,
      { sid, actions, resources: options.resources ?? [this.tableArn], keyPrefixes: options.keyPrefixes },
      { keyArn: this.key.arn, region: StackEnvironment.of(this).region, write: options.write ?? false },
    );
  }
}
