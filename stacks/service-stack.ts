import { Construct } from 'constructs';
import { Aspects, TerraformOutput, TerraformStack } from 'cdktf';
import { EnvironmentConfig, StateConfig } from '../config/environments';
import { stackName } from '../config/naming';
import { BookingApi } from '../constructs/api/booking-api';
import { STAGE_NAME } from '../constructs/api/api-stage';
import { deploymentContext } from '../constructs/context';
import { AppointmentEvents } from '../constructs/notifications/appointment-events';
import { EncryptedTopic } from '../constructs/notifications/encrypted-topic';
import { Observability } from '../constructs/observability/observability';
import { ReminderScheduling } from '../constructs/reminders/reminder-scheduling';
import { ServiceKeys } from '../constructs/security/service-keys';
import { AppointmentsTable } from '../constructs/storage/appointments-table';
import { APPOINTMENTS_TABLE_INDEXES } from '../src/data/table-schema';
import { ServicePolicy } from '../policy/service-policy';
import { configureAwsProvider, useS3State } from './common';

export interface ServiceStackProps {
  readonly environment: EnvironmentConfig;
  readonly state: StateConfig;
}

/** One environment of the appointments service. Composes the domain constructs; no logic here. */
export class ServiceStack extends TerraformStack {
  constructor(scope: Construct, props: ServiceStackProps) {
    const name = stackName(props.environment.name);
    super(scope, name);
    const env = props.environment;
    const ctx = deploymentContext(env);
    configureAwsProvider(this, {
      region: env.region,
      accountId: env.accountId,
      environment: env.name,
      costCenter: env.costCenter,
    });
    useS3State(this, props.state, name);

    const keys = new ServiceKeys(this, 'Keys', ctx);
    const table = new AppointmentsTable(this, 'Storage', {
      tableName: ctx.name('appointments'),
      key: keys.data,
      tableCapacity: env.tableCapacity,
      indexCapacity: env.indexCapacity,
      protect: env.protectStatefulResources,
      region: env.region,
    });
    const topic = new EncryptedTopic(this, 'Notifications', {
      topicName: ctx.name('notifications'),
      key: keys.messaging,
      accountId: env.accountId,
      region: env.region,
      emailSubscribers: env.notificationEmails,
    });
    const reminders = new ReminderScheduling(this, 'Reminders', ctx, {
      table,
      topic,
      logsKey: keys.logs,
      messagingKey: keys.messaging,
    });
    const events = new AppointmentEvents(this, 'AppointmentEvents', ctx, {
      table,
      topic,
      reminders,
      logsKey: keys.logs,
      messagingKey: keys.messaging,
    });
    const api = new BookingApi(this, 'Api', ctx, { table, logsKey: keys.logs, dataKey: keys.data });
    const observability = new Observability(this, 'Observability', ctx, {
      messagingKey: keys.messaging,
      targets: {
        functionNames: [...Object.values(api.handlers), events.publisher, reminders.sender].map((f) => f.functionName),
        apiName: api.restApi.apiName,
        stageName: STAGE_NAME,
        tableName: table.physicalName,
        indexNames: APPOINTMENTS_TABLE_INDEXES.map((i) => i.name),
        deadLetterQueueNames: [events.deadLetters.queueName, reminders.deadLetters.queueName],
      },
    });

    Aspects.of(this).add(new ServicePolicy());

    new TerraformOutput(this, 'api_url', {
      value: `${api.stage.invokeUrl}/appointments`,
      description: 'Base URL of the appointments API',
    });
    new TerraformOutput(this, 'api_key_id', {
      value: api.stage.apiKey.id,
      description: "Id of the clients' API key (value: aws apigateway get-api-key --api-key <id> --include-value)",
    });
    new TerraformOutput(this, 'table_name', { value: table.tableName });
    new TerraformOutput(this, 'notification_topic_arn', { value: topic.arn });
    new TerraformOutput(this, 'alarm_topic_arn', { value: observability.alarmTopic.arn });
    new TerraformOutput(this, 'dashboard_url', { value: observability.dashboard.url(env.region) });
  }
}
