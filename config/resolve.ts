import {
  AppConfig,
  DEFAULT_ENVIRONMENTS,
  ENVIRONMENT_NAMES,
  EnvironmentConfig,
  EnvironmentName,
  PLACEHOLDER_ACCOUNT_ID,
  StateConfig,
  TableCapacity,
} from './environments';
import { APP_NAME } from './naming';
import { stateAccessFromEnv } from './state';
import { applyOverrides, Overrides } from './overrides';
import { SUPPORTED_REGIONS } from './regions';
import { validateAccess } from './validate-access';

/** Retention values CloudWatch Logs accepts (PutRetentionPolicy). */
export const LOG_RETENTION_DAYS: readonly number[] = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

/** The product's capacity floor: 10 RCU and 10 WCU. */
export const MIN_PROVISIONED_CAPACITY = 10;

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * Builds the configuration from the embedded defaults and these environment variables, and
 * validates it. Every problem is reported at once, each naming the setting at fault.
 *
 * - `APPOINTMENTS_ENVIRONMENTS`: comma-separated environments to synthesize (default: all).
 * - `APPOINTMENTS_<ENV>_ACCOUNT_ID`, `APPOINTMENTS_<ENV>_REGION`,
 *   `APPOINTMENTS_<ENV>_ALARM_EMAILS` (comma-separated): per-environment overrides.
 * - `TF_STATE_BUCKET`, `TF_STATE_REGION`, `TF_STATE_ACCOUNT_ID`: where state lives.
 * - `TF_STATE_READER_ARNS` (comma-separated principal ARNs): who may read it.
 */
export function resolveConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const selected = selectEnvironments(env, problems);

  const environments = selected.map((name): EnvironmentConfig => {
    const config = { name, ...applyOverrides(DEFAULT_ENVIRONMENTS[name], variableOverrides(env, name)) };
    problems.push(...validateEnvironment(config));
    return config;
  });

  const stateAccountId = env.TF_STATE_ACCOUNT_ID ?? environments[0]?.accountId ?? PLACEHOLDER_ACCOUNT_ID;
  const stateRegion = env.TF_STATE_REGION ?? environments[0]?.region ?? 'us-west-1';
  const readers = stateAccessFromEnv(env);
  problems.push(...readers.problems);
  const state: StateConfig = {
    accountId: stateAccountId,
    region: stateRegion,
    bucket: env.TF_STATE_BUCKET ?? `${APP_NAME}-tfstate-${stateAccountId}-${stateRegion}`,
    ...readers.access,
  };
  if (!isAccountId(state.accountId)) {
    problems.push(`TF_STATE_ACCOUNT_ID "${state.accountId}" is not a 12-digit AWS account id`);
  }
  if (!SUPPORTED_REGIONS.includes(state.region)) {
    problems.push(`TF_STATE_REGION "${state.region}" is not a supported region (${SUPPORTED_REGIONS.join(', ')})`);
  }
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(state.bucket)) {
    problems.push(`TF_STATE_BUCKET "${state.bucket}" is not a valid S3 bucket name`);
  }

  if (problems.length > 0) throw new ConfigError(problems);
  return { costCenter: environments[0]?.costCenter ?? 'scheduling', state, environments };
}

/** The settings of one environment that its `APPOINTMENTS_<ENV>_*` variables override. */
function variableOverrides(env: Env, name: EnvironmentName): Overrides<Omit<EnvironmentConfig, 'name'>> {
  const prefix = `APPOINTMENTS_${name.toUpperCase()}_`;
  const accountId = env[`${prefix}ACCOUNT_ID`];
  const region = env[`${prefix}REGION`];
  const emails = env[`${prefix}ALARM_EMAILS`];
  return {
    ...(accountId === undefined ? {} : { accountId }),
    ...(region === undefined ? {} : { region }),
    ...(emails === undefined ? {} : { alarms: { emails: splitList(emails) } }),
  };
}

