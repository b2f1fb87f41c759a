import { claimCalendar, heldSlots, VersionedProfile } from '../../../src/domain/availability/calendar';
import { parseProviderProfileRequest } from '../../../src/domain/availability/provider-profile';
import { AppointmentError } from '../../../src/domain/errors';

const MINUTE_MS = 60_000;
const utc = (text: string) => Date.parse(text);
/** `[start, start + minutes)` from an RFC 3339 start. */
const interval = (start: string, minutes: number) => ({ startMs: utc(start), endMs: utc(start) + minutes * MINUTE_MS });

// New York's Mondays 09:00-17:00 are 14:00-22:00 UTC in winter; 2026-11-30 is a Monday.
function provider(fields: Record<string, unknown> = {}): VersionedProfile {
  const profile = parseProviderProfileRequest({
    name: 'Dr. Lee',
    timeZone: 'America/New_York',
    weeklyHours: { MON: [{ start: '09:00', end: '17:00' }] },
    bufferBeforeMinutes: 15,
    bufferAfterMinutes: 30,
    ...fields,
  });
  return { ...profile, version: 7 };
}

const NOW = new Date('2026-11-29T00:00:00Z');

function refusal(claim: () => unknown) {
  try {
    claim();
  } catch (error) {
    expect(error).toBeInstanceOf(AppointmentError);
    return { code: (error as AppointmentError).code, details: (error as AppointmentError).details };
  }
  throw new Error('expected the claim to be refused');
}

describe('claimCalendar', () => {
  it('claims a bookable interval with the buffers, the local date in the zone and the profile version', () => {
    // 21:30 UTC is 16:30 in New York on Monday the 30th, although it is the 30th in UTC too; at
    // 01:00 UTC of Tuesday the wall clock still reads Monday.
    expect(claimCalendar(provider(), interval('2026-11-30T21:30:00Z', 30), NOW, false)).toStrictEqual({
      hold: { bufferBeforeMinutes: 15, bufferAfterMinutes: 30, localDate: '2026-11-30' },
      profileVersion: 7,
    });
    const evening = provider({ weeklyHours: { MON: [{ start: '18:00', end: '22:00' }] } });
    expect(claimCalendar(evening, interval('2026-12-01T01:00:00Z', 60), NOW, false).hold.localDate).toBe('2026-11-30');
  });

  it('carries the daily limit, and leaves the key out when the provider has none', () => {
    const claim = claimCalendar(provider({ maxBookingsPerDay: 3 }), interval('2026-11-30T15:00:00Z', 60), NOW, false);
    expect(claim).toStrictEqual({
      hold: { bufferBeforeMinutes: 15, bufferAfterMinutes: 30, localDate: '2026-11-30' },
      profileVersion: 7,
      dailyLimit: 3,
    });
    expect(Object.keys(claimCalendar(provider(), interval('2026-11-30T15:00:00Z', 60), NOW, false))).toEqual([
      'hold',
      'profileVersion',
    ]);
  });

  it.each([
    ['outside the working hours', interval('2026-11-30T13:45:00Z', 30), {}, 'OUTSIDE_WORKING_HOURS'],
    ['too soon', interval('2026-11-30T15:00:00Z', 30), { minimumNoticeMinutes: 43_200 }, 'MINIMUM_NOTICE'],
    ['beyond the window', interval('2026-11-30T15:00:00Z', 30), { bookingWindowDays: 1 }, 'BEYOND_BOOKING_WINDOW'],
  ])('refuses an interval %s with OUTSIDE_AVAILABILITY naming the rule', (_, asked, fields, reason) => {
    expect(refusal(() => claimCalendar(provider(fields), asked, NOW, false))).toEqual({
      code: 'OUTSIDE_AVAILABILITY',
      details: [{ reason }],
    });
  });

  it('with a staff override skips rules 1-3 and the daily limit, but keeps the buffers and the local date', () => {
    const limited = provider({ maxBookingsPerDay: 1, minimumNoticeMinutes: 43_200 });
    // Sunday 03:00 in New York: outside the hours, too soon, and on the 29th there.
    const claim = claimCalendar(limited, interval('2026-11-29T08:00:00Z', 30), NOW, true);
    expect(claim).toStrictEqual({
      hold: { bufferBeforeMinutes: 15, bufferAfterMinutes: 30, localDate: '2026-11-29' },
      profileVersion: 7,
    });
  });
});

describe('heldSlots', () => {
  it('covers the padded interval: the buffers before and after, on the 15-minute grid', () => {
    expect(
      heldSlots(interval('2026-11-30T15:00:00Z', 30), { bufferBeforeMinutes: 15, bufferAfterMinutes: 30 }),
    ).toEqual([
      '2026-11-30T14:45:00Z',
      '2026-11-30T15:00:00Z',
      '2026-11-30T15:15:00Z',
      '2026-11-30T15:30:00Z',
      '2026-11-30T15:45:00Z',
    ]);
    expect(heldSlots(interval('2026-11-30T15:00:00Z', 15), { bufferBeforeMinutes: 0, bufferAfterMinutes: 0 })).toEqual([
      '2026-11-30T15:00:00Z',
    ]);
  });
});
