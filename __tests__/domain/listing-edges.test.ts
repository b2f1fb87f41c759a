/** List queries at their edges: repeated parameters, the window's bounds, page sizes and tokens. */
import { AppointmentError } from '../../src/domain/errors';
import { parseListQuery } from '../../src/domain/listing';

const NOW = new Date('2026-11-22T03:07:12.345Z');

const detailsOf = (single: Record<string, string>, multi: Record<string, string[]> | null = null) => {
  try {
    parseListQuery(single, multi, NOW);
  } catch (error) {
    return (error as AppointmentError).details;
  }
  return 'accepted';
};

describe('parseListQuery at its edges', () => {
  it('accepts parameters given once in the multi-value map too, and no parameters map at all as none', () => {
    expect(detailsOf({ providerId: 'p' }, { providerId: ['p'] })).toBe('accepted');
    expect(() => parseListQuery(null, null, NOW)).toThrow(AppointmentError);
  });

  it('names every parameter given twice', () => {
    expect(detailsOf({ providerId: 'b' }, { providerId: ['a', 'b'], limit: ['1', '2'], to: ['x'] })).toEqual([
      { path: 'providerId', message: 'must be given only once' },
      { path: 'limit', message: 'must be given only once' },
    ]);
  });

  it('names both selectors when neither is given', () => {
    const message = 'exactly one of providerId and customerId is required';
    expect(detailsOf({})).toEqual([
      { path: 'providerId', message },
      { path: 'customerId', message },
    ]);
  });

  it('runs the default window 7 days from a given from, and rounds both bounds up to the second', () => {
    const query = parseListQuery({ providerId: 'p', from: '2026-12-01T00:00:00.001Z' }, null, NOW);
    expect(query).toMatchObject({
      from: '2026-12-01T00:00:01Z',
      to: '2026-12-08T00:00:01Z',
      given: { from: true, to: false },
    });
    expect(parseListQuery({ providerId: 'p', to: '2026-11-30T00:00:00Z' }, null, NOW).given).toEqual({
      from: false,
      to: true,
    });
  });

  it('refuses a window a second past 31 days with the exact message, and its to before from', () => {
    expect(detailsOf({ providerId: 'p', from: '2026-12-01T00:00:00Z', to: '2027-01-01T00:00:01Z' })).toEqual([
      { path: 'to', message: 'must be at most 31 days after from' },
    ]);
    expect(detailsOf({ providerId: 'p', from: '2026-12-01T00:00:01Z', to: '2026-12-01T00:00:00Z' })).toEqual([
      { path: 'to', message: 'must be after from' },
    ]);
  });

  it('refuses a window that ends after 9999-12-31T23:59:59Z, the last instant RFC 3339 writes, naming the field', () => {
    // Found by the hostile-input fuzzer: a later bound was written "+010000-..." and DynamoDB refused the query.
    expect(detailsOf({ providerId: 'p', from: '9999-12-25T00:00:00Z' })).toEqual([
      { path: 'from', message: 'must be at least 7 days before 9999-12-31T23:59:59Z when to is not given' },
    ]);
    expect(detailsOf({ providerId: 'p', from: '9999-12-30T00:00:00Z', to: '9999-12-31T23:59:59-00:01' })).toEqual([
      { path: 'to', message: 'must be at or before 9999-12-31T23:59:59Z' },
    ]);
    expect(parseListQuery({ providerId: 'p', from: '9999-12-24T23:59:59Z' }, null, NOW).to).toBe(
      '9999-12-31T23:59:59Z',
    );
    expect(
      parseListQuery({ providerId: 'p', from: '9999-12-30T00:00:00Z', to: '9999-12-31T23:59:59Z' }, null, NOW).to,
    ).toBe('9999-12-31T23:59:59Z');
  });

  it('takes page sizes 1 and 100 and refuses 1000 and -1 with the same message', () => {
    expect(parseListQuery({ providerId: 'p', limit: '1' }, null, NOW).limit).toBe(1);
    expect(parseListQuery({ providerId: 'p', limit: '100' }, null, NOW).limit).toBe(100);
    for (const limit of ['1000', '-1', '1.5']) {
      expect(detailsOf({ providerId: 'p', limit })).toEqual([
        { path: 'limit', message: 'must be a whole number from 1 to 100' },
      ]);
    }
  });

  it('passes a page token on, and has no nextToken field without one', () => {
    expect(parseListQuery({ providerId: 'p', nextToken: 'abc.def' }, null, NOW).nextToken).toBe('abc.def');
    expect(Object.keys(parseListQuery({ providerId: 'p' }, null, NOW))).not.toContain('nextToken');
    expect(parseListQuery({ providerId: 'p', includeCancelled: 'false' }, null, NOW).includeCancelled).toBe(false);
  });

  it('refuses an empty page token and one longer than any we issue', () => {
    expect(detailsOf({ providerId: 'p', nextToken: '' })).toEqual([
      { path: 'nextToken', message: 'must not be empty' },
    ]);
    expect(detailsOf({ providerId: 'p', nextToken: 'x'.repeat(2049) })).toEqual([
      { path: 'nextToken', message: 'is not a page token issued for this query' },
    ]);
    expect(detailsOf({ providerId: 'p', nextToken: 'x'.repeat(2048) })).toBe('accepted');
  });
});
