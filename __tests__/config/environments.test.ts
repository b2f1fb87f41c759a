import {
  BASE_ENVIRONMENT,
  DEFAULT_ENVIRONMENTS,
  ENVIRONMENT_NAMES,
  ENVIRONMENT_OVERRIDES,
} from '../../config/environments';
import { applyOverrides } from '../../config/overrides';

/** Every `path = value` leaf of a settings object (lists count as one value). */
function leaves(value: unknown, at = ''): [string, unknown][] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [[at, value]];
  return Object.entries(value).flatMap(([k, v]) => leaves(v, at ? `${at}.${k}` : k));
}

describe('applyOverrides', () => {
  const base = {
    level: 'INFO',
    limits: { rate: 1, burst: 2 },
    emails: ['a@example.com'],
    reserved: 5 as number | undefined,
  };

  test('a nested override changes only the settings it names', () => {
    expect(applyOverrides(base, { limits: { burst: 9 } })).toEqual({ ...base, limits: { rate: 1, burst: 9 } });
  });

  test('a list is replaced whole, not merged', () => {
    expect(applyOverrides(base, { emails: ['b@example.com'] }).emails).toEqual(['b@example.com']);
    expect(applyOverrides(base, { emails: [] }).emails).toEqual([]);
  });

  test('an override stated as undefined clears the setting', () => {
    const result = applyOverrides(base, { reserved: undefined });
    expect(result).toHaveProperty('reserved', undefined);
  });

  test('the base is left as it was', () => {
    applyOverrides(base, { level: 'ERROR', limits: { rate: 7 } });
    expect(base).toEqual({ level: 'INFO', limits: { rate: 1, burst: 2 }, emails: ['a@example.com'], reserved: 5 });
  });
});

describe('environments as a base plus overrides', () => {
  test('no environment restates a setting of the base', () => {
    const base = new Map(leaves(BASE_ENVIRONMENT));
    for (const name of ENVIRONMENT_NAMES) {
      const restated = leaves(ENVIRONMENT_OVERRIDES[name]).filter(
        ([at, value]) => at !== '' && JSON.stringify(base.get(at)) === JSON.stringify(value),
      );
      expect({ [name]: restated.map(([at]) => at) }).toEqual({ [name]: [] });
    }
  });

  test('every environment has every setting of the base, and nothing the base lacks', () => {
    for (const name of ENVIRONMENT_NAMES) {
      expect(leaves(DEFAULT_ENVIRONMENTS[name]).map(([at]) => at)).toEqual(leaves(BASE_ENVIRONMENT).map(([at]) => at));
    }
  });

  test('dev is capped below the base, keeping the base floor and target', () => {
    expect(DEFAULT_ENVIRONMENTS.dev.tableCapacity).toEqual({
      read: { min: 10, max: 50 },
      write: { min: 10, max: 60 },
      targetUtilization: 70,
    });
    expect(DEFAULT_ENVIRONMENTS.dev.alarms).toEqual({
      emails: [],
      conflictsPer5Minutes: 50,
      apiLatencyP99Ms: 3_000,
      firewallBlocksPer5Minutes: 100,
    });
  });

  test('staging is the base: prod capacity ceilings, so load tests reproduce prod', () => {
    expect(DEFAULT_ENVIRONMENTS.staging).toEqual(BASE_ENVIRONMENT);
    expect(DEFAULT_ENVIRONMENTS.staging.indexCapacity).toEqual(DEFAULT_ENVIRONMENTS.prod.indexCapacity);
  });

  test('prod protects its data, logs for a year, reserves concurrency and keeps the base alarm emails', () => {
    expect(DEFAULT_ENVIRONMENTS.prod).toMatchObject({
      protectStatefulResources: true,
      logRetentionDays: 365,
      apiExecutionLogLevel: 'ERROR',
      apiReservedConcurrency: 50,
      alarms: { emails: [], conflictsPer5Minutes: 100, apiLatencyP99Ms: 1_500 },
    });
  });
});
