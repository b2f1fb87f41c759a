/**
 * The typed configuration of every environment: one base and, per environment, only what it
 * changes. Settings live here and nowhere else; constructs receive them through props.
 */
import { applyOverrides, Overrides } from './overrides';

export type EnvironmentName = 'dev' | 'staging' | 'prod';

export const ENVIRONMENT_NAMES: readonly EnvironmentName[] = ['dev', 'staging', 'prod'];

/** Capacity bounds of one DynamoDB dimension (reads or writes) under target-tracking scaling. */
export interface CapacityBounds {
  /** Provisioned floor; also the initial capacity. At least 10 (the product's floor). */
  readonly min: number;
  /** Ceiling that auto scaling may reach. */
  readonly max: number;
}

export interface TableCapacity {
  /** Bounds of read capacity units. */
  readonly read: CapacityBounds;
  /** Bounds of write capacity units. */
  readonly write: CapacityBounds;
  /** Target utilisation in percent for target tracking (20-90). */
  readonly targetUtilization: number;
}

export interface ApiLimits {
  /** Steady-state requests per second allowed per API key (usage plan throttle). */
  readonly rateLimit: number;
  /** Burst of requests allowed above the rate (usage plan throttle). */
  readonly burstLimit: number;
  /** Requests allowed per API key per day (usage plan quota). */
  readonly quotaPerDay: number;
}

export interface ApiFirewallSettings {
  /** Whether a WAFv2 web ACL guards the API stage (it costs about $5 a month plus $0.60 per million requests). */
  readonly enabled: boolean;
  /**
   * Requests one client IP may make in any 5 minutes before WAF blocks it (10 to 2,000,000,000).
   * Keep it above the usage plan's rate times 300 s: a client's backend calls from one address,
   * and the usage plan, not WAF, is what throttles a client.
   */
  readonly requestsPer5MinutesPerIp: number;
}

export interface AlarmSettings {
  /** Email addresses subscribed to the alarm topic. Each must confirm its subscription. */
  readonly emails: readonly string[];
  /** Booking conflicts in 5 minutes above which the conflict alarm fires. */
  readonly conflictsPer5Minutes: number;
  /** API p99 latency in milliseconds above which the latency alarm fires. */
  readonly apiLatencyP99Ms: number;
  /** Requests the API firewall blocks in 5 minutes above which its alarm fires (where there is one). */
  readonly firewallBlocksPer5Minutes: number;
}

export interface EnvironmentConfig {
  /** The environment: its physical names are `appointments-<name>-<purpose>`. */
  readonly name: EnvironmentName;
  /** The AWS account this environment lives in; the provider refuses any other account. */
  readonly accountId: string;
  /** AWS region, default `us-west-1`. */
  readonly region: string;
  /** Cost center written into the `CostCenter` tag of every resource. */
  readonly costCenter: string;
  /** Deletion protection on the table and `prevent_destroy` on stateful resources. */
  readonly protectStatefulResources: boolean;
  /** Retention of every log group, in days (a value CloudWatch Logs accepts). */
  readonly logRetentionDays: number;
  /** Capacity of the appointments table. */
  readonly tableCapacity: TableCapacity;
  /** Capacity of each global secondary index. */
  readonly indexCapacity: TableCapacity;
  /** Throttle and quota of each API key, and of every method of the stage. */
  readonly api: ApiLimits;
  /** API Gateway execution logging level. */
  readonly apiExecutionLogLevel: 'ERROR' | 'INFO';
  /**
   * Whether this stack manages the region-wide `aws_api_gateway_account` CloudWatch role. Only one
   * stack per account and region may own it; turn it on in exactly one environment per region.
   */
  readonly manageApiGatewayAccountLogging: boolean;
  /** The web application firewall in front of the API stage. */
  readonly apiFirewall: ApiFirewallSettings;
  /**
   * What Lambda does with function code not signed by the stack's signing profile: `Enforce`
   * refuses to deploy it, `Warn` deploys it and logs a warning (the code is signed either way).
   */
  readonly untrustedCodeOnDeployment: 'Enforce' | 'Warn';
  /** Reserved concurrency of each API function; `undefined` leaves the account pool shared. */
  readonly apiReservedConcurrency?: number;
  /**
   * Version of the page-token secret (the HMAC key of list pagination tokens). Terraform writes
   * the secret write-only, so it is never in state; raising the version writes a new random one
   * (rotation), which makes the page tokens already handed out invalid.
   */
  readonly pageTokenSecretVersion: number;
  /** Who the alarms notify and where the level alarms draw the line. */
  readonly alarms: AlarmSettings;
  /** Email addresses subscribed to appointment notifications (for operators; clients use SNS). */
  readonly notificationEmails: readonly string[];
}

