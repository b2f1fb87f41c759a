/**
 * What every function reads from its environment. No AWS imports: the constructs set these
 * variables by the same constants the handlers read them by, so a renamed variable cannot
 * leave one side behind.
 */

/** CloudWatch namespace of the metrics the functions emit (Powertools Metrics, EMF). */
export const METRICS_NAMESPACE = 'Appointments';

/** The names of the environment variables the functions read, by what they carry. */
export const ENV = {
  /** The appointments table. */
  tableName: 'TABLE_NAME',
  /** The SNS topic of appointment events and reminders. */
  topicArn: 'TOPIC_ARN',
  /** SSM SecureString holding the HMAC key of list page tokens (deployed). */
  pageTokenSecretParameter: 'PAGE_TOKEN_SECRET_PARAMETER',
  /** The HMAC key itself; wins over the parameter (tests and `npm run dev` only). */
  pageTokenSecret: 'PAGE_TOKEN_SECRET',
  /** EventBridge Scheduler group that holds the reminder schedules. */
  scheduleGroupName: 'SCHEDULE_GROUP_NAME',
  /** The function a reminder schedule invokes (send-reminder). */
  reminderFunctionArn: 'REMINDER_FUNCTION_ARN',
  /** The role EventBridge Scheduler assumes to invoke it. */
  schedulerRoleArn: 'SCHEDULER_ROLE_ARN',
  /** Where a schedule's undeliverable invocations go. */
  scheduleDeadLetterQueueArn: 'SCHEDULE_DLQ_ARN',
  /**
   * The issuer whose ID tokens the authorizer accepts: the user pool's
   * `https://cognito-idp.<region>.amazonaws.com/<poolId>`; its keys are read from
   * `<issuer>/.well-known/jwks.json`.
   */
  tokenIssuer: 'TOKEN_ISSUER',
  /** The audience (`aud`) an accepted ID token carries: the user pool's app client id. */
  tokenAudience: 'TOKEN_AUDIENCE',
  /** The most future CONFIRMED appointments a customer may hold (contract: maxOpenBookingsPerCustomer). */
  maxOpenBookingsPerCustomer: 'MAX_OPEN_BOOKINGS_PER_CUSTOMER',
  /** Powertools' service name (logs, metrics, traces); set on every function. */
  serviceName: 'POWERTOOLS_SERVICE_NAME',
  /** Powertools' metrics namespace; set on every function. @default METRICS_NAMESPACE */
  metricsNamespace: 'POWERTOOLS_METRICS_NAMESPACE',
} as const;

/** The name of an environment variable a function reads. */
export type EnvironmentVariable = (typeof ENV)[keyof typeof ENV];

/** A required environment variable, or an error that names it. */
export function requiredEnvironment(name: EnvironmentVariable): string {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is required but not set`);
  return value;
}

/** A required environment variable holding a whole number of at least 1, or an error that names it. */
export function requiredPositiveInteger(name: EnvironmentVariable): number {
  const value = requiredEnvironment(name);
  if (!/^[1-9]\d{0,8}$/.test(value))
    throw new Error(`environment variable ${name} must be a whole number of at least 1, not "${value}"`);
  return Number(value);
}
