/** The identity, client-key and notification-protocol settings: each problem named exactly. */
import { DEFAULT_ENVIRONMENTS, EnvironmentConfig } from '../../config/environments';
import type { ApiClientSettings, IdentitySettings } from '../../config/identity';
import { validateEnvironment } from '../../config/resolve';

const dev: EnvironmentConfig = { ...DEFAULT_ENVIRONMENTS.dev, name: 'dev' };
const prod: EnvironmentConfig = { ...DEFAULT_ENVIRONMENTS.prod, name: 'prod' };

const withIdentity = (c: EnvironmentConfig, identity: Partial<IdentitySettings>): EnvironmentConfig => ({
  ...c,
  identity: { ...c.identity, ...identity },
});
const withClient = (c: EnvironmentConfig, client: Partial<ApiClientSettings>): EnvironmentConfig => ({
  ...c,
  apiClients: [{ ...c.apiClients[0], ...client }, ...c.apiClients.slice(1)],
});

describe('identity settings', () => {
  test.each([
    [{ idTokenMinutes: 4 }, 'dev.identity.idTokenMinutes 4 must be a whole number of minutes from 5 to 1440'],
    [
      { accessTokenMinutes: 1441 },
      'dev.identity.accessTokenMinutes 1441 must be a whole number of minutes from 5 to 1440',
    ],
    [{ refreshTokenDays: 0 }, 'dev.identity.refreshTokenDays 0 must be a whole number of days from 1 to 3650'],
    [
      { refreshTokenDays: 1, idTokenMinutes: 1440 },
      'dev.identity.refreshTokenDays 1 must outlast the ID and access tokens',
    ],
    [
      { authorizerCacheSeconds: 3601 },
      'dev.identity.authorizerCacheSeconds 3601 must be a whole number from 0 to 3600',
    ],
    [
      { authFlows: [] },
      'dev.identity.authFlows must name one or more of ALLOW_USER_SRP_AUTH, ALLOW_USER_PASSWORD_AUTH, each once',
    ],
    [
      { authFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_SRP_AUTH'] },
      'dev.identity.authFlows must name one or more of ALLOW_USER_SRP_AUTH, ALLOW_USER_PASSWORD_AUTH, each once',
    ],
  ] as [Partial<IdentitySettings>, string][])('%o is refused', (identity, problem) => {
    expect(validateEnvironment(withIdentity(dev, identity))).toEqual([problem]);
  });

  test('a password policy outside what it may be is refused, each part named', () => {
    const password = { ...dev.identity.password, minimumLength: 6, temporaryPasswordValidityDays: 0 };
    expect(validateEnvironment(withIdentity(dev, { password }))).toEqual([
      'dev.identity.password.minimumLength 6 must be a whole number from 8 to 99',
      'dev.identity.password.temporaryPasswordValidityDays 0 must be a whole number from 1 to 365',
    ]);
  });

  test('the password flow is refused where stateful resources are protected, and allowed in dev', () => {
    const flows = ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH'] as const;
    expect(validateEnvironment(withIdentity(prod, { authFlows: flows }))).toEqual([
      'prod.identity.authFlows must not allow ALLOW_USER_PASSWORD_AUTH where stateful resources are protected: it sends the password itself; use ALLOW_USER_SRP_AUTH',
    ]);
    expect(dev.identity.authFlows).toEqual(flows);
    expect(validateEnvironment(dev)).toEqual([]);
  });
});

describe('client applications', () => {
  test('an environment without a client is refused', () => {
    expect(validateEnvironment({ ...dev, apiClients: [] })).toEqual([
      'dev.apiClients must name at least one client application',
    ]);
  });

  test('a name that cannot name a key, or one used twice, is refused', () => {
    expect(validateEnvironment(withClient(dev, { name: 'Web_App' }))).toEqual([
      'dev.apiClients name "Web_App" must be 1-24 of [a-z0-9-], starting with a letter',
    ]);
    const twice = { ...dev, apiClients: [dev.apiClients[0], { ...dev.apiClients[0], writeSharePercent: 0.5 }] };
    expect(validateEnvironment(twice)).toEqual([
      'dev.apiClients name "developer" is used twice',
      'dev.apiClients writeSharePercent add up to 100.5, more than 100',
    ]);
  });

  test.each([
    [
      { rateLimit: 0, writeRateLimit: 0 },
      [
        'dev.apiClients[developer].rateLimit 0 must be above 0',
        'dev.apiClients[developer].writeRateLimit 0 must be above 0 and at most rateLimit 0',
      ],
    ],
    [{ burstLimit: 10 }, ['dev.apiClients[developer].burstLimit 10 must be a whole number, at least rateLimit 20']],
    [{ quotaPerDay: 1.5 }, ['dev.apiClients[developer].quotaPerDay 1.5 must be a positive whole number']],
    [{ writeRateLimit: 21 }, ['dev.apiClients[developer].writeRateLimit 21 must be above 0 and at most rateLimit 20']],
    [
      { writeBurstLimit: 0 },
      ['dev.apiClients[developer].writeBurstLimit 0 must be a whole number from 1 to burstLimit 40'],
    ],
    [{ writeSharePercent: 0 }, ['dev.apiClients[developer].writeSharePercent 0 must be above 0 and at most 100']],
  ] as [Partial<ApiClientSettings>, string[]][])('%o is refused', (client, problems) => {
    expect(validateEnvironment(withClient(dev, client))).toEqual(problems);
  });

  test("the clients' write shares may not add up to more than the ceiling", () => {
    expect(validateEnvironment(withClient(prod, { writeSharePercent: 80 }))).toEqual([
      'prod.apiClients writeSharePercent add up to 105, more than 100',
    ]);
  });
});

describe('notification protocols', () => {
  test('plain http is refused, with the reason', () => {
    const config = { ...dev, notificationProtocols: ['https', 'http'] } as unknown as EnvironmentConfig;
    expect(validateEnvironment(config)).toEqual([
      'dev.notificationProtocols must not name "http": subscribers would receive appointments unencrypted; use "https"',
    ]);
  });

  test('a name SNS does not know, or one named twice, is refused', () => {
    const config = { ...dev, notificationProtocols: ['pigeon', 'sqs', 'sqs'] } as unknown as EnvironmentConfig;
    expect(validateEnvironment(config)).toEqual([
      'dev.notificationProtocols names "pigeon", not an SNS protocol (email, email-json, https, sqs, lambda, firehose, application, sms)',
      'dev.notificationProtocols names a protocol twice',
    ]);
  });

  test('email subscribers need the email protocol', () => {
    const config: EnvironmentConfig = {
      ...dev,
      notificationEmails: ['ops@example.com'],
      notificationProtocols: ['sqs'],
    };
    expect(validateEnvironment(config)).toEqual([
      'dev.notificationProtocols must include "email": notificationEmails subscribes email addresses',
    ]);
  });
});
