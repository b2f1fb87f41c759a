import { parseProviderProfileRequest } from '../../../src/domain/availability/provider-profile';
import { AppointmentError } from '../../../src/domain/errors';

/** The contract's example body for `PUT /providers/{providerId}`. */
const contractExample = () => ({
  name: 'Dr. Lee',
  timeZone: 'America/Los_Angeles',
  weeklyHours: {
    MON: [
      { start: '09:00', end: '12:00' },
      { start: '13:00', end: '17:00' },
    ],
    TUE: [{ start: '09:00', end: '17:00' }],
  },
  dateOverrides: [
    { date: '2026-12-24', intervals: [] },
    { date: '2026-12-27', intervals: [{ start: '10:00', end: '14:00' }] },
  ],
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 15,
  minimumNoticeMinutes: 120,
  bookingWindowDays: 60,
  maxBookingsPerDay: 12,
});

const minimal = () => ({ name: 'Dr. Lee', timeZone: 'UTC', weeklyHours: {} });

function detailsOf(body: unknown) {
  try {
    parseProviderProfileRequest(body);
  } catch (error) {
    expect(error).toBeInstanceOf(AppointmentError);
    expect((error as AppointmentError).code).toBe('VALIDATION_ERROR');
    return (error as AppointmentError).details ?? [];
  }
  throw new Error('expected a validation error');
}

const monday = (...intervals: unknown[]) => ({ ...minimal(), weeklyHours: { MON: intervals } });

