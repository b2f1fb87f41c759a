import { formatLocalDate, minutesOfDay, parseLocalDate, weekdayOf } from '../../../src/domain/availability/local-date';

const DAY_MS = 86_400_000;

describe('calendar dates without a zone', () => {
  it('reads a YYYY-MM-DD date as its midnight in local milliseconds', () => {
    expect(parseLocalDate('1970-01-01')).toBe(0);
    expect(parseLocalDate('2026-12-24')).toBe(Date.parse('2026-12-24T00:00:00Z'));
    expect(parseLocalDate('0001-01-01')).toBe(Date.parse('0001-01-01T00:00:00Z'));
  });

  it.each(['2026-12-24x', 'x2026-12-24', ' 2026-12-24', '2026-12-24T00:00', '2026-1-24', '26-12-24', '2026/12/24', ''])(
    'gives undefined for %j, which is not a YYYY-MM-DD date',
    (text) => {
      expect(parseLocalDate(text)).toBeUndefined();
    },
  );

  it.each(['2026-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-12-00', '2026-12-32'])(
    'gives undefined for %s, which is not a calendar date',
    (text) => {
      expect(parseLocalDate(text)).toBeUndefined();
    },
  );

  it('writes the date that local milliseconds fall on, padded', () => {
    expect(formatLocalDate(Date.parse('2026-12-24T23:59:59.999Z'))).toBe('2026-12-24');
    expect(formatLocalDate(Date.parse('2026-12-24T00:00:00Z'))).toBe('2026-12-24');
    expect(formatLocalDate(Date.parse('0007-02-03T12:00:00Z'))).toBe('0007-02-03');
    expect(formatLocalDate(Date.parse('1969-12-31T18:00:00Z'))).toBe('1969-12-31');
    expect(formatLocalDate(-DAY_MS)).toBe('1969-12-31');
  });

  it('names the weekday of each day of a week, Monday first', () => {
    const monday = parseLocalDate('2026-11-30') as number;
    const names = Array.from({ length: 7 }, (_, index) => weekdayOf(monday + index * DAY_MS + 12 * 3_600_000));
    expect(names).toEqual(['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN']);
  });

  it('counts the minutes of a time of day, 24:00 included, and NaN for any other shape', () => {
    expect(minutesOfDay('00:00')).toBe(0);
    expect(minutesOfDay('09:45')).toBe(585);
    expect(minutesOfDay('24:00')).toBe(1440);
    for (const text of ['9:45', '09:45:00', ' 09:45', '0945', '09-45', '']) expect(minutesOfDay(text)).toBeNaN();
  });
});
