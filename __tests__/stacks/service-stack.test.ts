import { HTTP_OPERATIONS } from '../../src/operations';
import { policyDocumentStatements, resourcesOfType, synthServiceStack, SynthJson } from '../support/synth';

let dev: SynthJson, prod: SynthJson;
beforeAll(() => {
  dev = synthServiceStack('dev');
  prod = synthServiceStack('prod');
});
const only = (json: typeof dev, type: string) => {
  const all = resourcesOfType(json, type);
  expect(all).toHaveLength(1);
  return all[0][1];
};

describe('provider and state', () => {
  test('the provider is pinned to the environment account and region and tags every resource', () => {
    expect(dev.provider?.aws[0]).toMatchObject({
      region: 'us-west-1',
      allowed_account_ids: ['123456789012'],
      default_tags: [
        { tags: { Project: 'appointments', Environment: 'dev', ManagedBy: 'cdktf', CostCenter: 'scheduling' } },
      ],
    });
  });

  test('state is in S3, encrypted, one key per stack, with S3-native locking', () => {
    expect(dev.terraform?.backend).toEqual({
      s3: {
        bucket: 'appointments-tfstate-123456789012-us-west-1',
        key: 'appointments-dev/terraform.tfstate',
        region: 'us-west-1',
        encrypt: true,
        kms_key_id: 'arn:aws:kms:us-west-1:123456789012:alias/appointments-tfstate-123456789012-us-west-1',
        use_lockfile: true,
      },
    });
  });

  test('the stack exports what a user needs after deploying', () => {
    expect(Object.keys(dev.output ?? {}).sort()).toEqual([
      'alarm_topic_arn',
      'api_key_id_developer',
      'api_url',
      'dashboard_url',
      'notification_topic_arn',
      'table_name',
      'token_issuer',
      'user_pool_client_id',
      'user_pool_id',
    ]);
  });
});