describe('a provider profile request', () => {
  it('accepts the contract example as it is, with the zone in its canonical spelling', () => {
    // Act
    const profile = parseProviderProfileRequest({ ...contractExample(), timeZone: 'america/los_angeles' });
    // Assess
    expect(profile).toEqual(contractExample());
  });

  it('fills the defaults: no overrides, no buffers, no notice, a 365-day window and no daily limit key', () => {
    const profile = parseProviderProfileRequest({ ...minimal(), name: '  Dr. Lee  ' });
    expect(profile).toEqual({
      name: 'Dr. Lee',
      timeZone: 'UTC',
      weeklyHours: {},
      dateOverrides: [],
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 0,
      minimumNoticeMinutes: 0,
      bookingWindowDays: 365,
    });
    expect(Object.keys(profile)).not.toContain('maxBookingsPerDay');
  });

  it('accepts the limits: 8 touching intervals ending at 24:00, 200 overrides, buffers of 120, notice of 43200, window 1, limit 200', () => {
    const eight = Array.from({ length: 8 }, (_, index) => ({
      start: `${String(16 + index).padStart(2, '0')}:00`,
      end: index === 7 ? '24:00' : `${String(17 + index).padStart(2, '0')}:00`,
    }));
    const overrides = Array.from({ length: 200 }, (_, index) => ({
      date: new Date(Date.UTC(2027, 0, 1 + index)).toISOString().slice(0, 10),
      intervals: [],
    }));
    const body = {
      ...monday(...eight),
      dateOverrides: overrides,
      bufferBeforeMinutes: 120,
      bufferAfterMinutes: 120,
      minimumNoticeMinutes: 43200,
      bookingWindowDays: 1,
      maxBookingsPerDay: 200,
    };
    expect(parseProviderProfileRequest(body)).toMatchObject({ weeklyHours: { MON: eight }, maxBookingsPerDay: 200 });
    expect(parseProviderProfileRequest({ ...body, bookingWindowDays: 365, maxBookingsPerDay: 1 })).toMatchObject({
      bookingWindowDays: 365,
      maxBookingsPerDay: 1,
    });
  });

  it('accepts 2028-02-29 (a leap day) as an override date', () => {
    const body = { ...minimal(), dateOverrides: [{ date: '2028-02-29', intervals: [] }] };
    expect(parseProviderProfileRequest(body).dateOverrides).toEqual([{ date: '2028-02-29', intervals: [] }]);
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ['a missing name', { name: undefined }, 'name', 'is required'],
    ['a blank name', { name: '   ' }, 'name', 'must not be blank'],
    ['a name of 201 characters', { name: 'n'.repeat(201) }, 'name', 'must be at most 200 characters'],
    ['a name with a control character', { name: 'Dr.\u0007Lee' }, 'name', 'must not contain control characters'],
    ['a missing time zone', { timeZone: undefined }, 'timeZone', 'is required'],
    [
      'an offset as time zone',
      { timeZone: '+05:00' },
      'timeZone',
      'must be an IANA time zone name, like America/Los_Angeles',
    ],
    ['missing weekly hours', { weeklyHours: undefined }, 'weeklyHours', 'is required'],
    [
      'weekly hours as a list',
      { weeklyHours: [] },
      'weeklyHours',
      'must be an object with keys among MON, TUE, WED, THU, FRI, SAT, SUN',
    ],
    ['a day that is not MON..SUN', { weeklyHours: { MONDAY: [] } }, 'weeklyHours.MONDAY', 'is not a known field'],
    ['a day that is not a list', { weeklyHours: { MON: null } }, 'weeklyHours.MON', 'must be a list of intervals'],
    [
      'an interval that is not an object',
      { weeklyHours: { MON: ['09:00'] } },
      'weeklyHours.MON[0]',
      'must be an object with start and end',
    ],
    [
      'an interval with a third field',
      { weeklyHours: { MON: [{ start: '09:00', end: '10:00', note: 'x' }] } },
      'weeklyHours.MON[0].note',
      'is not a known field',
    ],
    [
      'an interval without end',
      { weeklyHours: { MON: [{ start: '09:00' }] } },
      'weeklyHours.MON[0].end',
      'is required',
    ],
    [
      'a start as a number',
      { weeklyHours: { MON: [{ start: 900, end: '10:00' }] } },
      'weeklyHours.MON[0].start',
      'must be a time of day HH:MM, like 09:00',
    ],
  ])('refuses %s at %s', (_name, change, path, message) => {
    expect(detailsOf({ ...minimal(), ...change })).toEqual([{ path, message }]);
  });

  it.each<[string, unknown, string, string]>([
    [
      '9:00 (one hour digit)',
      { start: '9:00', end: '10:00' },
      'start',
      'must be a time of day HH:MM from 00:00 to 24:00, like 09:00',
    ],
    ['09:60', { start: '09:60', end: '10:00' }, 'start', 'must be a time of day HH:MM from 00:00 to 24:00, like 09:00'],
    ['25:00', { start: '09:00', end: '25:00' }, 'end', 'must be a time of day HH:MM from 00:00 to 24:00, like 09:00'],
    ['24:15', { start: '09:00', end: '24:15' }, 'end', 'must be a time of day HH:MM from 00:00 to 24:00, like 09:00'],
    ['09:10', { start: '09:10', end: '10:00' }, 'start', 'must be on a 15-minute boundary (:00, :15, :30 or :45)'],
    ['a start of 24:00', { start: '24:00', end: '24:00' }, 'start', 'must be before 24:00 (only an end may be 24:00)'],
    ['end equal to start', { start: '10:00', end: '10:00' }, 'end', 'must be after start'],
    ['end before start', { start: '10:00', end: '09:45' }, 'end', 'must be after start'],
    [
      'both refused',
      { start: '24:45', end: '25:00' },
      'start',
      'must be a time of day HH:MM from 00:00 to 24:00, like 09:00',
    ],
  ])(
    'refuses the time %s at weeklyHours.MON[0].<field> with its own sentence, and no other',
    (_name, interval, field, message) => {
      const details = detailsOf(monday(interval));
      expect(details).toContainEqual({ path: `weeklyHours.MON[0].${field}`, message });
      // A time already refused adds no "must be after start" of its own.
      expect(details.filter((detail) => 'message' in detail && detail.message === 'must be after start').length).toBe(
        message === 'must be after start' ? 1 : 0,
      );
    },
  );

  it('refuses an overlapping second interval at weeklyHours.MON[1].start, the contract example path', () => {
    const body = monday({ start: '09:00', end: '12:00' }, { start: '11:45', end: '17:00' });
    expect(detailsOf(body)).toEqual([
      {
        path: 'weeklyHours.MON[1].start',
        message:
          'must be at or after 12:00, the end of the interval before it (intervals are sorted and do not overlap)',
      },
    ]);
  });

  it('refuses unsorted intervals with the same sentence, and accepts touching ones', () => {
    const unsorted = monday({ start: '13:00', end: '17:00' }, { start: '09:00', end: '12:00' });
    expect(detailsOf(unsorted)).toEqual([
      {
        path: 'weeklyHours.MON[1].start',
        message:
          'must be at or after 17:00, the end of the interval before it (intervals are sorted and do not overlap)',
      },
    ]);
    const touching = monday({ start: '09:00', end: '12:00' }, { start: '12:00', end: '17:00' });
    expect(parseProviderProfileRequest(touching).weeklyHours.MON).toHaveLength(2);
  });

  it('refuses a ninth interval in a day', () => {
    const nine = Array.from({ length: 9 }, (_, index) => ({ start: `0${index}:00`, end: `0${index}:30` }));
    expect(detailsOf(monday(...nine))).toEqual([{ path: 'weeklyHours.MON', message: 'must hold at most 8 intervals' }]);
  });

  it.each<[string, unknown, string, string]>([
    [
      'a date without dashes',
      [{ date: '20261224', intervals: [] }],
      'dateOverrides[0].date',
      'must be a date YYYY-MM-DD, like 2026-12-24',
    ],
    [
      'a date with a time',
      [{ date: '2026-12-24T00:00', intervals: [] }],
      'dateOverrides[0].date',
      'must be a date YYYY-MM-DD, like 2026-12-24',
    ],
    [
      'a date as a number',
      [{ date: 20261224, intervals: [] }],
      'dateOverrides[0].date',
      'must be a date YYYY-MM-DD, like 2026-12-24',
    ],
    ['February 30', [{ date: '2026-02-30', intervals: [] }], 'dateOverrides[0].date', 'is not a calendar date'],
    [
      'February 29 of a common year',
      [{ date: '2027-02-29', intervals: [] }],
      'dateOverrides[0].date',
      'is not a calendar date',
    ],
    ['month 13', [{ date: '2026-13-01', intervals: [] }], 'dateOverrides[0].date', 'is not a calendar date'],
    ['an override without intervals', [{ date: '2026-12-24' }], 'dateOverrides[0].intervals', 'is required'],
    ['overrides as an object', { '2026-12-24': [] }, 'dateOverrides', 'must be a list of date overrides'],
    [
      'a repeated date',
      [
        { date: '2026-12-24', intervals: [] },
        { date: '2026-12-25', intervals: [] },
        { date: '2026-12-24', intervals: [{ start: '10:00', end: '11:00' }] },
      ],
      'dateOverrides[2].date',
      'repeats the date of dateOverrides[0]; each date may be overridden once',
    ],
    [
      'an override interval with its end first',
      [
        {
          date: '2026-12-24',
          intervals: [
            { start: '10:00', end: '11:00' },
            { start: '10:30', end: '12:00' },
          ],
        },
      ],
      'dateOverrides[0].intervals[1].start',
      'must be at or after 11:00, the end of the interval before it (intervals are sorted and do not overlap)',
    ],
  ])('refuses %s at %s', (_name, dateOverrides, path, message) => {
    expect(detailsOf({ ...minimal(), dateOverrides })).toEqual([{ path, message }]);
  });

  it('refuses a 201st date override', () => {
    const overrides = Array.from({ length: 201 }, (_, index) => ({
      date: new Date(Date.UTC(2027, 0, 1 + index)).toISOString().slice(0, 10),
      intervals: [],
    }));
    expect(detailsOf({ ...minimal(), dateOverrides: overrides })).toEqual([
      { path: 'dateOverrides', message: 'must hold at most 200 date overrides' },
    ]);
  });

  it.each<[string, number | string | null, string]>([
    ['bufferBeforeMinutes', 10, 'must be a multiple of 15'],
    ['bufferBeforeMinutes', -15, 'must be at least 0'],
    ['bufferAfterMinutes', 135, 'must be at most 120'],
    ['bufferAfterMinutes', '15', 'must be a whole number of minutes'],
    ['minimumNoticeMinutes', 43201, 'must be at most 43200'],
    ['minimumNoticeMinutes', -1, 'must be at least 0'],
    ['minimumNoticeMinutes', 1.5, 'must be a whole number of minutes'],
    ['bookingWindowDays', 0, 'must be at least 1'],
    ['bookingWindowDays', 366, 'must be at most 365'],
    ['bookingWindowDays', null, 'must be a whole number of days'],
    ['maxBookingsPerDay', 0, 'must be at least 1'],
    ['maxBookingsPerDay', 201, 'must be at most 200'],
    ['maxBookingsPerDay', null, 'must be a whole number of bookings'],
  ])('refuses %s of %p: "%s"', (field, value, message) => {
    expect(detailsOf({ ...minimal(), [field]: value })).toEqual([{ path: field, message }]);
  });

  it('refuses unknown fields, such as providerId in the body', () => {
    expect(detailsOf({ ...minimal(), providerId: 'p', version: 3 })).toEqual([
      { path: 'providerId', message: 'is not a known field' },
      { path: 'version', message: 'is not a known field' },
    ]);
  });

  it('lists every failed field at once and calls a body that is not an object "body"', () => {
    const details = detailsOf({ name: '', timeZone: 'Nowhere', weeklyHours: { SUN: [{ start: '9', end: '10' }] } });
    expect(details.map((detail) => ('path' in detail ? detail.path : detail.reason))).toEqual([
      'name',
      'timeZone',
      'weeklyHours.SUN[0].start',
      'weeklyHours.SUN[0].end',
    ]);
    expect(detailsOf([minimal()])).toEqual([{ path: 'body', message: 'must be a JSON object' }]);
  });
});
