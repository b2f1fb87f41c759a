/**
 * The shape of the configuration: what each environment's settings mean. The values are in
 * ./environments.ts (a base plus per-environment overrides), checked by ./resolve.ts.
 */
import { ApiClientSettings, IdentitySettings, SubscriptionProtocol } from './identity';

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

/** The stage's own throttle: every method, all clients together (each client's are in `apiClients`). */
export interface ApiLimits {
  /** Steady-state requests per second each method of the stage serves. */
  readonly rateLimit: number;
  /** Burst of requests allowed above the rate. */
  readonly burstLimit: number;
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
  /** Throttle of every method of the stage, all clients together. */
  readonly api: ApiLimits;
  /** The client applications: one API key and usage plan each. At least one. */
  readonly apiClients: readonly ApiClientSettings[];
  /** The user pool that signs the callers' ID tokens, and how the API checks them. */
  readonly identity: IdentitySettings;
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
  /**
   * The most CONFIRMED appointments starting in the future that a customer may hold before its
   * own bookings answer 409 BOOKING_LIMIT_REACHED (staff bookings are never refused). 1 to 100:
   * each customer booking counts up to this many index entries.
   */
  readonly maxOpenBookingsPerCustomer: number;
  /** Who the alarms notify and where the level alarms draw the line. */
  readonly alarms: AlarmSettings;
  /** Email addresses subscribed to appointment notifications (for operators; clients use SNS). */
  readonly notificationEmails: readonly string[];
  /** The only protocols the notification topic's policy lets anyone subscribe with (never `http`). */
  readonly notificationProtocols: readonly SubscriptionProtocol[];
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