/** Where Terraform state lives. One bucket serves every environment, one key per stack. */
export interface StateConfig {
  readonly bucket: string;
  readonly region: string;
  /** Account that owns the state bucket (the bootstrap stack's account). */
  readonly accountId: string;
  /**
   * IAM principal ARNs (roles or users; `*` wildcards allowed, as in `ArnLike`) that may read
   * state objects and list the state bucket (`TF_STATE_READER_ARNS`). Everyone else is refused
   * by the bucket policy, whatever their IAM policies allow.
   * @default undefined: every principal of the state bucket's account (`aws:PrincipalAccount`)
   */
  readonly readerPrincipalArns?: readonly string[];
}

export interface AppConfig {
  /** Cost center of the shared (bootstrap) stack's tags. */
  readonly costCenter: string;
  /** Where Terraform state lives. */
  readonly state: StateConfig;
  /** The environments to synthesize, one service stack each. */
  readonly environments: readonly EnvironmentConfig[];
}

/**
 * AWS's documentation account id. It is a safe default: the provider's `allowed_account_ids`
 * refuses to plan or deploy against any real account until the environment's id is set.
 */
export const PLACEHOLDER_ACCOUNT_ID = '123456789012';

const DEFAULT_REGION = 'us-west-1';

/**
 * What every environment gets unless its overrides say otherwise. Capacity ceilings are 10x the
 * product's floor (35,000 bookings a day, peaks of 20 a second): see README, Capacity.
 */
export const BASE_ENVIRONMENT: Omit<EnvironmentConfig, 'name'> = {
  accountId: PLACEHOLDER_ACCOUNT_ID,
  region: DEFAULT_REGION,
  costCenter: 'scheduling',
  protectStatefulResources: false,
  logRetentionDays: 30,
  tableCapacity: { read: { min: 10, max: 400 }, write: { min: 10, max: 400 }, targetUtilization: 70 },
  indexCapacity: { read: { min: 10, max: 200 }, write: { min: 10, max: 400 }, targetUtilization: 70 },
  api: { rateLimit: 50, burstLimit: 100, quotaPerDay: 200_000 },
  apiExecutionLogLevel: 'INFO',
  manageApiGatewayAccountLogging: false,
  apiFirewall: { enabled: true, requestsPer5MinutesPerIp: 20_000 },
  untrustedCodeOnDeployment: 'Warn',
  apiReservedConcurrency: undefined,
  pageTokenSecretVersion: 1,
  alarms: { emails: [], conflictsPer5Minutes: 50, apiLatencyP99Ms: 2_000, firewallBlocksPer5Minutes: 100 },
  notificationEmails: [],
};

/** What each environment changes from the base, and nothing else. */
export const ENVIRONMENT_OVERRIDES: Record<EnvironmentName, Overrides<Omit<EnvironmentConfig, 'name'>>> = {
  dev: {
    logRetentionDays: 14,
    // Ceilings deliberately below prod's peak: a runaway test cannot scale dev's cost.
    tableCapacity: { read: { max: 50 }, write: { max: 50 } },
    indexCapacity: { read: { max: 50 }, write: { max: 50 } },
    api: { rateLimit: 20, burstLimit: 40, quotaPerDay: 50_000 },
    // Nothing public runs against dev; its firewall would cost more than the stage it guards.
    apiFirewall: { enabled: false },
    alarms: { apiLatencyP99Ms: 3_000 },
  },
  // The base: prod's capacity ceilings, so load tests can reproduce prod's peak; ceilings cost
  // nothing unless reached.
  staging: {},
  prod: {
    protectStatefulResources: true,
    logRetentionDays: 365,
    api: { rateLimit: 100, burstLimit: 200, quotaPerDay: 1_000_000 },
    apiFirewall: { requestsPer5MinutesPerIp: 40_000 },
    untrustedCodeOnDeployment: 'Enforce',
    apiExecutionLogLevel: 'ERROR',
    apiReservedConcurrency: 50,
    alarms: { conflictsPer5Minutes: 100, apiLatencyP99Ms: 1_500 },
  },
};

/** Each environment's settings before environment variables (see `resolveConfig`): base plus overrides. */
export const DEFAULT_ENVIRONMENTS = Object.fromEntries(
  ENVIRONMENT_NAMES.map((name) => [name, applyOverrides(BASE_ENVIRONMENT, ENVIRONMENT_OVERRIDES[name])]),
) as Record<EnvironmentName, Omit<EnvironmentConfig, 'name'>>;
