/** RFC 3339 instants at the edges of every field: calendar, clock, offset and fraction. */
import { formatUtc, parseInstant } from '../../src/domain/time';

const epochOf = (text: string) => {
  const parsed = parseInstant(text);
  if (!parsed.ok) throw new Error(`${text}: ${parsed.message}`);
  return parsed.value;
};
const messageOf = (text: string) => {
  const parsed = parseInstant(text);
  return parsed.ok ? 'accepted' : parsed.message;
};

describe('parseInstant at its edges', () => {
  it.each([
    '2026-01-31T00:00:00Z',
    '2026-03-31T00:00:00Z',
    '2026-04-30T00:00:00Z',
    '2026-12-31T23:59:59Z',
    '2000-02-29T00:00:00Z',
    '2024-02-29T00:00:00Z',
    '2026-02-28T00:00:00Z',
    '2026-12-01T09:00:00+23:59',
    '2026-12-01T09:00:00-23:59',
  ])('accepts %s', (text) => {
    expect(messageOf(text)).toBe('accepted');
  });

  it.each([
    ['month 0', '2026-00-10T00:00:00Z'],
    ['month 13', '2026-13-10T00:00:00Z'],
    ['day 0', '2026-12-00T00:00:00Z'],
    ['January 32', '2026-01-32T00:00:00Z'],
    ['June 31', '2026-06-31T00:00:00Z'],
    ['September 31', '2026-09-31T00:00:00Z'],
    ['November 31', '2026-11-31T00:00:00Z'],
    ['February 29 of 1900 (divisible by 100)', '1900-02-29T00:00:00Z'],
    ['February 30 of a leap year', '2028-02-30T00:00:00Z'],
  ])('refuses %s as not a calendar date', (_name, text) => {
    expect(messageOf(text)).toBe('is not a calendar date');
  });

  it.each([
    ['minute 60', '2026-12-01T09:60:00Z'],
    ['hour 24', '2026-12-01T24:00:00Z'],
    ['second 60', '2026-12-01T09:00:60Z'],
  ])('refuses %s as not a valid time of day', (_name, text) => {
    expect(messageOf(text)).toBe('is not a valid time of day');
  });

  it.each([
    ['offset hour 24', '2026-12-01T09:00:00+24:00'],
    ['offset minute 60', '2026-12-01T09:00:00-05:60'],
  ])('refuses %s as an invalid UTC offset', (_name, text) => {
    expect(messageOf(text)).toBe('has an invalid UTC offset');
  });

  it('refuses text that is not RFC 3339, saying what is expected', () => {
    expect(messageOf('2026-12-01T09:00Z')).toBe(
      'must be an RFC 3339 date-time with an explicit offset, like 2026-12-01T09:00:00-08:00 or ...Z',
    );
    expect(messageOf('x2026-12-01T09:00:00Z')).not.toBe('accepted');
    expect(messageOf('2026-12-01T09:00:00Zx')).not.toBe('accepted');
  });

  it('subtracts a positive offset and adds a negative one, hours and minutes both', () => {
    expect(epochOf('2026-12-01T09:00:00+05:45').epochMs).toBe(Date.UTC(2026, 11, 1, 3, 15));
    expect(epochOf('2026-12-01T09:00:00-03:30').epochMs).toBe(Date.UTC(2026, 11, 1, 12, 30));
  });

  it('keeps milliseconds of a fraction (truncating the rest), and says whether it was non-zero', () => {
    expect(epochOf('2026-12-01T09:00:00.5Z')).toEqual({
      epochMs: Date.UTC(2026, 11, 1, 9, 0, 0, 500),
      hasFraction: true,
    });
    expect(epochOf('2026-12-01T09:00:00.1239Z').epochMs).toBe(Date.UTC(2026, 11, 1, 9, 0, 0, 123));
    expect(epochOf('2026-12-01T09:00:00.0001Z')).toEqual({ epochMs: Date.UTC(2026, 11, 1, 9), hasFraction: true });
    expect(epochOf('2026-12-01T09:00:00.000Z')).toEqual({ epochMs: Date.UTC(2026, 11, 1, 9), hasFraction: false });
    expect(epochOf('2026-12-01T09:00:00Z')).toEqual({ epochMs: Date.UTC(2026, 11, 1, 9), hasFraction: false });
  });

  it('reads years below 100 as themselves, not as 19xx', () => {
    expect(new Date(epochOf('0099-03-01T00:00:00Z').epochMs).getUTCFullYear()).toBe(99);
  });
});

describe('formatUtc', () => {
  it('writes UTC with Z and no fraction, truncating to the second', () => {
    expect(formatUtc(Date.UTC(2026, 11, 1, 9, 0, 0, 999))).toBe('2026-12-01T09:00:00Z');
    expect(formatUtc(Date.UTC(2026, 11, 1, 9, 0, 1))).toBe('2026-12-01T09:00:01Z');
  });
});
