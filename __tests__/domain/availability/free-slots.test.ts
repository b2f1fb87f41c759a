import { dailyLimitDate } from '../../../src/domain/availability/bookable';
import { confirmedBookingsWindow, ConfirmedBooking, freeSlots } from '../../../src/domain/availability/free-slots';
import { parseProviderProfileRequest, ProviderProfile } from '../../../src/domain/availability/provider-profile';

const MINUTE_MS = 60_000;
const utc = (text: string) => Date.parse(text);
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const NOW = new Date('2026-11-01T00:00:00Z');

function profile(fields: Record<string, unknown>): ProviderProfile {
  return parseProviderProfileRequest({ name: 'Dr. Lee', timeZone: 'UTC', weeklyHours: {}, ...fields });
}

/** 2026-11-30 is a Monday: 09:00-11:00 UTC. */
const mornings = profile({ weeklyHours: { MON: [{ start: '09:00', end: '11:00' }] } });

function booked(
  p: ProviderProfile,
  start: string,
  minutes: number,
  buffers = { before: 0, after: 0 },
): ConfirmedBooking {
  const interval = { startMs: utc(start), endMs: utc(start) + minutes * MINUTE_MS };
  return {
    ...interval,
    bufferBeforeMinutes: buffers.before,
    bufferAfterMinutes: buffers.after,
    localDate: dailyLimitDate(p, interval),
  };
}

function starts(
  p: ProviderProfile,
  from: string,
  to: string,
  durationMinutes: number,
  confirmed: ConfirmedBooking[] = [],
  now = NOW,
) {
  return freeSlots(p, { fromMs: utc(from), toMs: utc(to), durationMinutes }, now, confirmed).map((slot) => {
    expect(slot.endMs - slot.startMs).toBe(durationMinutes * MINUTE_MS);
    return iso(slot.startMs).slice(11, 16);
  });
}

describe('free slots', () => {
  it('lists every 15-minute start whose interval fits the working hours, in order', () => {
    expect(starts(mornings, '2026-11-30T00:00:00Z', '2026-12-01T00:00:00Z', 60)).toEqual([
      '09:00',
      '09:15',
      '09:30',
      '09:45',
      '10:00',
    ]);
  });

  it('includes a start at from and excludes one at to; a from off the grid starts at the next boundary', () => {
    expect(starts(mornings, '2026-11-30T09:15:00Z', '2026-11-30T10:00:00Z', 60)).toEqual(['09:15', '09:30', '09:45']);
    expect(starts(mornings, '2026-11-30T09:00:00.001Z', '2026-11-30T09:45:00Z', 60)).toEqual(['09:15', '09:30']);
  });

  it('lets back-to-back bookings touch when there are no buffers', () => {
    const taken = [booked(mornings, '2026-11-30T09:30:00Z', 30)];
    expect(starts(mornings, '2026-11-30T00:00:00Z', '2026-12-01T00:00:00Z', 30, taken)).toEqual([
      '09:00',
      '10:00',
      '10:15',
      '10:30',
    ]);
  });

  it("pads the candidate by the profile's buffers and each booking by its own, as booked", () => {
    const buffered = profile({ ...mornings, bufferAfterMinutes: 15 });
    // The booking was made when the provider kept 15 minutes before each appointment.
    const taken = [booked(buffered, '2026-11-30T10:00:00Z', 30, { before: 15, after: 0 })];
    // 09:00-09:30 (+15 = 09:45) is clear of 09:45-10:30; 09:15-09:45 (+15 = 10:00) is not.
    expect(starts(buffered, '2026-11-30T00:00:00Z', '2026-12-01T00:00:00Z', 30, taken)).toEqual(['09:00', '10:30']);
  });

  it('finds the free starts between several bookings, whatever order they come in', () => {
    const taken = [
      booked(mornings, '2026-11-30T10:30:00Z', 15),
      booked(mornings, '2026-11-30T09:00:00Z', 15),
      booked(mornings, '2026-11-30T10:00:00Z', 15),
      booked(mornings, '2026-11-30T09:45:00Z', 15),
    ];
    expect(starts(mornings, '2026-11-30T00:00:00Z', '2026-12-01T00:00:00Z', 15, taken)).toEqual([
      '09:15',
      '09:30',
      '10:15',
      '10:45',
    ]);
  });

  it('keeps a start clear of a long booking that holds a shorter one inside it', () => {
    // Busy time joins the two; a search that kept them apart would miss the long one after 09:30.
    const taken = [booked(mornings, '2026-11-30T09:00:00Z', 90), booked(mornings, '2026-11-30T09:15:00Z', 15)];
    expect(starts(mornings, '2026-11-30T00:00:00Z', '2026-12-01T00:00:00Z', 15, taken)).toEqual(['10:30', '10:45']);
  });

  it('lists nothing on a local date that already holds maxBookingsPerDay, and counts each booking on its own date', () => {
    const limited = profile({
      timeZone: 'America/New_York',
      weeklyHours: { MON: [{ start: '09:00', end: '10:00' }], TUE: [{ start: '09:00', end: '10:00' }] },
      maxBookingsPerDay: 1,
    });
    // Monday 09:00 EST is 14:00Z; the booking outside the hours still counts for its date.
    const mondayBooking = booked(limited, '2026-11-30T20:00:00Z', 15);
    expect(mondayBooking.localDate).toBe('2026-11-30');
    expect(starts(limited, '2026-11-30T00:00:00Z', '2026-12-02T00:00:00Z', 30, [mondayBooking])).toEqual([
      '14:00',
      '14:15',
      '14:30',
    ]);
    const twoAllowed = profile({ ...limited, maxBookingsPerDay: 2 });
    expect(starts(twoAllowed, '2026-11-30T00:00:00Z', '2026-12-01T00:00:00Z', 30, [mondayBooking])).toHaveLength(3);
  });

  it('starts at now + notice and stops before now + window', () => {
    const allDay = profile({
      weeklyHours: { MON: [{ start: '00:00', end: '24:00' }] },
      minimumNoticeMinutes: 50,
      bookingWindowDays: 1,
    });
    const now = new Date('2026-11-29T23:00:00Z');
    // Earliest start 23:50 Sunday, so Monday from 00:00; the window ends Monday 23:00 (exclusive).
    const list = starts(allDay, '2026-11-29T00:00:00Z', '2026-12-01T00:00:00Z', 15, [], now);
    expect(list[0]).toBe('00:00');
    expect(list[list.length - 1]).toBe('22:45');
    expect(list).toHaveLength(92);
  });

  it('lists nothing when from is not before to, or the window has passed', () => {
    expect(starts(mornings, '2026-11-30T10:00:00Z', '2026-11-30T10:00:00Z', 15)).toEqual([]);
    expect(
      starts(mornings, '2026-11-30T00:00:00Z', '2026-12-01T00:00:00Z', 15, [], new Date('2027-12-01T00:00:00Z')),
    ).toEqual([]);
  });

  it('gives America/New_York 00:00-03:00 on the fall-back Sunday four hours of slots, the repeated hour twice', () => {
    const fall = profile({ timeZone: 'America/New_York', weeklyHours: { SUN: [{ start: '00:00', end: '03:00' }] } });
    const list = starts(fall, '2026-11-01T00:00:00Z', '2026-11-02T00:00:00Z', 60);
    expect(list).toEqual([
      '04:00',
      '04:15',
      '04:30',
      '04:45',
      '05:00',
      '05:15',
      '05:30',
      '05:45',
      '06:00',
      '06:15',
      '06:30',
      '06:45',
      '07:00',
    ]);
  });

  it('gives America/New_York 01:00-04:00 on the spring-forward Sunday two hours, none in the skipped hour', () => {
    const spring = profile({ timeZone: 'America/New_York', weeklyHours: { SUN: [{ start: '01:00', end: '04:00' }] } });
    expect(
      starts(spring, '2026-03-08T00:00:00Z', '2026-03-09T00:00:00Z', 60, [], new Date('2026-03-01T00:00:00Z')),
    ).toEqual(['06:00', '06:15', '06:30', '06:45', '07:00']);
  });
});

