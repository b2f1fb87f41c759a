import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import { AppStack } from './app-stack';
import { EnvironmentConfig, StateConfig } from '../config/environments';
import { ServiceNaming } from '../config/naming';
import { BookingApi } from '../constructs/api/booking-api';
import { FunctionCodeSigning } from '../constructs/functions/code-signing';
import { ServiceFunction } from '../constructs/functions/service-function';
import { STAGE_NAME } from '../constructs/api/api-stage';
import { AppointmentEvents } from '../constructs/notifications/appointment-events';
import { UserPool } from '../constructs/identity/user-pool';
import { EncryptedTopic } from '../constructs/notifications/encrypted-topic';
import { Observability } from '../constructs/observability/observability';
import { ReminderScheduling } from '../constructs/reminders/reminder-scheduling';
import { ServiceKeys } from '../constructs/security/service-keys';
import { StackEnvironment } from '../constructs/stack-environment';
import { AppointmentsTable } from '../constructs/storage/appointments-table';
import { APPOINTMENTS_TABLE_INDEXES } from '../src/data/table-schema';
import { AUTHORIZER_FUNCTIONS, FUNCTION_NAMES, FunctionName } from '../src/operations';
import { configureAwsProvider, useS3State } from './common';

export interface ServiceStackProps {
  /** The settings of the environment this stack deploys. */
  readonly environment: EnvironmentConfig;
  /** Where the stack's Terraform state lives. */
  readonly state: StateConfig;
}

/** One environment of the appointments service. Composes the domain constructs; no logic here. */
export class ServiceStack extends AppStack {
  constructor(scope: Construct, id: string, props: ServiceStackProps) {
    super(scope, id);
    const env = props.environment;
    StackEnvironment.configure(this, { account: env.accountId, region: env.region });
    const naming = new ServiceNaming(env.name);
    configureAwsProvider(this, { environment: env.name, costCenter: env.costCenter });
    useS3State(this, props.state, id);

    const keys = new ServiceKeys(this, 'Keys', { naming, protect: env.protectStatefulResources });
    const table = new AppointmentsTable(this, 'Storage', {
      tableName: naming.name('appointments'),
      key: keys.data,
      tableCapacity: env.tableCapacity,
      indexCapacity: env.indexCapacity,
      protect: env.protectStatefulResources,
    });
    const topic = new EncryptedTopic(this, 'Notifications', {
      topicName: naming.name('notifications'),
      key: keys.messaging,
      emailSubscribers: env.notificationEmails,
      subscriptionProtocols: env.notificationProtocols,
    });
    const users = new UserPool(this, 'Identity', {
      poolName: naming.name('users'),
      settings: env.identity,
      protect: env.protectStatefulResources,
    });
    const codeSigning = new FunctionCodeSigning(this, 'CodeSigning', {
      naming,
      key: keys.functions,
      untrustedArtifactOnDeployment: env.untrustedCodeOnDeployment,
    });
    const functionSettings = {
      naming,
      logsKey: keys.logs,
      environmentKey: keys.functions,
      codeSigning,
      logRetentionDays: env.logRetentionDays,
    };
    const reminders = new ReminderScheduling(this, 'Reminders', {
      ...functionSettings,
      table,
      topic,
      messagingKey: keys.messaging,
    });
    const events = new AppointmentEvents(this, 'AppointmentEvents', {
      ...functionSettings,
      table,
      topic,
      reminders,
      messagingKey: keys.messaging,
    });
    const api = new BookingApi(this, 'Api', {
      ...functionSettings,
      table,
      dataKey: keys.data,
      reservedConcurrency: env.apiReservedConcurrency,
      pageTokenSecretVersion: env.pageTokenSecretVersion,
      maxOpenBookingsPerCustomer: env.maxOpenBookingsPerCustomer,
      firewall: env.apiFirewall.enabled ? env.apiFirewall : undefined,
      identity: {
        issuer: users.issuer,
        audience: users.appClient.clientId,
        authorizerCacheSeconds: env.identity.authorizerCacheSeconds,
      },
      stage: {
        limits: env.api,
        clients: env.apiClients,
        executionLogLevel: env.apiExecutionLogLevel,
        manageAccountLogging: env.manageApiGatewayAccountLogging,
      },
    });
    const functions = {
      ...api.handlers,
      'publish-appointment-events': events.publisher,
      'send-reminder': reminders.sender,
      'authorize-request': api.authorizer,
    } satisfies Record<FunctionName, ServiceFunction>;
    const observability = new Observability(this, 'Observability', {
      naming,
      messagingKey: keys.messaging,
      alarmEmails: env.alarms.emails,
      thresholds: env.alarms,
      targets: {
        functionNames: FUNCTION_NAMES.map((name) => functions[name].functionName),
        authorizerFunctionNames: Object.keys(AUTHORIZER_FUNCTIONS).map(
          (name) => functions[name as FunctionName].functionName,
        ),
        apiName: api.restApi.apiName,
        stageName: STAGE_NAME,
        tableName: table.physicalName,
        indexNames: APPOINTMENTS_TABLE_INDEXES.map((i) => i.name),
        deadLetterQueueNames: [events.deadLetters.queueName, reminders.deadLetters.queueName],
        webAclName: api.firewall?.webAclName,
      },
    });

    new TerraformOutput(this, 'api_url', {
      value: `${api.stage.invokeUrl}/appointments`,
      description: 'Base URL of the appointments API',
    });
    for (const [client, access] of Object.entries(api.stage.clientPlans.clients)) {
      new TerraformOutput(this, `api_key_id_${client.replace(/-/g, '_')}`, {
        value: access.key.id,
        description: `Id of the ${client} client's API key (value: aws apigateway get-api-key --api-key <id> --include-value)`,
      });
    }
    new TerraformOutput(this, 'user_pool_id', { value: users.userPoolId });
    new TerraformOutput(this, 'user_pool_client_id', {
      value: users.appClient.clientId,
      description: 'The app client of the client apps: the audience of the ID tokens the API accepts',
    });
    new TerraformOutput(this, 'token_issuer', { value: users.issuer, description: 'The iss of accepted ID tokens' });
    new TerraformOutput(this, 'table_name', { value: table.tableName });
    new TerraformOutput(this, 'notification_topic_arn', { value: topic.arn });
    new TerraformOutput(this, 'alarm_topic_arn', { value: observability.alarmTopic.arn });
    new TerraformOutput(this, 'dashboard_url', { value: observability.dashboard.url });
  }
}
