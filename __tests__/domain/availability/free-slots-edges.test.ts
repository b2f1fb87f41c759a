/** The free-slot search at the edges of its busy time and of its window. */
import { dailyLimitDate } from '../../../src/domain/availability/bookable';
import { ConfirmedBooking, freeSlots } from '../../../src/domain/availability/free-slots';
import { parseProviderProfileRequest, ProviderProfile } from '../../../src/domain/availability/provider-profile';

const MINUTE_MS = 60_000;
const utc = (text: string) => Date.parse(text);
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const NOW = new Date('2026-11-01T00:00:00Z');

function profile(fields: Record<string, unknown>): ProviderProfile {
  return parseProviderProfileRequest({ name: 'Dr. Lee', timeZone: 'UTC', weeklyHours: {}, ...fields });
}

function booked(p: ProviderProfile, start: string, minutes: number): ConfirmedBooking {
  const interval = { startMs: utc(start), endMs: utc(start) + minutes * MINUTE_MS };
  return { ...interval, bufferBeforeMinutes: 0, bufferAfterMinutes: 0, localDate: dailyLimitDate(p, interval) };
}

const starts = (p: ProviderProfile, from: string, to: string, durationMinutes: number, confirmed: ConfirmedBooking[]) =>
  freeSlots(p, { fromMs: utc(from), toMs: utc(to), durationMinutes }, NOW, confirmed).map((slot) => iso(slot.startMs));

describe('free slots at the edges', () => {
  it('keeps clear of two bookings that overlap, the second ending after the first', () => {
    // 2026-11-30 is a Monday: 09:00-11:00 UTC.
    const mornings = profile({ weeklyHours: { MON: [{ start: '09:00', end: '11:00' }] } });
    const taken = [booked(mornings, '2026-11-30T09:00:00Z', 45), booked(mornings, '2026-11-30T09:30:00Z', 45)];
    expect(starts(mornings, '2026-11-30T00:00:00Z', '2026-12-01T00:00:00Z', 15, taken)).toEqual([
      '2026-11-30T10:15:00Z',
      '2026-11-30T10:30:00Z',
      '2026-11-30T10:45:00Z',
    ]);
  });

  it("reads the working hours of the date on which the window's last slots end, not only start", () => {
    // Pacific/Kiritimati is UTC+14: 03:00Z on Monday is 17:00 there, and 8 hours later it is Tuesday.
    const allWeek = profile({
      timeZone: 'Pacific/Kiritimati',
      weeklyHours: { MON: [{ start: '00:00', end: '24:00' }], TUE: [{ start: '00:00', end: '24:00' }] },
    });
    expect(starts(allWeek, '2026-11-30T03:00:00Z', '2026-11-30T04:00:00Z', 480, [])).toEqual([
      '2026-11-30T03:00:00Z',
      '2026-11-30T03:15:00Z',
      '2026-11-30T03:30:00Z',
      '2026-11-30T03:45:00Z',
    ]);
  });
});
