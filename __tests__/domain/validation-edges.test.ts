/** Field rules at their exact limits, and how zod's issues become the contract's details. */
import * as z from 'zod/mini';
import { parseCreateRequest } from '../../src/domain/booking';
import { AppointmentError } from '../../src/domain/errors';
import { addMinutes, bookableStartSchema, parseOrThrow, toDetails } from '../../src/domain/validation';

/** On the 15-minute grid, so that a start can be exactly now or exactly 365 days ahead. */
const NOW = new Date('2026-11-22T03:00:00Z');

const startProblem = (start: string) => {
  const result = bookableStartSchema(NOW).safeParse(start);
  return result.success ? result.data : result.error.issues.map((issue) => issue.message);
};
const detailsOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as AppointmentError).details;
  }
  return 'accepted';
};
const body = (overrides: Record<string, unknown>) => ({
  providerId: 'p',
  customer: { customerId: 'c', name: 'Ada' },
  start: '2026-12-01T09:00:00Z',
  durationMinutes: 30,
  timeZone: 'UTC',
  ...overrides,
});

describe('bookable starts', () => {
  it('accepts the first slot after now and the last slot before 365 days ahead, as UTC', () => {
    expect(startProblem('2026-11-22T03:15:00Z')).toBe('2026-11-22T03:15:00Z');
    expect(startProblem('2027-11-22T03:45:00+01:00')).toBe('2027-11-22T02:45:00Z');
  });

  it.each([
    ['exactly now', '2026-11-22T03:00:00Z', 'must be in the future'],
    // Rule 3 of availability (start < now + bookingWindowDays x 24 h, default 365) refuses the
    // same start, so validation and the booking window never disagree by a slot.
    ['exactly 365 days ahead', '2027-11-22T03:00:00Z', 'must be less than 365 days ahead'],
    ['one slot past 365 days', '2027-11-22T03:15:00Z', 'must be less than 365 days ahead'],
    ['on the grid with a fraction', '2026-12-01T09:00:00.5Z', 'must be on a 15-minute boundary with zero seconds'],
    ['off the grid in the past', '2026-11-01T09:05:00Z', 'must be on a 15-minute boundary with zero seconds'],
    ['not a date', '2026-02-30T09:00:00Z', 'is not a calendar date'],
  ])('refuses a start %s with one message', (_name, start, message) => {
    expect(startProblem(start)).toEqual([message]);
  });
});

describe('durations and names at their limits', () => {
  it('accepts 15 minutes and a 200-character name', () => {
    const request = parseCreateRequest(
      body({ durationMinutes: 15, customer: { customerId: 'c', name: 'n'.repeat(200) } }),
      NOW,
    );
    expect(request.durationMinutes).toBe(15);
    expect(request.customer.name).toHaveLength(200);
  });

  it.each<[unknown, string]>([
    [0, 'must be at least 15'],
    [495, 'must be at most 480'],
    [20, 'must be a multiple of 15'],
    [30.5, 'must be a whole number of minutes'],
  ])('refuses a duration of %p with "%s"', (durationMinutes, message) => {
    expect(detailsOf(() => parseCreateRequest(body({ durationMinutes }), NOW))).toContainEqual({
      path: 'durationMinutes',
      message,
    });
  });
});

describe('addMinutes', () => {
  it('adds minutes to a UTC instant', () => {
    expect(addMinutes('2026-12-31T23:45:00Z', 30)).toBe('2027-01-01T00:15:00Z');
  });
});

describe('issues as details', () => {
  const schema = z.strictObject({
    a: z.string(),
    nested: z.optional(z.strictObject({ b: z.int({ error: 'must be a whole number' }) })),
  });

  it('says "is required" for a missing field and keeps the message of a wrong one, under the prefix', () => {
    expect(detailsOf(() => parseOrThrow(schema, { nested: { b: 'x' } }, 'provider'))).toEqual([
      { path: 'provider.a', message: 'is required' },
      { path: 'provider.nested.b', message: 'must be a whole number' },
    ]);
    // A present value of the wrong type is not "required": it keeps what the schema says of it.
    expect(detailsOf(() => parseOrThrow(schema, { a: 5 }))).toEqual([{ path: 'a', message: 'Invalid input' }]);
  });

  it('names each unknown field at its own path, nested too', () => {
    expect(detailsOf(() => parseOrThrow(schema, { a: 'x', z: 1, nested: { b: 1, y: 2 } }))).toEqual([
      { path: 'nested.y', message: 'is not a known field' },
      { path: 'z', message: 'is not a known field' },
    ]);
  });

  it('names an unknown field whose name is empty by the object that holds it', () => {
    expect(detailsOf(() => parseOrThrow(schema, { a: 'x', '': 1, nested: { b: 1, '': 2 } }))).toEqual([
      { path: 'nested', message: 'is not a known field' },
      { path: 'body', message: 'is not a known field' },
    ]);
    expect(detailsOf(() => parseOrThrow(schema, { a: 'x', nested: { b: 1, '': 2 } }, 'provider'))).toEqual([
      { path: 'provider.nested', message: 'is not a known field' },
    ]);
  });

  it('gives an issue about the whole input the path body, or the prefix', () => {
    expect(detailsOf(() => parseOrThrow(schema, 'text'))).toEqual([{ path: 'body', message: 'must be a JSON object' }]);
    const result = schema.safeParse(null);
    expect(result.success ? 'accepted' : toDetails(result.error, 'provider')).toEqual([
      { path: 'provider', message: 'must be a JSON object' },
    ]);
  });

  it('gives back what the schema parsed', () => {
    expect(parseOrThrow(schema, { a: 'x' })).toEqual({ a: 'x' });
  });
});
