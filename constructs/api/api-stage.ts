import { Construct } from 'constructs';
import { ApiGatewayAccount } from '@cdktf/provider-aws/lib/api-gateway-account';
import { ApiGatewayMethodSettings } from '@cdktf/provider-aws/lib/api-gateway-method-settings';
import { ApiGatewayStage } from '@cdktf/provider-aws/lib/api-gateway-stage';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import type { ApiLimits } from '../../config/environments';
import type { ApiClientSettings } from '../../config/identity';
import { ServiceNaming } from '../../config/naming';
import { PolicyDocument } from '../iam/policy-document';
import { EncryptionKey } from '../security/encryption-key';
import { StackEnvironment } from '../stack-environment';
import { ClientUsagePlans } from './client-usage-plans';
import { AppointmentsRestApi } from './rest-api';

export const STAGE_NAME = 'v1';

/**
 * One access-log line per request, as JSON. The key's id, never the key itself, is logged; the
 * caller by tenant and subject (the authorizer's context), never by name or email.
 */
export const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  extendedRequestId: '$context.extendedRequestId',
  apiKeyId: '$context.identity.apiKeyId',
  tenantId: '$context.authorizer.tenantId',
  subject: '$context.authorizer.principalId',
  authorizerStatus: '$context.authorizer.status',
  sourceIp: '$context.identity.sourceIp',
  requestTime: '$context.requestTime',
  httpMethod: '$context.httpMethod',
  resourcePath: '$context.resourcePath',
  status: '$context.status',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  errorType: '$context.error.responseType',
});

export interface ApiStageProps {
  /** Names the access log group, the API keys, the usage plans and the account logging role. */
  readonly naming: ServiceNaming;
  /** The API this stage serves; the stage points at its current deployment. */
  readonly restApi: AppointmentsRestApi;
  /** Key of the access and execution log groups. */
  readonly logsKey: EncryptionKey;
  /** Retention of the access and execution log groups, in days. */
  readonly logRetentionDays: number;
  /** Throttle of every method of the stage, all clients together. */
  readonly limits: ApiLimits;
  /** The client applications: one API key and usage plan each, with its own throttle and quota. */
  readonly clients: readonly ApiClientSettings[];
  /** Execution logging level; bodies are never logged. */
  readonly executionLogLevel: 'ERROR' | 'INFO';
  /**
   * Whether this stage's stack owns the region-wide `aws_api_gateway_account` CloudWatch role
   * (one per account and region).
   * @default false
   */
  readonly manageAccountLogging?: boolean;
}

/**
 * The live stage of the API with its logging, tracing, throttling, and the API key and usage
 * plan of each client application.
 */
export class ApiStage extends Construct {
  readonly stage: ApiGatewayStage;
  readonly clientPlans: ClientUsagePlans;
  readonly accessLogs: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: ApiStageProps) {
    super(scope, id);
    const { naming, limits } = props;
    const api = props.restApi.api;
    const account = props.manageAccountLogging ? this.manageAccountLogging(naming) : undefined;

    this.accessLogs = new CloudwatchLogGroup(this, 'AccessLogs', {
      name: `/aws/apigateway/${naming.name('api')}/access`,
      retentionInDays: props.logRetentionDays,
      kmsKeyId: props.logsKey.arn,
    });
    // API Gateway would create this group itself, with no retention and no encryption.
    const executionLogs = new CloudwatchLogGroup(this, 'ExecutionLogs', {
      name: `API-Gateway-Execution-Logs_${api.id}/${STAGE_NAME}`,
      retentionInDays: props.logRetentionDays,
      kmsKeyId: props.logsKey.arn,
    });

    this.stage = new ApiGatewayStage(this, 'Stage', {
      restApiId: api.id,
      deploymentId: props.restApi.deployment.id,
      stageName: STAGE_NAME,
      xrayTracingEnabled: true,
      accessLogSettings: { destinationArn: this.accessLogs.arn, format: ACCESS_LOG_FORMAT },
      dependsOn: [executionLogs, ...(account ? [account] : [])],
    });
    const methodSettings = new ApiGatewayMethodSettings(this, 'AllMethods', {
      restApiId: api.id,
      stageName: this.stage.stageName,
      methodPath: '*/*',
      settings: {
        metricsEnabled: true,
        loggingLevel: props.executionLogLevel,
        dataTraceEnabled: false, // request and response bodies carry customers' personal data
        throttlingRateLimit: limits.rateLimit,
        throttlingBurstLimit: limits.burstLimit,
      },
    });
    props.restApi.redeployOn(methodSettings);

    this.clientPlans = new ClientUsagePlans(this, 'Clients', {
      naming,
      apiId: api.id,
      stageName: this.stage.stageName,
      clients: props.clients,
    });
  }

  get invokeUrl(): string {
    return this.stage.invokeUrl;
  }

  /**
   * The region-wide role API Gateway uses to write logs. One per account and region, so only the
   * stack whose configuration says `manageApiGatewayAccountLogging` owns it.
   */
  private manageAccountLogging(naming: ServiceNaming): ApiGatewayAccount {
    const { account, partition } = StackEnvironment.of(this);
    const trust = new PolicyDocument(this, 'AccountLoggingTrust', {
      statements: [
        {
          sid: 'AssumedByApiGateway',
          actions: ['sts:AssumeRole'],
          principals: [{ type: 'Service', identifiers: ['apigateway.amazonaws.com'] }],
          condition: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [account] }],
        },
      ],
    });
    const role = new IamRole(this, 'AccountLoggingRole', {
      name: naming.name('apigateway-logging'),
      description: 'Region-wide role that API Gateway uses to write execution and access logs',
      assumeRolePolicy: trust.json,
    });
    // The AWS managed policy made for exactly this role; it lists the log actions API Gateway needs.
    const attachment = new IamRolePolicyAttachment(this, 'AccountLoggingPolicy', {
      role: role.name,
      policyArn: `arn:${partition}:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs`,
    });
    return new ApiGatewayAccount(this, 'AccountLogging', { cloudwatchRoleArn: role.arn, dependsOn: [attachment] });
  }
}
