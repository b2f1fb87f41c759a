import { Construct } from 'constructs';
import { AppautoscalingPolicy } from '@cdktf/provider-aws/lib/appautoscaling-policy';
import { AppautoscalingTarget } from '@cdktf/provider-aws/lib/appautoscaling-target';
import { ITerraformDependable } from 'cdktf';
import type { TableCapacity } from '../../config/environments';

export interface CapacityAutoScalingProps {
  /** `table/<name>` or `table/<name>/index/<index>`. */
  readonly resourceId: string;
  /** Whether `resourceId` names a table or one of its indexes. */
  readonly dimensionPrefix: 'dynamodb:table' | 'dynamodb:index';
  /** Floor, ceiling and target utilisation of reads and writes. */
  readonly capacity: TableCapacity;
  /** The table: a scalable target can only be registered once it exists. */
  readonly dependsOn: ITerraformDependable;
}

/** Target-tracking auto scaling of reads and writes for a table or an index. */
export class CapacityAutoScaling extends Construct {
  constructor(scope: Construct, id: string, props: CapacityAutoScalingProps) {
    super(scope, id);
    const dimensions = [
      { name: 'Read', bounds: props.capacity.read, metric: 'DynamoDBReadCapacityUtilization' },
      { name: 'Write', bounds: props.capacity.write, metric: 'DynamoDBWriteCapacityUtilization' },
    ] as const;
    for (const d of dimensions) {
      const target = new AppautoscalingTarget(this, `${d.name}Target`, {
        serviceNamespace: 'dynamodb',
        resourceId: props.resourceId,
        scalableDimension: `${props.dimensionPrefix}:${d.name}CapacityUnits`,
        minCapacity: d.bounds.min,
        maxCapacity: d.bounds.max,
        dependsOn: [props.dependsOn],
      });
      new AppautoscalingPolicy(this, `${d.name}Policy`, {
        name: `${props.resourceId.replace(/\//g, '-')}-${d.name.toLowerCase()}-target-tracking`,
        policyType: 'TargetTrackingScaling',
        serviceNamespace: target.serviceNamespace,
        resourceId: target.resourceId,
        scalableDimension: target.scalableDimension,
        targetTrackingScalingPolicyConfiguration: {
          targetValue: props.capacity.targetUtilization,
          predefinedMetricSpecification: { predefinedMetricType: d.metric },
          scaleInCooldown: 60,
          scaleOutCooldown: 60,
        },
      });
    }
  }
}
