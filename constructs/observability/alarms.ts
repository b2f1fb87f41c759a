import { Construct } from 'constructs';
import { CloudwatchMetricAlarm, CloudwatchMetricAlarmConfig } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { ServiceNaming } from '../../config/naming';
import { METRICS_NAMESPACE } from '../../src/environment';
import { StackEnvironment } from '../stack-environment';

/** What the alarms watch; every name is a physical name from the stack. */
export interface AlarmTargets {
  /** Every function of the service: each gets an error and a throttle alarm (authorizers: throttle only). */
  readonly functionNames: readonly string[];
  /**
   * Those of `functionNames` that authorize requests. An authorizer answers 401 by failing with
   * "Unauthorized", so its Errors count refused tokens, not faults: it gets no error alarm. Its
   * real faults answer 503 or 500 (gateway responses), which the API's 5XX alarm counts.
   * @default none
   */
  readonly authorizerFunctionNames?: readonly string[];
  /** The REST API, for the 5XX and latency alarms. */
  readonly apiName: string;
  /** The API's stage whose metrics those alarms watch. */
  readonly stageName: string;
  /** The table, for the throttle alarms. */
  readonly tableName: string;
  /** Its global secondary indexes: each gets read and write throttle alarms of its own. */
  readonly indexNames: readonly string[];
  /** Dead-letter queues: a message in one needs a person. */
  readonly deadLetterQueueNames: readonly string[];
  /**
   * The web ACL in front of the API (its name, the `WebACL` dimension), for the blocked-requests alarm.
   * @default no firewall, no such alarm
   */
  readonly webAclName?: string;
  /** Topic every alarm notifies when it fires and when it recovers. */
  readonly alarmTopicArn: string;
}

/** Where the alarms that are not about a failure but about a level draw the line. */
export interface AlarmThresholds {
  /** Booking conflicts in 5 minutes above which the conflict alarm fires. */
  readonly conflictsPer5Minutes: number;
  /** API p99 latency in milliseconds above which the latency alarm fires. */
  readonly apiLatencyP99Ms: number;
  /** Requests the API firewall blocks in 5 minutes above which its alarm fires. */
  readonly firewallBlocksPer5Minutes: number;
}

export interface ServiceAlarmsProps {
  /** Names the service-level alarms and gives the conflict metric its `service` dimension. */
  readonly naming: ServiceNaming;
  /** What the alarms watch and whom they notify. */
  readonly targets: AlarmTargets;
  /** Levels above which the conflict and latency alarms fire. */
  readonly thresholds: AlarmThresholds;
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

  constructor(scope: Construct, id: string, props: ServiceAlarmsProps) {
    super(scope, id);
    const { naming, targets, thresholds } = props;
    const specs: AlarmSpec[] = [];
    const authorizers = targets.authorizerFunctionNames ?? [];
    for (const fn of targets.functionNames) {
      if (!authorizers.includes(fn)) {
        specs.push({
          id: `${fn}-errors`,
          name: `${fn}-errors`,
          namespace: 'AWS/Lambda',
          metricName: 'Errors',
          dimensions: { FunctionName: fn },
          statistic: 'Sum',
          threshold: 0,
          alarmDescription: `${fn} raised errors`,
        });
      }
      specs.push({
        id: `${fn}-throttles`,
        name: `${fn}-throttles`,
        namespace: 'AWS/Lambda',
        metricName: 'Throttles',
        dimensions: { FunctionName: fn },
        statistic: 'Sum',
        threshold: 0,
        alarmDescription: `${fn} was throttled (concurrency limit)`,
      });
    }
    const api = { ApiName: targets.apiName, Stage: targets.stageName };
    specs.push(
      {
        id: 'api-5xx',
        name: naming.name('api-5xx'),
        namespace: 'AWS/ApiGateway',
        metricName: '5XXError',
        dimensions: api,
        statistic: 'Sum',
        threshold: 5,
        alarmDescription: 'The API answered more than 5 server errors in 5 minutes',
      },
      {
        id: 'api-latency',
        name: naming.name('api-latency-p99'),
        namespace: 'AWS/ApiGateway',
        metricName: 'Latency',
        dimensions: api,
        extendedStatistic: 'p99',
        threshold: thresholds.apiLatencyP99Ms,
        alarmDescription: `API p99 latency above ${thresholds.apiLatencyP99Ms} ms`,
      },
      {
        id: 'booking-conflicts',
        name: naming.name('booking-conflicts'),
        namespace: METRICS_NAMESPACE,
        metricName: 'SlotConflict',
        dimensions: { service: naming.serviceName },
        statistic: 'Sum',
        threshold: thresholds.conflictsPer5Minutes,
        alarmDescription: `More than ${thresholds.conflictsPer5Minutes} booking conflicts in 5 minutes: a client may be retrying blindly, or the calendar shown to customers is stale`,
      },
    );
    if (targets.webAclName) {
      specs.push({
        id: 'api-firewall-blocks',
        name: naming.name('api-firewall-blocks'),
        namespace: 'AWS/WAFV2',
        metricName: 'BlockedRequests',
        dimensions: { WebACL: targets.webAclName, Region: StackEnvironment.of(this).region, Rule: 'ALL' },
        statistic: 'Sum',
        threshold: thresholds.firewallBlocksPer5Minutes,
        alarmDescription: `The API firewall blocked more than ${thresholds.firewallBlocksPer5Minutes} requests in 5 minutes: a flood from one address, or a client whose requests the managed rules refuse (see its sampled requests)`,
      });
    }
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
          name: naming.name(`${t.suffix}-${kind.toLowerCase()}-throttles`),
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
