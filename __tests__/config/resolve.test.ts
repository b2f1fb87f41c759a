import { ConfigError, resolveConfig } from '../../config/resolve';

describe('resolveConfig', () => {
  test('with no variables it gives every environment in us-west-1 with the placeholder account', () => {
    const config = resolveConfig({});
    expect(config.environments.map((e) => e.name)).toEqual(['dev', 'staging', 'prod']);
    expect(config.environments.every((e) => e.region === 'us-west-1')).toBe(true);
    expect(config.state).toEqual({
      accountId: '123456789012',
      region: 'us-west-1',
      bucket: 'appointments-tfstate-123456789012-us-west-1',
    });
  });

  test('only prod protects its stateful resources', () => {
    const protectedEnvs = resolveConfig({}).environments.filter((e) => e.protectStatefulResources);
    expect(protectedEnvs.map((e) => e.name)).toEqual(['prod']);
  });

  test('an unknown environment fails with a message that names it', () => {
    expect(() => resolveConfig({ APPOINTMENTS_ENVIRONMENTS: 'dev,qa' })).toThrow(
      'APPOINTMENTS_ENVIRONMENTS names unknown environment "qa"; expected one of dev, staging, prod',
    );
  });

  test('a bad region fails with a message that names the setting and the value', () => {
    expect(() => resolveConfig({ APPOINTMENTS_DEV_REGION: 'us-west-9' })).toThrow(
      /dev\.region "us-west-9" is not a supported region/,
    );
  });

  test('a malformed account id fails and names the environment', () => {
    expect(() => resolveConfig({ APPOINTMENTS_PROD_ACCOUNT_ID: '12345' })).toThrow(
      'prod.accountId "12345" is not a 12-digit AWS account id',
    );
  });

  test('every problem is reported at once', () => {
    let error: unknown;
    try {
      resolveConfig({
        APPOINTMENTS_DEV_REGION: 'mars-1',
        TF_STATE_BUCKET: 'Bad_Bucket',
        APPOINTMENTS_DEV_ALARM_EMAILS: 'not-an-email',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      expect.stringContaining('dev.region "mars-1"'),
      'dev: "not-an-email" is not an email address',
      // The state region follows the first environment's unless TF_STATE_REGION says otherwise.
      expect.stringContaining('TF_STATE_REGION "mars-1"'),
      'TF_STATE_BUCKET "Bad_Bucket" is not a valid S3 bucket name',
    ]);
  });

  test('environment variables override account, region, alarm emails and state location', () => {
    const config = resolveConfig({
      APPOINTMENTS_ENVIRONMENTS: 'staging',
      APPOINTMENTS_STAGING_ACCOUNT_ID: '210987654321',
      APPOINTMENTS_STAGING_REGION: 'eu-west-1',
      APPOINTMENTS_STAGING_ALARM_EMAILS: 'ops@example.com, oncall@example.com',
      TF_STATE_BUCKET: 'my-state',
      TF_STATE_REGION: 'eu-west-1',
    });
    expect(config.environments).toHaveLength(1);
    expect(config.environments[0]).toMatchObject({
      name: 'staging',
      accountId: '210987654321',
      region: 'eu-west-1',
      alarms: { emails: ['ops@example.com', 'oncall@example.com'] },
    });
    expect(config.state).toEqual({ bucket: 'my-state', region: 'eu-west-1', accountId: '210987654321' });
  });

  test("a variable replaces only its own setting: prod's alarm emails change, its alarm thresholds stay", () => {
    const [prod] = resolveConfig({
      APPOINTMENTS_ENVIRONMENTS: 'prod',
      APPOINTMENTS_PROD_ALARM_EMAILS: 'ops@example.com',
    }).environments;
    expect(prod.alarms).toEqual({
      emails: ['ops@example.com'],
      conflictsPer5Minutes: 100,
      apiLatencyP99Ms: 1_500,
      firewallBlocksPer5Minutes: 100,
    });
    expect(prod.accountId).toBe('123456789012');
  });
});
