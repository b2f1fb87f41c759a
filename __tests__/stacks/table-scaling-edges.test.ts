/**
 * The table's auto scaling, block by block: each scalable target (namespace, dimension, bounds,
 * registered only once the table exists) and the target-tracking policy that scales it (its name,
 * the target it references, the metric, the utilisation and the cooldowns). Every bound and both
 * utilisations differ, so a swapped or misplaced setting shows.
 */
import type { TableCapacity } from '../../config/environments';
import { resourcesOfType, synthServiceStack, SynthJson } from '../support/synth';

const TABLE: TableCapacity = { read: { min: 11, max: 401 }, write: { min: 12, max: 402 }, targetUtilization: 61 };
const INDEX: TableCapacity = { read: { min: 13, max: 203 }, write: { min: 14, max: 404 }, targetUtilization: 62 };

let json: SynthJson;
let tableId: string;
beforeAll(() => {
  json = synthServiceStack('prod', { tableCapacity: TABLE, indexCapacity: INDEX });
  tableId = resourcesOfType(json, 'aws_dynamodb_table')[0][0];
});

const scaled = [
  { scope: 'table', suffix: '', prefix: 'dynamodb:table', capacity: TABLE },
  { scope: 'index', suffix: '/index/byProvider', prefix: 'dynamodb:index', capacity: INDEX },
  { scope: 'index', suffix: '/index/byCustomer', prefix: 'dynamodb:index', capacity: INDEX },
];
const dimensions = [
  { name: 'Read', bounds: 'read', metric: 'DynamoDBReadCapacityUtilization' },
  { name: 'Write', bounds: 'write', metric: 'DynamoDBWriteCapacityUtilization' },
] as const;

describe.each(scaled)('auto scaling of $scope$suffix', ({ suffix, prefix, capacity }) => {
  test.each(dimensions)('$name: one target within its bounds, one policy tracking it', ({ name, bounds, metric }) => {
    const resourceId = `table/\${aws_dynamodb_table.${tableId}.name}${suffix}`;
    const dimension = `${prefix}:${name}CapacityUnits`;
    const targets = resourcesOfType(json, 'aws_appautoscaling_target').filter(
      ([, t]) => t.resource_id === resourceId && t.scalable_dimension === dimension,
    );
    expect(targets).toHaveLength(1);
    const [targetId, target] = targets[0];
    expect(target).toEqual({
      service_namespace: 'dynamodb',
      resource_id: resourceId,
      scalable_dimension: dimension,
      min_capacity: capacity[bounds].min,
      max_capacity: capacity[bounds].max,
      depends_on: [`aws_dynamodb_table.${tableId}`],
    });

    const ofTarget = (attribute: string) => `\${aws_appautoscaling_target.${targetId}.${attribute}}`;
    const policies = resourcesOfType(json, 'aws_appautoscaling_policy').filter(
      ([, p]) => p.resource_id === ofTarget('resource_id'),
    );
    expect(policies.map(([, p]) => p)).toEqual([
      {
        name: `${resourceId.replace(/\//g, '-')}-${name.toLowerCase()}-target-tracking`,
        policy_type: 'TargetTrackingScaling',
        service_namespace: ofTarget('service_namespace'),
        resource_id: ofTarget('resource_id'),
        scalable_dimension: ofTarget('scalable_dimension'),
        target_tracking_scaling_policy_configuration: {
          target_value: capacity.targetUtilization,
          predefined_metric_specification: { predefined_metric_type: metric },
          scale_in_cooldown: 60,
          scale_out_cooldown: 60,
        },
      },
    ]);
  });
});

test('nothing else is scaled: the table and two indexes, two dimensions each', () => {
  expect(resourcesOfType(json, 'aws_appautoscaling_target')).toHaveLength(6);
  expect(resourcesOfType(json, 'aws_appautoscaling_policy')).toHaveLength(6);
});
