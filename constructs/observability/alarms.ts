import { Construct } from 'constructs';
import { CloudwatchMetricAlarm, CloudwatchMetricAlarmConfig } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { DeploymentContext } from '../context';
import { METRICS_NAMESPACE } from '../../src/environment';

/** What the alarms watch; every name is a physical name from the stack. */
export interface AlarmTargets {
  readonly functionNames: readonly string[];
  readonly apiName: string;
  readonly stageName: string;
  readonly tableName: string;
  readonly indexNames: readonly string[];
  readonly deadLetterQueueNames: readonly string[];
  readonly alarmTopicArn: string;
}

type AlarmSpec = Pick<
  CloudwatchMetricAlarmConfig,
  'namespace' | 'metricName' | 'dimensions' | 'statistic' | 'extendedStatistic' | 'threshold' | 'alarmDescription'
> & { readonly id: string; readonly name: string };

/**
 * The alarms of the service. Each says what broke in its description; all notify the alarm topic
 * when they fire and when they recover. Missing data is "not breaching": no traffic is not an
 * incident.
 */
export class ServiceAlarms extends Construct {
  readonly alarms: CloudwatchMetricAlarm[] = [];

  constructor(scope: Construct, id: string, ctx: DeploymentContext, targets: AlarmTargets) {
    super(scope, id);
    const settings = ctx.environment.alarms;
    const specs: AlarmSpec[] = [];
    for (const fn of targets.functionNames) {
      specs.push(
        {
          id: `${fn}-errors`,
          name: `${fn}-errors`,
          namespace: 'AWS/Lambda',
          metricName: 'Errors',
          dimensions: { FunctionName: fn },
          statistic: 'Sum',
          threshold: 0,
          alarmDescription: `${fn} raised errors`,
        },
        {
          id: `${fn}-throttles`,
          name: `${fn}-throttles`,
          namespace: 'AWS/Lambda',
          metricName: 'Throttles',
          dimensions: { FunctionName: fn },
          statistic: 'Sum',
          threshold: 0,
          alarmDescription: `${fn} was throttled (concurrency limit)`,
        },
      );
    }
    const api = { ApiName: targets.apiName, Stage: targets.stageName };
    specs.push(
      {
        id: 'api-5xx',
        name: ctx.name('api-5xx'),
        namespace: 'AWS/ApiGateway',
        metricName: '5XXError',
        dimensions: api,
        statistic: 'Sum',
        threshold: 5,
        alarmDescription: 'The API answered more than 5 server errors in 5 minutes',
      },
      {
        id: 'api-latency',
        name: ctx.name('api-latency-p99'),
        namespace: 'AWS/ApiGateway',
        metricName: 'Latency',
        dimensions: api,
        extendedStatistic: 'p99',
        threshold: settings.apiLatencyP99Ms,
        alarmDescription: `API p99 latency above ${settings.apiLatencyP99Ms} ms`,
      },
      {
        id: 'booking-conflicts',
        name: ctx.name('booking-conflicts'),
        namespace: METRICS_NAMESPACE,
        metricName: 'SlotConflict',
        dimensions: { service: ctx.serviceName },
        statistic: 'Sum',
        threshold: settings.conflictsPer5Minutes,
        alarmDescription: `More than ${settings.conflictsPer5Minutes} booking conflicts in 5 minutes: a client may be retrying blindly, or the calendar shown to customers is stale`,
      },
    );
    const tableTargets = [
      { suffix: 'table', dims: { TableName: targets.tableName } },
      ...targets.indexNames.map((index) => ({
        suffix: index.toLowerCase(),
        dims: { TableName: targets.tableName, GlobalSecondaryIndexName: index },
      })),
    ];
    for (const t of tableTargets) {
      for (const kind of ['Read', 'Write'] as const) {
        specs.push({
          id: `${t.suffix}-${kind}-throttles`,
          name: ctx.name(`${t.suffix}-${kind.toLowerCase()}-throttles`),
          namespace: 'AWS/DynamoDB',
          metricName: `${kind}ThrottleEvents`,
          dimensions: t.dims,
          statistic: 'Sum',
          threshold: 0,
          alarmDescription: `DynamoDB throttled ${kind.toLowerCase()}s on ${t.suffix}: auto scaling is at its ceiling or too slow`,
        });
      }
    }
    for (const queue of targets.deadLetterQueueNames) {
      specs.push({
        id: `${queue}-depth`,
        name: `${queue}-not-empty`,
        namespace: 'AWS/SQS',
        metricName: 'ApproximateNumberOfMessagesVisible',
        dimensions: { QueueName: queue },
        statistic: 'Maximum',
        threshold: 0,
        alarmDescription: `${queue} holds messages that need a person (see README, Redriving dead letters)`,
      });
    }

    for (const spec of specs) {
      const { id: alarmId, name, ...metric } = spec;
      this.alarms.push(
        new CloudwatchMetricAlarm(this, alarmId, {
          alarmName: name,
          ...metric,
          comparisonOperator: 'GreaterThanThreshold',
          period: 300,
          evaluationPeriods: 1,
          treatMissingData: 'notBreaching',
          alarmActions: [targets.alarmTopicArn],
          okActions: [targets.alarmTopicArn],
        }),
      );
    }
  }
}
