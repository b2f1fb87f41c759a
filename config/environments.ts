/**
 * The typed configuration of every environment: one base and, per environment, only what it
 * changes. Settings live here and nowhere else; constructs receive them through props. What each
 * setting means is in ./settings.ts.
 */
import { applyOverrides, Overrides } from './overrides';
import { ENVIRONMENT_NAMES, EnvironmentConfig, EnvironmentName } from './settings';

export { ENVIRONMENT_NAMES } from './settings';

export type {
  AlarmSettings,
  ApiFirewallSettings,
  ApiLimits,
  AppConfig,
  CapacityBounds,
  EnvironmentConfig,
  EnvironmentName,
  StateConfig,
  TableCapacity,
} from './settings';
export type { ApiClientSettings, IdentitySettings } from './identity';

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
/** The contract's default limit on a customer's upcoming bookings; `npm run dev` uses it too. */
export const DEFAULT_MAX_OPEN_BOOKINGS_PER_CUSTOMER = 10;

export const BASE_ENVIRONMENT: Omit<EnvironmentConfig, 'name'> = {
  accountId: PLACEHOLDER_ACCOUNT_ID,
  region: DEFAULT_REGION,
  costCenter: 'scheduling',
  protectStatefulResources: false,
  logRetentionDays: 30,
  // The write ceiling holds every client at its write throttle sending the costliest writes
  // (npm run capacity: 10 + 3 writes a second on each writing method, 580 WCU on the table and
  // 35 on each index for one of each, the largest being a PUT of a profile with 200 overrides).
  tableCapacity: { read: { min: 10, max: 400 }, write: { min: 10, max: 7_800 }, targetUtilization: 70 },
  indexCapacity: { read: { min: 10, max: 200 }, write: { min: 10, max: 500 }, targetUtilization: 70 },
  api: { rateLimit: 50, burstLimit: 100 },
  apiClients: [
    // The customers' booking site and apps.
    {
      name: 'web',
      rateLimit: 50,
      burstLimit: 100,
      quotaPerDay: 500_000,
      writeRateLimit: 10,
      writeBurstLimit: 20,
      writeSharePercent: 75,
    },
    // The clinics' desk app (staff and providers).
    {
      name: 'clinic',
      rateLimit: 20,
      burstLimit: 40,
      quotaPerDay: 200_000,
      writeRateLimit: 3,
      writeBurstLimit: 6,
      writeSharePercent: 25,
    },
  ],
  identity: {
    idTokenMinutes: 30,
    accessTokenMinutes: 30,
    refreshTokenDays: 7,
    password: {
      minimumLength: 12,
      requireLowercase: true,
      requireUppercase: true,
      requireNumbers: true,
      requireSymbols: true,
      temporaryPasswordValidityDays: 3,
    },
    mfa: 'ON',
    authFlows: ['ALLOW_USER_SRP_AUTH'],
    threatProtection: 'ENFORCED',
    authorizerCacheSeconds: 300,
  },
  apiExecutionLogLevel: 'INFO',
  manageApiGatewayAccountLogging: false,
  apiFirewall: { enabled: true, requestsPer5MinutesPerIp: 20_000 },
  untrustedCodeOnDeployment: 'Warn',
  apiReservedConcurrency: undefined,
  pageTokenSecretVersion: 1,
  maxOpenBookingsPerCustomer: DEFAULT_MAX_OPEN_BOOKINGS_PER_CUSTOMER,
  alarms: { emails: [], conflictsPer5Minutes: 50, apiLatencyP99Ms: 2_000, firewallBlocksPer5Minutes: 100 },
  notificationEmails: [],
  notificationProtocols: ['sqs', 'lambda', 'https', 'email'],
};

/** What each environment changes from the base, and nothing else. */
export const ENVIRONMENT_OVERRIDES: Record<EnvironmentName, Overrides<Omit<EnvironmentConfig, 'name'>>> = {
  dev: {
    logRetentionDays: 14,
    // Ceilings deliberately below prod's peak: a runaway test cannot scale dev's cost.
    tableCapacity: { read: { max: 50 }, write: { max: 60 } },
    indexCapacity: { read: { max: 50 }, write: { max: 50 } },
    api: { rateLimit: 20, burstLimit: 40 },
    // One client, its writes within dev's capped ceiling: 0.1 a second on each writing method.
    apiClients: [
      {
        name: 'developer',
        rateLimit: 20,
        burstLimit: 40,
        quotaPerDay: 50_000,
        writeRateLimit: 0.1,
        writeBurstLimit: 3,
        writeSharePercent: 100,
      },
    ],
    // No real users: tokens from the command line (USER_PASSWORD_AUTH), no MFA prompt, no
    // per-user threat protection bill.
    identity: {
      idTokenMinutes: 60,
      accessTokenMinutes: 60,
      refreshTokenDays: 30,
      mfa: 'OPTIONAL',
      authFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH'],
      threatProtection: 'OFF',
    },
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
    api: { rateLimit: 100, burstLimit: 200 },
    apiClients: [
      {
        name: 'web',
        rateLimit: 100,
        burstLimit: 200,
        quotaPerDay: 1_000_000,
        writeRateLimit: 10,
        writeBurstLimit: 20,
        writeSharePercent: 75,
      },
      {
        name: 'clinic',
        rateLimit: 50,
        burstLimit: 100,
        quotaPerDay: 500_000,
        writeRateLimit: 3,
        writeBurstLimit: 6,
        writeSharePercent: 25,
      },
    ],
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
