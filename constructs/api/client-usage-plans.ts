import { Construct } from 'constructs';
import { ApiGatewayApiKey } from '@cdktf/provider-aws/lib/api-gateway-api-key';
import { ApiGatewayUsagePlan } from '@cdktf/provider-aws/lib/api-gateway-usage-plan';
import { ApiGatewayUsagePlanKey } from '@cdktf/provider-aws/lib/api-gateway-usage-plan-key';
import type { ApiClientSettings } from '../../config/identity';
import { ServiceNaming } from '../../config/naming';
import { HTTP_OPERATIONS, OPERATION_NAMES, OperationName } from '../../src/operations';

export interface ClientUsagePlansProps {
  /** Names each client's key (`<app>-<env>-client-<name>`) and plan (`<app>-<env>-plan-<name>`). */
  readonly naming: ServiceNaming;
  /** The REST API the plans admit to. */
  readonly apiId: string;
  /** The stage the plans admit to. */
  readonly stageName: string;
  /** One key and plan per client application; names are unique. */
  readonly clients: readonly ApiClientSettings[];
}

/** A client's API key and the usage plan that meters, throttles and admits it. */
export interface ClientAccess {
  readonly key: ApiGatewayApiKey;
  readonly plan: ApiGatewayUsagePlan;
}

/** The operations whose methods write: every one but GET. */
export const WRITING_OPERATIONS: readonly OperationName[] = OPERATION_NAMES.filter(
  (name) => HTTP_OPERATIONS[name].method !== 'GET',
);

/**
 * The usage plan path (`<resource path>/<METHOD>`) of every method that writes: each is throttled
 * per client at the client's write rate, which bounds the table capacity one client can consume.
 */
export const WRITING_METHOD_PATHS: readonly string[] = WRITING_OPERATIONS.map(
  (name) => `${HTTP_OPERATIONS[name].resourcePath}/${HTTP_OPERATIONS[name].method}`,
);

/**
 * One API key in one usage plan per client application. A key is in exactly one plan, so each
 * client's throttle, write throttles and daily quota are its own: no client can spend another's.
 * API keys identify applications, not people; who calls is the ID token's business.
 */
export class ClientUsagePlans extends Construct {
  /** By client name. */
  readonly clients: Readonly<Record<string, ClientAccess>>;

  constructor(scope: Construct, id: string, props: ClientUsagePlansProps) {
    super(scope, id);
    const names = props.clients.map((c) => c.name);
    const repeated = names.find((name, i) => names.indexOf(name) !== i);
    if (repeated !== undefined) throw new Error(`Client application "${repeated}" is named twice`);
    if (names.length === 0) throw new Error('ClientUsagePlans needs at least one client application');

    const clients: Record<string, ClientAccess> = {};
    for (const client of props.clients) {
      // Construct ids carry the client's name: adding or removing one client leaves the others.
      const key = new ApiGatewayApiKey(this, `${client.name}-key`, {
        name: props.naming.name(`client-${client.name}`),
        description: `API key of the ${client.name} client application; read its value with \`aws apigateway get-api-key --include-value\``,
        enabled: true,
      });
      const plan = new ApiGatewayUsagePlan(this, `${client.name}-plan`, {
        name: props.naming.name(`plan-${client.name}`),
        description: `Throttle and quota of the ${client.name} client application alone`,
        apiStages: [
          {
            apiId: props.apiId,
            stage: props.stageName,
            throttle: WRITING_METHOD_PATHS.map((path) => ({
              path,
              rateLimit: client.writeRateLimit,
              burstLimit: client.writeBurstLimit,
            })),
          },
        ],
        throttleSettings: { rateLimit: client.rateLimit, burstLimit: client.burstLimit },
        quotaSettings: { limit: client.quotaPerDay, period: 'DAY' },
      });
      new ApiGatewayUsagePlanKey(this, `${client.name}-key-in-plan`, {
        keyId: key.id,
        keyType: 'API_KEY',
        usagePlanId: plan.id,
      });
      clients[client.name] = { key, plan };
    }
    this.clients = clients;
  }
}
