import { AppointmentError } from '../../src/domain/errors';
import { parseListQuery } from '../../src/domain/listing';

const NOW = new Date('2026-11-22T03:07:12.345Z');

function failure(single: Record<string, string>, multi: Record<string, string[]> | null = null) {
  try {
    parseListQuery(single, multi, NOW);
  } catch (error) {
    return (error as AppointmentError).details;
  }
  throw new Error('expected a validation error');
}

describe('list query rules', () => {
  it('defaults to the next 7 days from now, 50 items, confirmed only', () => {
    const query = parseListQuery({ providerId: 'p' }, null, NOW);
    expect(query).toMatchObject({
      selector: { kind: 'provider', id: 'p' },
      from: '2026-11-22T03:07:13Z',
      to: '2026-11-29T03:07:13Z',
      limit: 50,
      includeCancelled: false,
      given: { from: false, to: false },
    });
  });

  it('normalises from and to to UTC', () => {
    const query = parseListQuery(
      {
        customerId: 'c',
        from: '2026-12-01T00:00:00-08:00',
        to: '2026-12-02T00:00:00+01:00',
        limit: '100',
        includeCancelled: 'true',
      },
      null,
      NOW,
    );
    expect(query).toMatchObject({
      selector: { kind: 'customer', id: 'c' },
      from: '2026-12-01T08:00:00Z',
      to: '2026-12-01T23:00:00Z',
      limit: 100,
      includeCancelled: true,
    });
  });

  it.each<[string, Record<string, string>, string, RegExp]>([
    ['no selector', {}, 'providerId', /exactly one/],
    ['both selectors', { providerId: 'p', customerId: 'c' }, 'customerId', /exactly one/],
    ['from without offset', { providerId: 'p', from: '2026-12-01T00:00:00' }, 'from', /offset/],
    [
      'from equal to to',
      { providerId: 'p', from: '2026-12-01T00:00:00Z', to: '2026-12-01T00:00:00Z' },
      'to',
      /after from/,
    ],
    [
      'to before from',
      { providerId: 'p', from: '2026-12-02T00:00:00Z', to: '2026-12-01T00:00:00Z' },
      'to',
      /after from/,
    ],
    [
      'a window of 31 days and 1 second',
      { providerId: 'p', from: '2026-12-01T00:00:00Z', to: '2027-01-01T00:00:01Z' },
      'to',
      /31 days/,
    ],
    ['limit 0', { providerId: 'p', limit: '0' }, 'limit', /1 to 100/],
    ['limit 101', { providerId: 'p', limit: '101' }, 'limit', /1 to 100/],
    ['limit abc', { providerId: 'p', limit: 'abc' }, 'limit', /1 to 100/],
    ['includeCancelled yes', { providerId: 'p', includeCancelled: 'yes' }, 'includeCancelled', /true or false/],
    ['an unknown parameter', { providerId: 'p', sort: 'desc' }, 'sort', /not a known field/],
  ])('refuses %s with a detail at %s', (_name, params, path, message) => {
    expect(failure(params)).toContainEqual({ path, message: expect.stringMatching(message) });
  });

  it('accepts a window of exactly 31 days', () => {
    expect(() =>
      parseListQuery({ providerId: 'p', from: '2026-12-01T00:00:00Z', to: '2027-01-01T00:00:00Z' }, null, NOW),
    ).not.toThrow();
  });

  it('refuses a doubled selector given as ?providerId=a&providerId=b', () => {
    expect(failure({ providerId: 'b' }, { providerId: ['a', 'b'] })).toEqual([
      { path: 'providerId', message: 'must be given only once' },
    ]);
  });
});
