import { formatUtc, parseInstant } from '../../src/domain/time';

const utcOf = (text: string) => {
  const parsed = parseInstant(text);
  return parsed.ok ? formatUtc(parsed.value.epochMs) : `invalid: ${parsed.message}`;
};

describe('RFC 3339 instants', () => {
  it.each([
    ['2026-12-01T09:00:00-08:00', '2026-12-01T17:00:00Z'],
    ['2026-12-01T09:00:00Z', '2026-12-01T09:00:00Z'],
    ['2026-12-01t09:00:00z', '2026-12-01T09:00:00Z'],
    ['2026-12-01T09:00:00+05:45', '2026-12-01T03:15:00Z'],
    ['2026-12-01T09:00:00-00:00', '2026-12-01T09:00:00Z'],
    ['2026-12-31T23:00:00-02:00', '2027-01-01T01:00:00Z'],
    ['2028-02-29T12:00:00Z', '2028-02-29T12:00:00Z'],
    ['2026-12-01T09:00:00.999Z', '2026-12-01T09:00:00Z'],
  ])('normalises %s to %s', (text, expected) => {
    expect(utcOf(text)).toBe(expected);
  });

  it.each([
    ['no offset', '2026-12-01T09:00:00'],
    ['a date only', '2026-12-01'],
    ['February 29 of a common year', '2027-02-29T09:00:00Z'],
    ['April 31', '2026-04-31T09:00:00Z'],
    ['hour 24', '2026-12-01T24:00:00Z'],
    ['a leap second', '2026-12-31T23:59:60Z'],
    ['an offset beyond 23:59', '2026-12-01T09:00:00+24:00'],
    ['a space instead of T', '2026-12-01 09:00:00Z'],
  ])('refuses %s', (_name, text) => {
    expect(utcOf(text)).toMatch(/^invalid: /);
  });
});
