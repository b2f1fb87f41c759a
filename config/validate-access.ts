/**
 * Checks of the settings of who may call the API (./identity.ts): the user pool, the client
 * applications' keys and the notification topic's protocols. Each problem names the setting.
 */
import { AUTH_FLOWS, IdentitySettings, SUBSCRIPTION_PROTOCOLS } from './identity';
import { EnvironmentConfig } from './settings';

const isWhole = (n: number, min: number, max: number) => Number.isInteger(n) && n >= min && n <= max;

/** Every problem of the identity, client and notification-protocol settings of one environment. */
export function validateAccess(c: EnvironmentConfig): string[] {
  return [...validateIdentity(c), ...validateApiClients(c), ...validateNotificationProtocols(c)];
}

function validateIdentity(c: EnvironmentConfig): string[] {
  const at = (setting: string) => `${c.name}.identity.${setting}`;
  const i: IdentitySettings = c.identity;
  const problems: string[] = [];
  for (const setting of ['idTokenMinutes', 'accessTokenMinutes'] as const) {
    if (!isWhole(i[setting], 5, 1440)) {
      problems.push(`${at(setting)} ${i[setting]} must be a whole number of minutes from 5 to 1440`);
    }
  }
  if (!isWhole(i.refreshTokenDays, 1, 3650)) {
    problems.push(`${at('refreshTokenDays')} ${i.refreshTokenDays} must be a whole number of days from 1 to 3650`);
  } else if (i.refreshTokenDays * 1440 <= Math.max(i.idTokenMinutes, i.accessTokenMinutes)) {
    problems.push(`${at('refreshTokenDays')} ${i.refreshTokenDays} must outlast the ID and access tokens`);
  }
  if (!isWhole(i.password.minimumLength, 8, 99)) {
    problems.push(`${at('password.minimumLength')} ${i.password.minimumLength} must be a whole number from 8 to 99`);
  }
  const temporary = i.password.temporaryPasswordValidityDays;
  if (!isWhole(temporary, 1, 365)) {
    problems.push(`${at('password.temporaryPasswordValidityDays')} ${temporary} must be a whole number from 1 to 365`);
  }
  const unknownFlows = i.authFlows.filter((flow) => !(AUTH_FLOWS as readonly string[]).includes(flow));
  if (i.authFlows.length === 0 || unknownFlows.length > 0 || new Set(i.authFlows).size !== i.authFlows.length) {
    problems.push(`${at('authFlows')} must name one or more of ${AUTH_FLOWS.join(', ')}, each once`);
  }
  if (c.protectStatefulResources && i.authFlows.includes('ALLOW_USER_PASSWORD_AUTH')) {
    problems.push(
      `${at('authFlows')} must not allow ALLOW_USER_PASSWORD_AUTH where stateful resources are protected: it sends the password itself; use ALLOW_USER_SRP_AUTH`,
    );
  }
  if (!isWhole(i.authorizerCacheSeconds, 0, 3600)) {
    problems.push(`${at('authorizerCacheSeconds')} ${i.authorizerCacheSeconds} must be a whole number from 0 to 3600`);
  }
  return problems;
}

function validateApiClients(c: EnvironmentConfig): string[] {
  if (c.apiClients.length === 0) return [`${c.name}.apiClients must name at least one client application`];
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const client of c.apiClients) {
    const at = (setting: string) => `${c.name}.apiClients[${client.name}].${setting}`;
    if (!/^[a-z][a-z0-9-]{0,23}$/.test(client.name)) {
      problems.push(`${c.name}.apiClients name "${client.name}" must be 1-24 of [a-z0-9-], starting with a letter`);
    }
    if (seen.has(client.name)) problems.push(`${c.name}.apiClients name "${client.name}" is used twice`);
    seen.add(client.name);
    if (!(client.rateLimit > 0)) problems.push(`${at('rateLimit')} ${client.rateLimit} must be above 0`);
    if (!Number.isInteger(client.burstLimit) || client.burstLimit < client.rateLimit) {
      problems.push(
        `${at('burstLimit')} ${client.burstLimit} must be a whole number, at least rateLimit ${client.rateLimit}`,
      );
    }
    if (!Number.isInteger(client.quotaPerDay) || client.quotaPerDay <= 0) {
      problems.push(`${at('quotaPerDay')} ${client.quotaPerDay} must be a positive whole number`);
    }
    if (!(client.writeRateLimit > 0) || client.writeRateLimit > client.rateLimit) {
      problems.push(
        `${at('writeRateLimit')} ${client.writeRateLimit} must be above 0 and at most rateLimit ${client.rateLimit}`,
      );
    }
    if (!isWhole(client.writeBurstLimit, 1, client.burstLimit)) {
      problems.push(
        `${at('writeBurstLimit')} ${client.writeBurstLimit} must be a whole number from 1 to burstLimit ${client.burstLimit}`,
      );
    }
    if (!(client.writeSharePercent > 0 && client.writeSharePercent <= 100)) {
      problems.push(`${at('writeSharePercent')} ${client.writeSharePercent} must be above 0 and at most 100`);
    }
  }
  const shares = c.apiClients.reduce((sum, client) => sum + client.writeSharePercent, 0);
  if (shares > 100) problems.push(`${c.name}.apiClients writeSharePercent add up to ${shares}, more than 100`);
  return problems;
}

function validateNotificationProtocols(c: EnvironmentConfig): string[] {
  const at = `${c.name}.notificationProtocols`;
  const problems: string[] = [];
  for (const protocol of c.notificationProtocols as readonly string[]) {
    if (protocol === 'http') {
      problems.push(`${at} must not name "http": subscribers would receive appointments unencrypted; use "https"`);
    } else if (!(SUBSCRIPTION_PROTOCOLS as readonly string[]).includes(protocol)) {
      problems.push(`${at} names "${protocol}", not an SNS protocol (${SUBSCRIPTION_PROTOCOLS.join(', ')})`);
    }
  }
  if (new Set(c.notificationProtocols).size !== c.notificationProtocols.length) {
    problems.push(`${at} names a protocol twice`);
  }
  if (c.notificationEmails.length > 0 && !c.notificationProtocols.includes('email')) {
    problems.push(`${at} must include "email": notificationEmails subscribes email addresses`);
  }
  return problems;
}
