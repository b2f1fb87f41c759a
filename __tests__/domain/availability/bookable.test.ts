import { checkAvailability, dailyLimitDate, paddedInterval } from '../../../src/domain/availability/bookable';
import { parseProviderProfileRequest, ProviderProfile } from '../../../src/domain/availability/provider-profile';

const MINUTE_MS = 60_000;
const utc = (text: string) => Date.parse(text);
/** `[start, start + minutes)` from an RFC 3339 start. */
const interval = (start: string, minutes: number) => ({ startMs: utc(start), endMs: utc(start) + minutes * MINUTE_MS });
const hours = (start: string, end: string) => ({ start, end });

function profile(fields: Record<string, unknown>): ProviderProfile {
  return parseProviderProfileRequest({ name: 'Dr. Lee', timeZone: 'UTC', weeklyHours: {}, ...fields });
}

const LONG_AGO = new Date('2026-01-01T00:00:00Z');
const verdict = (p: ProviderProfile, start: string, minutes: number, now = LONG_AGO) =>
  checkAvailability(p, now, interval(start, minutes));
const OK = { ok: true };
const OUTSIDE = { ok: false, reason: 'OUTSIDE_WORKING_HOURS' };

describe('rule 1, working hours', () => {
  // 2026-11-30 is a Monday.
  const weekdays = profile({
    weeklyHours: {
      MON: [hours('09:00', '12:00'), hours('12:00', '17:00')],
      TUE: [hours('09:00', '12:00'), hours('12:15', '17:00')],
    },
  });

  it('accepts an interval that ends exactly where the stretch ends, and refuses one that starts before it opens', () => {
    expect(verdict(weekdays, '2026-11-30T16:30:00Z', 30)).toEqual(OK);
    expect(verdict(weekdays, '2026-11-30T16:45:00Z', 30)).toEqual(OUTSIDE);
    expect(verdict(weekdays, '2026-11-30T09:00:00Z', 15)).toEqual(OK);
    expect(verdict(weekdays, '2026-11-30T08:45:00Z', 30)).toEqual(OUTSIDE);
  });

  it('joins touching intervals into one stretch, and not intervals 15 minutes apart', () => {
    expect(verdict(weekdays, '2026-11-30T11:30:00Z', 60)).toEqual(OK);
    expect(verdict(weekdays, '2026-12-01T11:45:00Z', 30)).toEqual(OUTSIDE);
    expect(verdict(weekdays, '2026-12-01T12:15:00Z', 30)).toEqual(OK);
  });

  it('gives a day without hours no working time', () => {
    expect(verdict(weekdays, '2026-12-02T10:00:00Z', 15)).toEqual(OUTSIDE);
  });

  it('lets a date override replace the weekday: closed on a working Monday, open on a Wednesday', () => {
    const overridden = profile({
      ...weekdays,
      dateOverrides: [
        { date: '2026-11-30', intervals: [] },
        { date: '2026-12-02', intervals: [hours('10:00', '11:00')] },
        { date: '2026-12-07', intervals: [hours('13:00', '14:00')] },
      ],
    });
    expect(verdict(overridden, '2026-11-30T10:00:00Z', 15)).toEqual(OUTSIDE);
    expect(verdict(overridden, '2026-12-02T10:00:00Z', 60)).toEqual(OK);
    expect(verdict(overridden, '2026-12-02T10:15:00Z', 60)).toEqual(OUTSIDE);
    // Monday 2026-12-07 keeps only the override's hour, not the weekday's.
    expect(verdict(overridden, '2026-12-07T10:00:00Z', 15)).toEqual(OUTSIDE);
    expect(verdict(overridden, '2026-12-07T13:00:00Z', 60)).toEqual(OK);
  });

  it('runs past midnight only when the next date continues the stretch from 00:00', () => {
    const nights = profile({
      weeklyHours: {
        MON: [hours('20:00', '24:00')],
        TUE: [hours('00:00', '02:00')],
        WED: [hours('20:00', '24:00')],
        THU: [hours('00:15', '02:00')],
      },
    });
    expect(verdict(nights, '2026-11-30T23:00:00Z', 180)).toEqual(OK);
    expect(verdict(nights, '2026-11-30T23:00:00Z', 195)).toEqual(OUTSIDE);
    expect(verdict(nights, '2026-12-02T23:30:00Z', 30)).toEqual(OK);
    expect(verdict(nights, '2026-12-02T23:30:00Z', 45)).toEqual(OUTSIDE);
    // An override that closes Tuesday breaks Monday night's stretch at midnight.
    const closedTuesday = profile({ ...nights, dateOverrides: [{ date: '2026-12-01', intervals: [] }] });
    expect(verdict(closedTuesday, '2026-11-30T23:00:00Z', 60)).toEqual(OK);
    expect(verdict(closedTuesday, '2026-11-30T23:00:00Z', 75)).toEqual(OUTSIDE);
  });

  it('reads the hours in the provider zone: Asia/Kolkata 09:00-17:00 is 03:30-11:30 UTC', () => {
    const kolkata = profile({ timeZone: 'Asia/Kolkata', weeklyHours: { MON: [hours('09:00', '17:00')] } });
    expect(verdict(kolkata, '2026-11-30T03:30:00Z', 15)).toEqual(OK);
    expect(verdict(kolkata, '2026-11-30T03:15:00Z', 30)).toEqual(OUTSIDE);
    expect(verdict(kolkata, '2026-11-30T11:00:00Z', 30)).toEqual(OK);
    expect(verdict(kolkata, '2026-11-30T11:15:00Z', 30)).toEqual(OUTSIDE);
  });
});

