/**
 * The table's auto scaling, block by block: each scalable target (namespace, dimension, bounds,
 * registered only once the table exists) and the target-tracking policy that scales it (its name,
 * the target it references, the metric and the cooldowns). Prod, whose index reads and writes
 * have different ceilings, so a swapped bound shows.
 */
import { resourcesOfType, synthServiceStack, SynthJson } from '../support/synth';

let prod: SynthJson;
let tableId: string;
beforeAll(() => {
  prod = synthServiceStack('prod');
  tableId = resourcesOfType(prod, 'aws_dynamodb_table')[0][0];
});

const scaled = [
  { scope: 'table', suffix: '', prefix: 'dynamodb:table', read: 400, write: 4100 },
  { scope: 'index', suffix: '/index/byProvider', prefix: 'dynamodb:index', read: 200, write: 400 },
  { scope: 'index', suffix: '/index/byCustomer', prefix: 'dynamodb:index', read: 200, write: 400 },
];
const dimensions = [
  { name: 'Read', metric: 'DynamoDBReadCapacityUtilization' },
  { name: 'Write', metric: 'DynamoDBWriteCapacityUtilization' },
] as const;

describe.each(scaled)('auto scaling of $scope$suffix', ({ suffix, prefix, read, write }) => {
  test.each(dimensions)('$name: a target between the floor and the ceiling, tracked at 70%', ({ name, metric }) => {
    const resourceId = `table/\${aws_dynamodb_table.${tableId}.name}${suffix}`;
    const dimension = `${prefix}:${name}CapacityUnits`;
    const targets = resourcesOfType(prod, 'aws_appautoscaling_target').filter(
      ([, t]) => t.resource_id === resourceId && t.scalable_dimension === dimension,
    );
    expect(targets).toHaveLength(1);
    const [targetId, target] = targets[0];
    expect(target).toEqual({
      service_namespace: 'dynamodb',
      resource_id: resourceId,
      scalable_dimension: dimension,
      min_capacity: 10,
      max_capacity: name === 'Read' ? read : write,
      depends_on: [`aws_dynamodb_table.${tableId}`],
    });

    const ofTarget = (attribute: string) => `\${aws_appautoscaling_target.${targetId}.${attribute}}`;
    const policies = resourcesOfType(prod, 'aws_appautoscaling_policy').filter(
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
          target_value: 70,
          predefined_metric_specification: { predefined_metric_type: metric },
          scale_in_cooldown: 60,
          scale_out_cooldown: 60,
        },
      },
    ]);
  });
});

test('nothing else is scaled: three tables-or-indexes, two dimensions each', () => {
  expect(resourcesOfType(prod, 'aws_appautoscaling_target')).toHaveLength(6);
  expect(resourcesOfType(prod, 'aws_appautoscaling_policy')).toHaveLength(6);
});
