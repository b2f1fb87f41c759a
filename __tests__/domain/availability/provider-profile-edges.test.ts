/** A provider profile request at the edges of its text formats and of each rule. */
import { parseProviderProfileRequest } from '../../../src/domain/availability/provider-profile';
import { AppointmentError } from '../../../src/domain/errors';

const minimal = () => ({ name: 'Dr. Lee', timeZone: 'UTC', weeklyHours: {} });
const monday = (...intervals: unknown[]) => ({ ...minimal(), weeklyHours: { MON: intervals } });

function detailsOf(body: unknown) {
  try {
    parseProviderProfileRequest(body);
  } catch (error) {
    expect(error).toBeInstanceOf(AppointmentError);
    return (error as AppointmentError).details ?? [];
  }
  throw new Error('expected a validation error');
}

const NOT_A_TIME = 'must be a time of day HH:MM from 00:00 to 24:00, like 09:00';
const OFF_BOUNDARY = 'must be on a 15-minute boundary (:00, :15, :30 or :45)';
const NOT_A_DATE = 'must be a date YYYY-MM-DD, like 2026-12-24';

describe('times of day at their edges', () => {
  it.each([
    ['a prefix', 'T09:00', NOT_A_TIME],
    ['a leading space', ' 09:00', NOT_A_TIME],
    ['three hour digits', '009:00', NOT_A_TIME],
    ['seconds', '09:00:00', NOT_A_TIME],
    ['a trailing space', '09:00 ', NOT_A_TIME],
    ['minute 59', '09:59', OFF_BOUNDARY],
  ])('refuses a start with %s (%j)', (_, start, message) => {
    expect(detailsOf(monday({ start, end: '23:00' }))).toEqual([{ path: 'weeklyHours.MON[0].start', message }]);
  });

  it('accepts the first and last times of a day: 00:00, 23:45 and 24:00 as an end', () => {
    const profile = parseProviderProfileRequest(
      monday({ start: '00:00', end: '23:45' }, { start: '23:45', end: '24:00' }),
    );
    expect(profile.weeklyHours.MON).toEqual([
      { start: '00:00', end: '23:45' },
      { start: '23:45', end: '24:00' },
    ]);
  });

  it('refuses an end before the start by its minutes, not only its hours', () => {
    expect(detailsOf(monday({ start: '09:30', end: '09:15' }))).toEqual([
      { path: 'weeklyHours.MON[0].end', message: 'must be after start' },
    ]);
  });

  it('checks each interval against the one before it, not only the first two', () => {
    const body = monday(
      { start: '08:00', end: '09:00' },
      { start: '09:00', end: '10:00' },
      { start: '11:00', end: '12:00' },
      { start: '11:30', end: '13:00' },
    );
    expect(detailsOf(body)).toEqual([
      {
        path: 'weeklyHours.MON[3].start',
        message:
          'must be at or after 12:00, the end of the interval before it (intervals are sorted and do not overlap)',
      },
    ]);
  });
});

describe('override dates at their edges', () => {
  it.each([' 2026-12-24', 'x2026-12-24', '2026-12-24 ', '2026-12-4', '+2026-12-24'])(
    'refuses %j as not a date',
    (date) => {
      expect(detailsOf({ ...minimal(), dateOverrides: [{ date, intervals: [] }] })).toEqual([
        { path: 'dateOverrides[0].date', message: NOT_A_DATE },
      ]);
    },
  );

  it('accepts 200 distinct dates and names only the repeats of a date', () => {
    const dates = ['2026-12-24', '2026-12-25', '2026-12-24', '2026-12-26', '2026-12-25'];
    expect(detailsOf({ ...minimal(), dateOverrides: dates.map((date) => ({ date, intervals: [] })) })).toEqual([
      {
        path: 'dateOverrides[2].date',
        message: 'repeats the date of dateOverrides[0]; each date may be overridden once',
      },
      {
        path: 'dateOverrides[4].date',
        message: 'repeats the date of dateOverrides[1]; each date may be overridden once',
      },
    ]);
  });
});

describe('the profile a request gives', () => {
  it('keeps every value it was given in place of the defaults', () => {
    const profile = parseProviderProfileRequest({
      ...minimal(),
      dateOverrides: [{ date: '2026-12-24', intervals: [] }],
      bufferBeforeMinutes: 30,
      bufferAfterMinutes: 45,
      minimumNoticeMinutes: 1,
      bookingWindowDays: 2,
      maxBookingsPerDay: 1,
    });
    expect(profile).toStrictEqual({
      name: 'Dr. Lee',
      timeZone: 'UTC',
      weeklyHours: {},
      dateOverrides: [{ date: '2026-12-24', intervals: [] }],
      bufferBeforeMinutes: 30,
      bufferAfterMinutes: 45,
      minimumNoticeMinutes: 1,
      bookingWindowDays: 2,
      maxBookingsPerDay: 1,
    });
  });
});
