/**
 * The appointments table as one block: keys and their attribute types, each index with its keys,
 * projection and initial capacity, encryption, recovery, stream, expiry and lifecycle. Every
 * capacity floor differs, so a table floor given to an index (or reads given to writes) shows.
 */
import type { TableCapacity } from '../../config/environments';
import { resourcesOfType, synthServiceStack } from '../support/synth';

const TABLE: TableCapacity = { read: { min: 11, max: 401 }, write: { min: 12, max: 402 }, targetUtilization: 70 };
const INDEX: TableCapacity = { read: { min: 13, max: 203 }, write: { min: 14, max: 404 }, targetUtilization: 70 };

const tableOf = (envName: 'dev' | 'prod') => {
  const json = synthServiceStack(envName, { tableCapacity: TABLE, indexCapacity: INDEX });
  const tables = resourcesOfType(json, 'aws_dynamodb_table');
  expect(tables).toHaveLength(1);
  const keys = resourcesOfType(json, 'aws_kms_alias').filter(
    ([, a]) => a.name === `alias/appointments-${envName}-data`,
  );
  expect(keys).toHaveLength(1);
  return { table: tables[0][1], dataKey: String(keys[0][1].target_key_id).replace(/\.key_id\}$/, '.arn}') };
};

test.each([
  ['dev', false],
  ['prod', true],
] as const)('%s: the whole table block (protected from deletion: %s)', (envName, protect) => {
  const { table, dataKey } = tableOf(envName);
  const index = (name: string, hashKey: string) => ({
    name,
    hash_key: hashKey,
    range_key: 'startKey',
    projection_type: 'ALL',
    read_capacity: 13,
    write_capacity: 14,
  });
  expect(table).toEqual({
    name: `appointments-${envName}-appointments`,
    billing_mode: 'PROVISIONED',
    read_capacity: 11,
    write_capacity: 12,
    hash_key: 'pk',
    range_key: 'sk',
    attribute: ['pk', 'sk', 'providerKey', 'startKey', 'customerKey'].map((name) => ({ name, type: 'S' })),
    global_secondary_index: [index('byProvider', 'providerKey'), index('byCustomer', 'customerKey')],
    point_in_time_recovery: { enabled: true },
    server_side_encryption: { enabled: true, kms_key_arn: dataKey },
    stream_enabled: true,
    stream_view_type: 'NEW_AND_OLD_IMAGES',
    ttl: { enabled: true, attribute_name: 'expiresAt' },
    deletion_protection_enabled: protect,
    lifecycle: {
      prevent_destroy: protect,
      ignore_changes: ['read_capacity', 'write_capacity', 'global_secondary_index'],
    },
  });
});

test('the stack exports the name of the table it made', () => {
  const json = synthServiceStack('dev', { tableCapacity: TABLE, indexCapacity: INDEX });
  const [tableId] = resourcesOfType(json, 'aws_dynamodb_table')[0];
  expect(json.output?.table_name).toEqual({ value: `\${aws_dynamodb_table.${tableId}.name}` });
});
