/**
 * Settings of who may call the API: the Cognito user pool that issues the callers' ID tokens, the
 * API keys of the client applications, and who may subscribe to the notification topic.
 */

/** Cognito's password rules for the users of the pool. */
export interface PasswordPolicy {
  /** Fewest characters a password may have (8 to 99). */
  readonly minimumLength: number;
  /** Whether a password needs a lower-case letter, an upper-case letter, a digit and a symbol. */
  readonly requireLowercase: boolean;
  readonly requireUppercase: boolean;
  readonly requireNumbers: boolean;
  readonly requireSymbols: boolean;
  /** Days the temporary password of a new user is valid before an operator must reset it (1 to 365). */
  readonly temporaryPasswordValidityDays: number;
}

/** App client authentication flows the configuration may allow (refresh is always allowed). */
export const AUTH_FLOWS = ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH'] as const;
export type AuthFlow = (typeof AUTH_FLOWS)[number];

/** Cognito's MFA modes: `ON` asks every user for a second factor (a TOTP app), `OPTIONAL` those who set one up. */
export type MfaMode = 'OFF' | 'OPTIONAL' | 'ON';

/**
 * Cognito threat protection (advanced security): `ENFORCED` blocks or challenges risky sign-ins
 * and compromised credentials, `AUDIT` only records them. Anything but `OFF` needs the PLUS
 * feature plan, which Cognito bills per monthly active user.
 */
export type ThreatProtection = 'OFF' | 'AUDIT' | 'ENFORCED';

export interface IdentitySettings {
  /** Minutes an ID token is valid (5 to 1440). It bounds how long a disabled user keeps access. */
  readonly idTokenMinutes: number;
  /** Minutes an access token is valid (5 to 1440). The API accepts no access token. */
  readonly accessTokenMinutes: number;
  /** Days a refresh token is valid (1 to 3650). */
  readonly refreshTokenDays: number;
  readonly password: PasswordPolicy;
  /** Second factor: software tokens (TOTP) only; no SMS, which costs per message and can be phished. */
  readonly mfa: MfaMode;
  /**
   * How the client apps sign in, beyond refreshing tokens. `ALLOW_USER_PASSWORD_AUTH` sends the
   * password itself to Cognito (SRP never does); it is refused where stateful resources are
   * protected (prod).
   */
  readonly authFlows: readonly AuthFlow[];
  readonly threatProtection: ThreatProtection;
  /**
   * Seconds API Gateway caches the authorizer's answer per Authorization header (0 to 3600; 0
   * calls the authorizer on every request). A disabled user's token may work this much longer.
   */
  readonly authorizerCacheSeconds: number;
}

/**
 * One client application of the API: its own API key in its own usage plan, so that its quota
 * and throttle are its own and no other client can spend them.
 */
export interface ApiClientSettings {
  /** Names the key and the plan (`appointments-<env>-client-<name>`): 1-24 of `[a-z0-9-]`, starting with a letter. */
  readonly name: string;
  /** Steady requests per second this client may send across the API. */
  readonly rateLimit: number;
  /** Requests this client may send at once above its rate (at least the rate). */
  readonly burstLimit: number;
  /** Requests this client may send per day. */
  readonly quotaPerDay: number;
  /**
   * Steady requests per second this client may send to EACH method that writes (POST, PATCH,
   * DELETE): what bounds its share of the table's writes (`npm run capacity` checks it). May be
   * below 1 (0.5 is one request every 2 seconds).
   */
  readonly writeRateLimit: number;
  /** Requests at once above that rate, per writing method (a whole number, at least 1). */
  readonly writeBurstLimit: number;
  /**
   * Percent of the table's write ceiling (`tableCapacity.write.max`) this client may take when it
   * sends the costliest writes at its write throttle. The clients' shares add up to 100 at most,
   * so no client at its limit takes capacity another client's limit counts on.
   */
  readonly writeSharePercent: number;
}

/** Delivery protocols SNS offers. Plain `http` is not among those a configuration may name. */
export const SUBSCRIPTION_PROTOCOLS = [
  'email',
  'email-json',
  'https',
  'sqs',
  'lambda',
  'firehose',
  'application',
  'sms',
] as const;
export type SubscriptionProtocol = (typeof SUBSCRIPTION_PROTOCOLS)[number];
