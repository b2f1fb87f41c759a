import { DEFAULT_ENVIRONMENTS, EnvironmentConfig } from '../../config/environments';
import { validateEnvironment } from '../../config/resolve';
import { resourceName, ServiceNaming } from '../../config/naming';

const dev: EnvironmentConfig = { ...DEFAULT_ENVIRONMENTS.dev, name: 'dev' };

describe('validateEnvironment', () => {
  test('the embedded defaults of every environment are valid', () => {
    for (const [name, settings] of Object.entries(DEFAULT_ENVIRONMENTS)) {
      expect(validateEnvironment({ ...settings, name } as EnvironmentConfig)).toEqual([]);
    }
  });

  test('capacity below the floor of 10 is refused', () => {
    const config = { ...dev, tableCapacity: { ...dev.tableCapacity, write: { min: 5, max: 50 } } };
    expect(validateEnvironment(config)).toEqual(['dev.tableCapacity.write.min 5 is below the floor of 10']);
  });

  test('a ceiling below the floor is refused', () => {
    const config = { ...dev, indexCapacity: { ...dev.indexCapacity, read: { min: 20, max: 10 } } };
    expect(validateEnvironment(config)).toEqual(['dev.indexCapacity.read.max 10 is below its min 20']);
  });

  test('a retention CloudWatch Logs does not accept is refused', () => {
    expect(validateEnvironment({ ...dev, logRetentionDays: 10 })).toEqual([
      expect.stringContaining('dev.logRetentionDays 10 is not a value CloudWatch Logs accepts'),
    ]);
  });

  test('a burst below the rate is refused', () => {
    expect(validateEnvironment({ ...dev, api: { ...dev.api, burstLimit: 1 } })).toEqual([
      'dev.api needs rateLimit > 0 and burstLimit >= rateLimit (got 20/1)',
    ]);
  });

  test('a firewall rate limit WAF does not accept is refused', () => {
    expect(validateEnvironment({ ...dev, apiFirewall: { enabled: true, requestsPer5MinutesPerIp: 5 } })).toEqual([
      'dev.apiFirewall.requestsPer5MinutesPerIp 5 must be an integer from 10 to 2000000000',
    ]);
  });

  test('a page-token secret version that is not a positive integer is refused', () => {
    expect(validateEnvironment({ ...dev, pageTokenSecretVersion: 0 })).toEqual([
      'dev.pageTokenSecretVersion 0 must be a positive integer',
    ]);
  });

  test.each([[0], [101], [2.5]])('a limit of %s open bookings per customer is refused', (limit) => {
    expect(validateEnvironment({ ...dev, maxOpenBookingsPerCustomer: limit })).toEqual([
      `dev.maxOpenBookingsPerCustomer ${limit} must be an integer from 1 to 100`,
    ]);
  });

  test('the limits of 1 and 100 open bookings per customer are accepted', () => {
    expect(validateEnvironment({ ...dev, maxOpenBookingsPerCustomer: 1 })).toEqual([]);
    expect(validateEnvironment({ ...dev, maxOpenBookingsPerCustomer: 100 })).toEqual([]);
  });
});

describe('resourceName', () => {
  test('names things ${app}-${env}-${purpose}', () => {
    expect(resourceName('prod', 'appointments')).toBe('appointments-prod-appointments');
  });

  test('refuses a purpose that would make an invalid name', () => {
    expect(() => resourceName('dev', 'Bad Name')).toThrow('Resource name "appointments-dev-Bad Name" is not valid');
  });
});

describe('ServiceNaming', () => {
  test("gives an environment's physical names and its service name", () => {
    const naming = new ServiceNaming('staging');
    expect(naming.name('alarms')).toBe('appointments-staging-alarms');
    expect(naming.serviceName).toBe('appointments-staging');
  });

  test('refuses a purpose that would make an invalid name, as resourceName does', () => {
    expect(() => new ServiceNaming('dev').name('Bad Name')).toThrow(
      'Resource name "appointments-dev-Bad Name" is not valid',
    );
  });
});