describe('rule 1 across daylight-saving changes', () => {
  // Sundays: America/New_York 2026-03-08 (02:00 EST -> 03:00 EDT) and 2026-11-01 (02:00 EDT -> 01:00 EST).
  it('a spring stretch 01:00-04:00 is two hours of real time', () => {
    const spring = profile({ timeZone: 'America/New_York', weeklyHours: { SUN: [hours('01:00', '04:00')] } });
    expect(verdict(spring, '2026-03-08T06:00:00Z', 120)).toEqual(OK);
    expect(verdict(spring, '2026-03-08T06:15:00Z', 120)).toEqual(OUTSIDE);
  });

  it('two stretches that the spring gap makes touch in UTC stay two stretches', () => {
    // 00:00-02:15 ends at 02:00 EST (07:00Z), 02:45-05:00 starts at 03:00 EDT (07:00Z).
    const split = profile({
      timeZone: 'America/New_York',
      weeklyHours: { SUN: [hours('00:00', '02:15'), hours('02:45', '05:00')] },
    });
    expect(verdict(split, '2026-03-08T06:30:00Z', 30)).toEqual(OK);
    expect(verdict(split, '2026-03-08T07:00:00Z', 30)).toEqual(OK);
    expect(verdict(split, '2026-03-08T06:45:00Z', 30)).toEqual(OUTSIDE);
  });

  it('a fall stretch 00:00-01:30 holds 01:00-01:30 twice, but not the EDT half hour after it', () => {
    const fall = profile({ timeZone: 'America/New_York', weeklyHours: { SUN: [hours('00:00', '01:30')] } });
    expect(verdict(fall, '2026-11-01T04:00:00Z', 90)).toEqual(OK);
    expect(verdict(fall, '2026-11-01T06:00:00Z', 30)).toEqual(OK);
    expect(verdict(fall, '2026-11-01T06:00:00Z', 45)).toEqual(OUTSIDE);
    expect(verdict(fall, '2026-11-01T05:15:00Z', 60)).toEqual(OUTSIDE);
  });

  it('two fall stretches whose pieces interleave in UTC are each found: 00:00-01:30 and 01:45-03:00', () => {
    // UTC order: 00:00-01:30 EDT, 01:45-02:00 EDT, 01:00-01:30 EST, 01:45-03:00 EST.
    const fall = profile({
      timeZone: 'America/New_York',
      weeklyHours: { SUN: [hours('00:00', '01:30'), hours('01:45', '03:00')] },
    });
    expect(verdict(fall, '2026-11-01T05:45:00Z', 15)).toEqual(OK);
    expect(verdict(fall, '2026-11-01T06:00:00Z', 30)).toEqual(OK);
    expect(verdict(fall, '2026-11-01T06:45:00Z', 75)).toEqual(OK);
    expect(verdict(fall, '2026-11-01T05:45:00Z', 30)).toEqual(OUTSIDE);
    expect(verdict(fall, '2026-11-01T06:15:00Z', 30)).toEqual(OUTSIDE);
  });

  it('Europe/London 00:00-03:00 is two hours in spring and four in autumn', () => {
    const london = profile({ timeZone: 'Europe/London', weeklyHours: { SUN: [hours('00:00', '03:00')] } });
    expect(verdict(london, '2026-03-29T00:00:00Z', 120)).toEqual(OK);
    expect(verdict(london, '2026-03-29T00:00:00Z', 135)).toEqual(OUTSIDE);
    expect(verdict(london, '2026-10-24T23:00:00Z', 240)).toEqual(OK);
    expect(verdict(london, '2026-10-24T23:00:00Z', 255)).toEqual(OUTSIDE);
  });

  it('Australia/Lord_Howe 01:00-03:00 is 90 minutes when it moves 30 minutes forward and 150 when it moves back', () => {
    const lordHowe = profile({ timeZone: 'Australia/Lord_Howe', weeklyHours: { SUN: [hours('01:00', '03:00')] } });
    // 2026-10-04: 01:00 LHST (+10:30) is 14:30Z the day before; 03:00 LHDT (+11) is 16:00Z.
    expect(verdict(lordHowe, '2026-10-03T14:30:00Z', 90)).toEqual(OK);
    expect(verdict(lordHowe, '2026-10-03T14:30:00Z', 105)).toEqual(OUTSIDE);
    // 2026-04-05: 01:00 LHDT (+11) is 14:00Z the day before; 03:00 LHST (+10:30) is 16:30Z.
    expect(verdict(lordHowe, '2026-04-04T14:00:00Z', 150)).toEqual(OK);
    expect(verdict(lordHowe, '2026-04-04T14:00:00Z', 165)).toEqual(OUTSIDE);
  });
});

