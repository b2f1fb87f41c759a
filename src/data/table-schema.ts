/**
 * The one definition of the appointments table's keys and indexes. Terraform (the storage
 * construct) and DynamoDB Local (tests and `npm run dev`) both build the table from it, so the
 * two cannot drift. No AWS imports: this file is also read by the infrastructure code.
 */

export interface IndexSchema {
  readonly name: string;
  readonly partitionKey: string;
  readonly sortKey: string;
}

export const APPOINTMENTS_TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Appointments of one provider, by start; partition `PROVIDER#<id>#<status>`. */
  byProvider: { name: 'byProvider', partitionKey: 'providerKey', sortKey: 'startKey' } as IndexSchema,
  /** Appointments of one customer, by start; partition `CUSTOMER#<id>#<status>`. */
  byCustomer: { name: 'byCustomer', partitionKey: 'customerKey', sortKey: 'startKey' } as IndexSchema,
  /** Epoch seconds after which DynamoDB may delete the item (idempotency and reminder records). */
  ttlAttribute: 'expiresAt',
  /** The stream is the outbox for notifications and reminder schedules. */
  streamViewType: 'NEW_AND_OLD_IMAGES',
} as const;

export const APPOINTMENTS_TABLE_INDEXES: readonly IndexSchema[] = [
  APPOINTMENTS_TABLE.byProvider,
  APPOINTMENTS_TABLE.byCustomer,
];

/** Every key attribute is a string. */
export function keyAttributeNames(): string[] {
  const names = new Set<string>([APPOINTMENTS_TABLE.partitionKey, APPOINTMENTS_TABLE.sortKey]);
  for (const index of APPOINTMENTS_TABLE_INDEXES) {
    names.add(index.partitionKey);
    names.add(index.sortKey);
  }
  return [...names];
}

/** A CreateTable request for DynamoDB Local (plain object; the caller owns the SDK client). */
export function createTableRequest(tableName: string, capacity = 10) {
  const throughput = { ReadCapacityUnits: capacity, WriteCapacityUnits: capacity };
  return {
    TableName: tableName,
    AttributeDefinitions: keyAttributeNames().map((AttributeName) => ({ AttributeName, AttributeType: 'S' as const })),
    KeySchema: [
      { AttributeName: APPOINTMENTS_TABLE.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: APPOINTMENTS_TABLE.sortKey, KeyType: 'RANGE' as const },
    ],
    GlobalSecondaryIndexes: APPOINTMENTS_TABLE_INDEXES.map((index) => ({
      IndexName: index.name,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
        { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
      ],
      Projection: { ProjectionType: 'ALL' as const },
      ProvisionedThroughput: throughput,
    })),
    ProvisionedThroughput: throughput,
    StreamSpecification: { StreamEnabled: true, StreamViewType: APPOINTMENTS_TABLE.streamViewType },
  };
}