describe('appointments table', () => {
  test('is provisioned at the floor, encrypted with the data key, recoverable, and streams changes', () => {
    expect(only(dev, 'aws_dynamodb_table')).toMatchObject({
      name: 'appointments-dev-appointments',
      billing_mode: 'PROVISIONED',
      read_capacity: 10,
      write_capacity: 10,
      point_in_time_recovery: { enabled: true },
      server_side_encryption: { enabled: true, kms_key_arn: expect.stringMatching(/^\$\{aws_kms_key\.Keys_Data/) },
      stream_enabled: true,
      stream_view_type: 'NEW_AND_OLD_IMAGES',
      ttl: { enabled: true, attribute_name: 'expiresAt' },
      global_secondary_index: [
        expect.objectContaining({
          name: 'byProvider',
          hash_key: 'providerKey',
          range_key: 'startKey',
          projection_type: 'ALL',
        }),
        expect.objectContaining({
          name: 'byCustomer',
          hash_key: 'customerKey',
          range_key: 'startKey',
          projection_type: 'ALL',
        }),
      ],
      lifecycle: { ignore_changes: ['read_capacity', 'write_capacity', 'global_secondary_index'] },
    });
  });

  test('only prod is protected from deletion', () => {
    expect(only(dev, 'aws_dynamodb_table')).toMatchObject({
      deletion_protection_enabled: false,
      lifecycle: { prevent_destroy: false },
    });
    expect(only(prod, 'aws_dynamodb_table')).toMatchObject({
      deletion_protection_enabled: true,
      lifecycle: { prevent_destroy: true },
    });
  });

  test('reads and writes of the table and of each index scale between the configured bounds', () => {
    const targets = resourcesOfType(prod, 'aws_appautoscaling_target')
      .map(([, t]) => [t.resource_id, t.scalable_dimension, t.min_capacity, t.max_capacity])
      .sort();
    const table = `\${aws_dynamodb_table.${resourcesOfType(prod, 'aws_dynamodb_table')[0][0]}.name}`;
    expect(targets).toEqual([
      [`table/${table}`, 'dynamodb:table:ReadCapacityUnits', 10, 400],
      [`table/${table}`, 'dynamodb:table:WriteCapacityUnits', 10, 7800],
      [`table/${table}/index/byCustomer`, 'dynamodb:index:ReadCapacityUnits', 10, 200],
      [`table/${table}/index/byCustomer`, 'dynamodb:index:WriteCapacityUnits', 10, 500],
      [`table/${table}/index/byProvider`, 'dynamodb:index:ReadCapacityUnits', 10, 200],
      [`table/${table}/index/byProvider`, 'dynamodb:index:WriteCapacityUnits', 10, 500],
    ]);
    for (const [, policy] of resourcesOfType(prod, 'aws_appautoscaling_policy')) {
      expect(policy).toMatchObject({
        policy_type: 'TargetTrackingScaling',
        target_tracking_scaling_policy_configuration: { target_value: 70 },
      });
    }
  });
});

describe('REST API', () => {
  test('serves exactly the contract routes, each requiring an API key', () => {
    const methods = resourcesOfType(dev, 'aws_api_gateway_method').map(([, m]) => m);
    const operations = Object.values(HTTP_OPERATIONS);
    expect(methods).toHaveLength(operations.length);
    expect(methods.map((m) => m.http_method).sort()).toEqual(operations.map((o) => o.method).sort());
    expect(methods.every((m) => m.api_key_required === true)).toBe(true);
  });

  test('bodies are validated against models and item routes require their id', () => {
    const methods = resourcesOfType(dev, 'aws_api_gateway_method').map(([, m]) => m);
    const post = methods.find((m) => m.http_method === 'POST')!;
    expect(post.request_models).toEqual({ 'application/json': expect.stringContaining('aws_api_gateway_model.') });
    const del = methods.find((m) => m.http_method === 'DELETE')!;
    expect(del.request_parameters).toEqual({ 'method.request.path.appointmentId': true });
    // DELETE's optional `{reason}` has a model too: API Gateway validates an empty body as `{}`.
    expect(del.request_models).toEqual({ 'application/json': expect.stringContaining('aws_api_gateway_model.') });
    const models = resourcesOfType(dev, 'aws_api_gateway_model').map(([, m]) => JSON.parse(String(m.schema)));
    expect(models.map((m) => m.additionalProperties)).toEqual([false, false, false, false]);
  });

  test('every integration is a Lambda proxy', () => {
    for (const [, integration] of resourcesOfType(dev, 'aws_api_gateway_integration')) {
      expect(integration).toMatchObject({ type: 'AWS_PROXY', integration_http_method: 'POST' });
    }
  });

  test('the stage traces, logs access as JSON without the key value, and the method settings log without bodies', () => {
    const stage = only(dev, 'aws_api_gateway_stage');
    expect(stage).toMatchObject({ stage_name: 'v1', xray_tracing_enabled: true });
    const format = JSON.parse((stage.access_log_settings as { format: string }).format);
    expect(format).toMatchObject({
      requestId: '$context.requestId',
      extendedRequestId: '$context.extendedRequestId',
      apiKeyId: '$context.identity.apiKeyId',
      status: '$context.status',
      responseLatency: '$context.responseLatency',
    });
    expect(JSON.stringify(format)).not.toContain('identity.apiKey"');
    expect(only(dev, 'aws_api_gateway_method_settings')).toMatchObject({
      method_path: '*/*',
      settings: { metrics_enabled: true, logging_level: 'INFO', data_trace_enabled: false },
    });
    expect(only(prod, 'aws_api_gateway_method_settings')).toMatchObject({ settings: { logging_level: 'ERROR' } });
  });

  test('the usage plan throttles and caps each key as configured', () => {
    // One plan per client (identity-client-keys.test.ts); the web client's is prod's largest.
    const web = resourcesOfType(prod, 'aws_api_gateway_usage_plan').find(
      ([, p]) => p.name === 'appointments-prod-plan-web',
    );
    expect(web?.[1]).toMatchObject({
      throttle_settings: { rate_limit: 100, burst_limit: 200 },
      quota_settings: { limit: 1_000_000, period: 'DAY' },
    });
    for (const [, member] of resourcesOfType(prod, 'aws_api_gateway_usage_plan_key')) {
      expect(member).toMatchObject({ key_type: 'API_KEY' });
    }
  });

  test('the deployment is replaced when the shape of the API changes', () => {
    expect(only(dev, 'aws_api_gateway_deployment')).toMatchObject({
      triggers: { shape: expect.stringMatching(/^[0-9a-f]{64}$/) },
      lifecycle: { create_before_destroy: true },
    });
  });

  test('the account-wide logging role is only managed when the configuration opts in', () => {
    expect(resourcesOfType(dev, 'aws_api_gateway_account')).toHaveLength(0);
    const optedIn = synthServiceStack('dev', { manageApiGatewayAccountLogging: true });
    expect(resourcesOfType(optedIn, 'aws_api_gateway_account')).toHaveLength(1);
  });
});

describe('functions', () => {
  test('every function runs nodejs22.x on arm64 with tracing, explicit memory and timeout, and its own log group', () => {
    const functions = resourcesOfType(dev, 'aws_lambda_function').map(([, f]) => f);
    expect(functions).toHaveLength(11);
    for (const f of functions) {
      expect(f).toMatchObject({
        runtime: 'nodejs22.x',
        architectures: ['arm64'],
        handler: 'index.handler',
        tracing_config: { mode: 'Active' },
        memory_size: expect.any(Number),
        timeout: expect.any(Number),
        s3_key: expect.stringMatching(/^\$\{aws_signer_signing_job\.[^.]+\.signed_object\[0\]\.s3\[0\]\.key\}$/),
        kms_key_arn: expect.stringMatching(/^\$\{aws_kms_key\.Keys_Functions_Key_[0-9A-F]+\.arn\}$/),
        logging_config: { log_format: 'JSON', log_group: expect.stringContaining('aws_cloudwatch_log_group.') },
      });
    }
    for (const [, group] of resourcesOfType(dev, 'aws_cloudwatch_log_group')) {
      expect(group).toMatchObject({
        retention_in_days: 14,
        kms_key_id: expect.stringContaining('aws_kms_key.Keys_Logs'),
      });
    }
  });

  test('prod reserves concurrency for the API functions', () => {
    const reserved = resourcesOfType(prod, 'aws_lambda_function').map(([, f]) => [
      f.function_name,
      f.reserved_concurrent_executions,
    ]);
    expect(reserved.filter(([, r]) => r === 50).map(([n]) => n)).toHaveLength(9); // and the authorizer
  });

  test('the stream relay retries, bisects, reports partial failures, dead-letters and sees only appointments', () => {
    expect(only(dev, 'aws_lambda_event_source_mapping')).toMatchObject({
      starting_position: 'TRIM_HORIZON',
      bisect_batch_on_function_error: true,
      maximum_retry_attempts: 5,
      function_response_types: ['ReportBatchItemFailures'],
      destination_config: { on_failure: { destination_arn: expect.stringContaining('aws_sqs_queue.') } },
      filter_criteria: { filter: [{ pattern: '{"dynamodb":{"Keys":{"sk":{"S":["APPOINTMENT"]}}}}' }] },
    });
  });
});

describe('notifications and keys', () => {
  test('every topic and queue is encrypted with the messaging key', () => {
    for (const type of ['aws_sns_topic', 'aws_sqs_queue']) {
      for (const [, r] of resourcesOfType(dev, type)) {
        expect(r.kms_master_key_id).toEqual(expect.stringContaining('aws_kms_key.Keys_Messaging'));
      }
    }
  });

  test('every key rotates', () => {
    const keys = resourcesOfType(dev, 'aws_kms_key').map(([, k]) => k);
    expect(keys).toHaveLength(4);
    expect(keys.every((k) => k.enable_key_rotation === true)).toBe(true);
  });

  test('the messaging key names exactly its publishers, dead-letter writers and CloudWatch', () => {
    const [, key] = resourcesOfType(dev, 'aws_kms_key').find(([id]) => id.startsWith('Keys_Messaging'))!;
    const sids = policyDocumentStatements(dev, key.policy)
      .map((s) => s.sid)
      .sort();
    expect(sids).toEqual([
      'AccountReadsDeadLettersThroughSqs',
      'KeyAdministration',
      'PublishAppointmentEventsPublishesNotifications',
      'PublishAppointmentEventsSendFailedStreamRecords',
      'SchedulerRoleSendUndeliveredReminders',
      'SendReminderPublishesNotifications',
      'SendReminderSendFailedAsyncInvocations',
      'cloudwatchPublishesAlarmTopic',
    ]);
  });

  test('key administration never grants kms:*', () => {
    for (const [, key] of resourcesOfType(dev, 'aws_kms_key')) {
      for (const s of policyDocumentStatements(dev, key.policy)) expect(s.actions).not.toContain('kms:*');
    }
  });
});

describe('observability', () => {
  test('each function has an error and a throttle alarm, and every alarm notifies the alarm topic', () => {
    const alarms = resourcesOfType(dev, 'aws_cloudwatch_metric_alarm').map(([, a]) => a);
    for (const fn of [
      'create-appointment',
      'get-appointment',
      'list-appointments',
      'update-appointment',
      'cancel-appointment',
      'publish-appointment-events',
      'send-reminder',
    ]) {
      expect(alarms.map((a) => a.alarm_name)).toEqual(
        expect.arrayContaining([`appointments-dev-${fn}-errors`, `appointments-dev-${fn}-throttles`]),
      );
    }
    for (const a of alarms)
      expect(a.alarm_actions).toEqual([expect.stringContaining('aws_sns_topic.Observability_AlarmTopic')]);
  });

  test('the conflict alarm watches the metric the functions emit, at the configured threshold', () => {
    const conflict = resourcesOfType(prod, 'aws_cloudwatch_metric_alarm').find(
      ([, a]) => a.alarm_name === 'appointments-prod-booking-conflicts',
    )![1];
    expect(conflict).toMatchObject({
      namespace: 'Appointments',
      metric_name: 'SlotConflict',
      dimensions: { service: 'appointments-prod' },
      statistic: 'Sum',
      threshold: 100,
    });
  });

  test('API errors, latency, table throttling and dead letters are alarmed', () => {
    const names = resourcesOfType(dev, 'aws_cloudwatch_metric_alarm').map(([, a]) => String(a.alarm_name));
    expect(names).toEqual(
      expect.arrayContaining([
        'appointments-dev-api-5xx',
        'appointments-dev-api-latency-p99',
        'appointments-dev-table-write-throttles',
        'appointments-dev-byprovider-read-throttles',
        'appointments-dev-event-dead-letters-not-empty',
        'appointments-dev-reminder-dead-letters-not-empty',
      ]),
    );
  });

  test('the dashboard shows bookings, API, functions, table and dead letters', () => {
    const body = JSON.parse(String(only(dev, 'aws_cloudwatch_dashboard').dashboard_body));
    expect(body.widgets.map((w: { properties: { title: string } }) => w.properties.title)).toEqual([
      'Bookings and conflicts',
      'API requests and errors',
      'API latency p99 (ms)',
      'Function errors',
      'Function throttles',
      'Function duration p99 (ms)',
      'DynamoDB consumed capacity',
      'Dead-letter queues',
    ]);
  });
});