describe('rules 2 and 3, notice and window', () => {
  const always = {
    weeklyHours: Object.fromEntries(
      ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'].map((day) => [day, [hours('00:00', '24:00')]]),
    ),
  };
  const now = new Date('2026-11-30T10:07:30Z');

  it('accepts a start exactly minimumNoticeMinutes after now and refuses one a millisecond earlier', () => {
    const p = profile({ ...always, minimumNoticeMinutes: 113 });
    const earliest = now.getTime() + 113 * MINUTE_MS;
    expect(checkAvailability(p, now, { startMs: earliest, endMs: earliest + 15 * MINUTE_MS })).toEqual(OK);
    expect(checkAvailability(p, now, { startMs: earliest - 1, endMs: earliest + 15 * MINUTE_MS })).toEqual({
      ok: false,
      reason: 'MINIMUM_NOTICE',
    });
  });

  it('accepts a start a millisecond before now + bookingWindowDays x 24 h and refuses one exactly then', () => {
    const p = profile({ ...always, bookingWindowDays: 3 });
    const end = now.getTime() + 3 * 24 * 60 * MINUTE_MS;
    expect(checkAvailability(p, now, { startMs: end - 1, endMs: end + 15 * MINUTE_MS })).toEqual(OK);
    expect(checkAvailability(p, now, { startMs: end, endMs: end + 15 * MINUTE_MS })).toEqual({
      ok: false,
      reason: 'BEYOND_BOOKING_WINDOW',
    });
  });

  it('names notice or window before working hours when an interval breaks both', () => {
    const closed = profile({ minimumNoticeMinutes: 60, bookingWindowDays: 1 });
    expect(checkAvailability(closed, now, interval('2026-11-30T10:15:00Z', 15))).toEqual({
      ok: false,
      reason: 'MINIMUM_NOTICE',
    });
    expect(checkAvailability(closed, now, interval('2026-12-02T10:15:00Z', 15))).toEqual({
      ok: false,
      reason: 'BEYOND_BOOKING_WINDOW',
    });
    expect(checkAvailability(closed, now, interval('2026-11-30T12:00:00Z', 15))).toEqual(OUTSIDE);
  });
});

describe('rule 4 and rule 5 keys', () => {
  it('pads an interval by the buffers it is given, on the 15-minute grid', () => {
    const padded = paddedInterval(interval('2026-11-30T10:00:00Z', 30), {
      bufferBeforeMinutes: 15,
      bufferAfterMinutes: 120,
    });
    expect(padded).toEqual({ startMs: utc('2026-11-30T09:45:00Z'), endMs: utc('2026-11-30T12:30:00Z') });
  });

  it('counts an interval on the local date it starts on in the provider zone', () => {
    const newYork = { timeZone: 'America/New_York' };
    // 23:30 EST on 2026-11-30 is 04:30Z on 2026-12-01.
    expect(dailyLimitDate(newYork, interval('2026-12-01T04:30:00Z', 60))).toBe('2026-11-30');
    expect(dailyLimitDate(newYork, interval('2026-12-01T05:00:00Z', 60))).toBe('2026-12-01');
    expect(dailyLimitDate({ timeZone: 'Asia/Kolkata' }, interval('2026-11-30T18:30:00Z', 15))).toBe('2026-12-01');
  });
});
