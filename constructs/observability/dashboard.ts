import { Construct } from 'constructs';
import { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard';
import { ServiceNaming } from '../../config/naming';
import { METRICS_NAMESPACE } from '../../src/environment';
import { StackEnvironment } from '../stack-environment';
import { AlarmTargets } from './alarms';

type Metric = (string | Record<string, string>)[];

export interface ServiceDashboardProps {
  /** Names the dashboard and gives the booking metrics their `service` dimension. */
  readonly naming: ServiceNaming;
  /** The same resources the alarms watch. */
  readonly targets: Omit<AlarmTargets, 'alarmTopicArn'>;
}

/** One dashboard with the same signals the alarms watch, so an alarm can be read in context. */
export class ServiceDashboard extends Construct {
  readonly dashboard: CloudwatchDashboard;

  constructor(scope: Construct, id: string, props: ServiceDashboardProps) {
    super(scope, id);
    const { naming, targets } = props;
    const { region } = StackEnvironment.of(this);
    const api = ['ApiName', targets.apiName, 'Stage', targets.stageName];
    const perFunction = (metricName: string): Metric[] =>
      targets.functionNames.map((fn) => ['AWS/Lambda', metricName, 'FunctionName', fn]);
    const widget = (title: string, metrics: Metric[], stat = 'Sum') => ({
      type: 'metric',
      width: 12,
      height: 6,
      properties: { title, metrics, stat, period: 300, region, view: 'timeSeries' },
    });
    const bookings = ['AppointmentCreated', 'AppointmentRescheduled', 'AppointmentCancelled', 'SlotConflict'].map(
      (name) => [METRICS_NAMESPACE, name, 'service', naming.serviceName],
    );
    const body = {
      widgets: [
        widget('Bookings and conflicts', bookings),
        widget('API requests and errors', [
          ['AWS/ApiGateway', 'Count', ...api],
          ['AWS/ApiGateway', '4XXError', ...api],
          ['AWS/ApiGateway', '5XXError', ...api],
        ]),
        widget(
          'API latency p99 (ms)',
          [
            ['AWS/ApiGateway', 'Latency', ...api],
            ['AWS/ApiGateway', 'IntegrationLatency', ...api],
          ],
          'p99',
        ),
        widget('Function errors', perFunction('Errors')),
        widget('Function throttles', perFunction('Throttles')),
        widget('Function duration p99 (ms)', perFunction('Duration'), 'p99'),
        widget('DynamoDB consumed capacity', [
          ['AWS/DynamoDB', 'ConsumedReadCapacityUnits', 'TableName', targets.tableName],
          ['AWS/DynamoDB', 'ConsumedWriteCapacityUnits', 'TableName', targets.tableName],
          ['AWS/DynamoDB', 'ReadThrottleEvents', 'TableName', targets.tableName],
          ['AWS/DynamoDB', 'WriteThrottleEvents', 'TableName', targets.tableName],
        ]),
        widget(
          'Dead-letter queues',
          targets.deadLetterQueueNames.map((q) => ['AWS/SQS', 'ApproximateNumberOfMessagesVisible', 'QueueName', q]),
          'Maximum',
        ),
      ],
    };
    this.dashboard = new CloudwatchDashboard(this, 'Dashboard', {
      dashboardName: naming.name('service'),
      dashboardBody: JSON.stringify(body),
    });
  }

  /** Console address of the dashboard, in the stack's region. */
  get url(): string {
    const { region } = StackEnvironment.of(this);
    return `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#dashboards:name=${this.dashboard.dashboardName}`;
  }
}