function selectEnvironments(env: Env, problems: string[]): EnvironmentName[] {
  const raw = env.APPOINTMENTS_ENVIRONMENTS;
  if (raw === undefined || raw.trim() === '') return [...ENVIRONMENT_NAMES];
  const names = splitList(raw);
  const known = names.filter((n): n is EnvironmentName => (ENVIRONMENT_NAMES as readonly string[]).includes(n));
  for (const n of names) {
    if (!known.includes(n as EnvironmentName)) {
      problems.push(
        `APPOINTMENTS_ENVIRONMENTS names unknown environment "${n}"; expected one of ${ENVIRONMENT_NAMES.join(', ')}`,
      );
    }
  }
  return [...new Set(known)];
}

/** Checks one environment's settings; returns one message per problem, each naming the setting. */
export function validateEnvironment(c: EnvironmentConfig): string[] {
  const at = (setting: string) => `${c.name}.${setting}`;
  const problems: string[] = [];
  if (!isAccountId(c.accountId)) problems.push(`${at('accountId')} "${c.accountId}" is not a 12-digit AWS account id`);
  if (!SUPPORTED_REGIONS.includes(c.region)) {
    problems.push(`${at('region')} "${c.region}" is not a supported region (${SUPPORTED_REGIONS.join(', ')})`);
  }
  if (!LOG_RETENTION_DAYS.includes(c.logRetentionDays)) {
    problems.push(
      `${at('logRetentionDays')} ${c.logRetentionDays} is not a value CloudWatch Logs accepts (${LOG_RETENTION_DAYS.join(', ')})`,
    );
  }
  problems.push(
    ...validateCapacity(at('tableCapacity'), c.tableCapacity),
    ...validateCapacity(at('indexCapacity'), c.indexCapacity),
  );
  if (c.api.rateLimit <= 0 || c.api.burstLimit < c.api.rateLimit) {
    problems.push(
      `${at('api')} needs rateLimit > 0 and burstLimit >= rateLimit (got ${c.api.rateLimit}/${c.api.burstLimit})`,
    );
  }
  if (
    c.apiReservedConcurrency !== undefined &&
    (!Number.isInteger(c.apiReservedConcurrency) || c.apiReservedConcurrency < 1)
  ) {
    problems.push(`${at('apiReservedConcurrency')} must be a positive integer or undefined`);
  }
  const ipLimit = c.apiFirewall.requestsPer5MinutesPerIp;
  if (!Number.isInteger(ipLimit) || ipLimit < 10 || ipLimit > 2_000_000_000) {
    problems.push(`${at('apiFirewall.requestsPer5MinutesPerIp')} ${ipLimit} must be an integer from 10 to 2000000000`);
  }
  if (!Number.isInteger(c.pageTokenSecretVersion) || c.pageTokenSecretVersion < 1) {
    problems.push(`${at('pageTokenSecretVersion')} ${c.pageTokenSecretVersion} must be a positive integer`);
  }
  const bookingLimit = c.maxOpenBookingsPerCustomer;
  if (!Number.isInteger(bookingLimit) || bookingLimit < 1 || bookingLimit > 100) {
    problems.push(`${at('maxOpenBookingsPerCustomer')} ${bookingLimit} must be an integer from 1 to 100`);
  }
  for (const email of [...c.alarms.emails, ...c.notificationEmails]) {
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) problems.push(`${c.name}: "${email}" is not an email address`);
  }
  if (c.costCenter.trim() === '') problems.push(`${at('costCenter')} must not be empty`);
  problems.push(...validateAccess(c));
  return problems;
}

function validateCapacity(at: string, cap: TableCapacity): string[] {
  const problems: string[] = [];
  for (const [dim, b] of [
    ['read', cap.read],
    ['write', cap.write],
  ] as const) {
    if (!Number.isInteger(b.min) || b.min < MIN_PROVISIONED_CAPACITY) {
      problems.push(`${at}.${dim}.min ${b.min} is below the floor of ${MIN_PROVISIONED_CAPACITY}`);
    }
    if (!Number.isInteger(b.max) || b.max < b.min) problems.push(`${at}.${dim}.max ${b.max} is below its min ${b.min}`);
  }
  if (cap.targetUtilization < 20 || cap.targetUtilization > 90) {
    problems.push(`${at}.targetUtilization ${cap.targetUtilization} must be between 20 and 90`);
  }
  return problems;
}

function isAccountId(id: string): boolean {
  return /^\d{12}$/.test(id);
}

function splitList(raw: string): string[] {
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