describe('the confirmed appointments a search reads', () => {
  it('are those starting up to 26 hours either side of the window', () => {
    const query = { fromMs: utc('2026-11-30T00:00:00Z'), toMs: utc('2026-12-07T00:00:00Z'), durationMinutes: 30 };
    expect(confirmedBookingsWindow(query)).toEqual({
      startMs: utc('2026-11-28T22:00:00Z'),
      endMs: utc('2026-12-08T02:00:00Z'),
    });
  });

  it('end at 9999-12-31T23:59:59Z at the latest, the last instant a stored start can have', () => {
    const query = { fromMs: utc('9999-12-30T00:00:00Z'), toMs: utc('9999-12-31T12:00:00Z'), durationMinutes: 30 };
    expect(confirmedBookingsWindow(query)).toEqual({
      startMs: utc('9999-12-28T22:00:00Z'),
      endMs: utc('9999-12-31T23:59:59Z'),
    });
  });
});

describe('free slots at the edges', () => {
  it('keeps clear of two bookings that overlap, the second ending after the first', () => {
    // 2026-11-30 is a Monday: 09:00-11:00 UTC.
    const mornings = profile({ weeklyHours: { MON: [{ start: '09:00', end: '11:00' }] } });
    const taken = [booked(mornings, '2026-11-30T09:00:00Z', 45), booked(mornings, '2026-11-30T09:30:00Z', 45)];
    expect(starts(mornings, '2026-11-30T00:00:00Z', '2026-12-01T00:00:00Z', 15, taken)).toEqual([
      '10:15',
      '10:30',
      '10:45',
    ]);
  });

  it("reads the working hours of the date on which the window's last slots end, not only start", () => {
    // Pacific/Kiritimati is UTC+14: 03:00Z on Monday is 17:00 there, and 8 hours later it is Tuesday.
    const allWeek = profile({
      timeZone: 'Pacific/Kiritimati',
      weeklyHours: { MON: [{ start: '00:00', end: '24:00' }], TUE: [{ start: '00:00', end: '24:00' }] },
    });
    expect(starts(allWeek, '2026-11-30T03:00:00Z', '2026-11-30T04:00:00Z', 480)).toEqual([
      '03:00',
      '03:15',
      '03:30',
      '03:45',
    ]);
  });
});
