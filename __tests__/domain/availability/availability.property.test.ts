/**
 * Slots and bookings agree, for random weekly hours, overrides, buffers, notice, window, daily
 * limits and confirmed appointments, around the daylight-saving changes of four zones: the
 * search lists exactly the grid starts that checkAvailability accepts and that meet no padded
 * appointment and no full day; checkAvailability's working hours agree with an independent
 * reading of the wall clock (the notifications renderer, 15 minutes at a time); and every slot's
 * local start is a wall-clock time that exists.
 */
import fc from 'fast-check';
import { checkAvailability, dailyLimitDate, paddedInterval } from '../../../src/domain/availability/bookable';
import { ConfirmedBooking, freeSlots } from '../../../src/domain/availability/free-slots';
import {
  parseProviderProfileRequest,
  ProviderProfile,
  WEEKDAYS,
  WorkingInterval,
} from '../../../src/domain/availability/provider-profile';
import { wallClockToInstants } from '../../../src/domain/availability/wall-clock';
import { formatWallClockTime } from '../../../src/notifications/wall-clock-time';

/** The oracle's overlap of half-open intervals (each starts before the other ends), apart from the code under test. */
const intervalsOverlap = (a: { startMs: number; endMs: number }, b: { startMs: number; endMs: number }) =>
  a.startMs < b.endMs && b.startMs < a.endMs;

const MINUTE_MS = 60_000;
const SLOT_MS = 15 * MINUTE_MS;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** Each zone with the dates of its changes (and Kolkata, which has none) in 2026. */
const ZONES: readonly [string, readonly string[]][] = [
  ['America/New_York', ['2026-03-08', '2026-11-01']],
  ['Europe/London', ['2026-03-29', '2026-10-25']],
  ['Australia/Lord_Howe', ['2026-04-05', '2026-10-04']],
  ['Asia/Kolkata', ['2026-06-15']],
];

const hhmm = (quarters: number) =>
  `${String(Math.floor(quarters / 4)).padStart(2, '0')}:${String((quarters % 4) * 15).padStart(2, '0')}`;

/** Sorted, disjoint intervals of one date, often touching, often from 00:00 or to 24:00. */
const dayIntervals: fc.Arbitrary<WorkingInterval[]> = fc
  .record({
    pieces: fc.array(fc.record({ gap: fc.integer({ min: 0, max: 20 }), length: fc.integer({ min: 1, max: 24 }) }), {
      maxLength: 4,
    }),
    untilMidnight: fc.boolean(),
  })
  .map(({ pieces, untilMidnight }) => {
    const intervals: WorkingInterval[] = [];
    let at = 0;
    for (const { gap, length } of pieces) {
      const start = at + gap;
      if (start >= 96) break;
      at = Math.min(start + length, 96);
      intervals.push({ start: hhmm(start), end: at === 96 ? '24:00' : hhmm(at) });
    }
    const last = intervals[intervals.length - 1];
    if (untilMidnight && last !== undefined) intervals[intervals.length - 1] = { start: last.start, end: '24:00' };
    return intervals;
  });

const scenario = fc
  .record({
    zone: fc.constantFrom(...ZONES),
    change: fc.nat(),
    weeklyHours: fc.record(Object.fromEntries(WEEKDAYS.map((day) => [day, dayIntervals])), { requiredKeys: [] }),
    overrides: fc.uniqueArray(fc.record({ day: fc.integer({ min: -1, max: 4 }), intervals: dayIntervals }), {
      maxLength: 3,
      selector: (override) => override.day,
    }),
    bufferBefore: fc.integer({ min: 0, max: 4 }),
    bufferAfter: fc.integer({ min: 0, max: 4 }),
    notice: fc.integer({ min: 0, max: 2000 }),
    windowDays: fc.integer({ min: 1, max: 4 }),
    limit: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
    nowOffset: fc.integer({ min: -2 * DAY_MS, max: DAY_MS }),
    fromOffset: fc.integer({ min: -12 * 60 * MINUTE_MS, max: DAY_MS }),
    length: fc.integer({ min: 60 * MINUTE_MS, max: 3 * DAY_MS }),
    duration: fc.integer({ min: 1, max: 12 }).map((quarters) => quarters * 15),
    bookings: fc.array(
      fc.record({
        quarter: fc.integer({ min: -8, max: 3 * 96 }),
        length: fc.integer({ min: 1, max: 8 }),
        before: fc.integer({ min: 0, max: 4 }),
        after: fc.integer({ min: 0, max: 4 }),
      }),
      { maxLength: 8 },
    ),
  })
  .map((drawn) => {
    const [timeZone, changes] = drawn.zone;
    const changeDayMs = Date.parse(`${changes[drawn.change % changes.length]}T00:00:00Z`);
    const profile = parseProviderProfileRequest({
      name: 'Dr. Lee',
      timeZone,
      weeklyHours: drawn.weeklyHours,
      dateOverrides: drawn.overrides.map(({ day, intervals }) => ({
        date: new Date(changeDayMs + day * DAY_MS).toISOString().slice(0, 10),
        intervals,
      })),
      bufferBeforeMinutes: drawn.bufferBefore * 15,
      bufferAfterMinutes: drawn.bufferAfter * 15,
      minimumNoticeMinutes: drawn.notice,
      bookingWindowDays: drawn.windowDays,
      ...(drawn.limit === undefined ? {} : { maxBookingsPerDay: drawn.limit }),
    });
    const now = new Date(changeDayMs + drawn.nowOffset);
    const fromMs = now.getTime() + drawn.fromOffset;
    const gridFromMs = Math.ceil(fromMs / SLOT_MS) * SLOT_MS;
    const confirmed = drawn.bookings.map(({ quarter, length, before, after }): ConfirmedBooking => {
      const interval = { startMs: gridFromMs + quarter * SLOT_MS, endMs: gridFromMs + (quarter + length) * SLOT_MS };
      return {
        ...interval,
        bufferBeforeMinutes: before * 15,
        bufferAfterMinutes: after * 15,
        localDate: dailyLimitDate(profile, interval),
      };
    });
    return { profile, now, query: { fromMs, toMs: fromMs + drawn.length, durationMinutes: drawn.duration }, confirmed };
  });

/** Rules 4 and 5 the slow way: every confirmed appointment, one by one. */
function freeOfBookings(
  profile: ProviderProfile,
  slot: { startMs: number; endMs: number },
  confirmed: readonly ConfirmedBooking[],
) {
  const padded = paddedInterval(slot, profile);
  if (confirmed.some((booking) => intervalsOverlap(padded, paddedInterval(booking, booking)))) return false;
  const date = dailyLimitDate(profile, slot);
  const sameDay = confirmed.filter((booking) => booking.localDate === date).length;
  return profile.maxBookingsPerDay === undefined || sameDay < profile.maxBookingsPerDay;
}

/**
 * Rule 1 read off the wall clock, independently of src/domain/availability's timeline: the
 * zones here change their offset only on 15-minute UTC boundaries, by multiples of 15 minutes,
 * so the local time is checked at the start of each 15 minutes of the interval, and all of them
 * must lie in the stretch of the first.
 */
function wallClockOracle(profile: ProviderProfile) {
  const rendered = new Map<number, { date: string; minute: number }>();
  const localAt = (epochMs: number) => {
    let local = rendered.get(epochMs);
    if (local === undefined) {
      const text = formatWallClockTime(new Date(epochMs), profile.timeZone);
      local = { date: text.slice(0, 10), minute: Number(text.slice(11, 13)) * 60 + Number(text.slice(14, 16)) };
      rendered.set(epochMs, local);
    }
    return local;
  };
  const minutes = (text: string) => Number(text.slice(0, 2)) * 60 + Number(text.slice(3, 5));
  const hoursOn = (date: string) => {
    const override = profile.dateOverrides.find((candidate) => candidate.date === date);
    const weekday = WEEKDAYS[(new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7];
    return (override?.intervals ?? profile.weeklyHours[weekday] ?? []).map((interval) => ({
      start: minutes(interval.start),
      end: minutes(interval.end),
    }));
  };
  const previousDate = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
  /** Where the stretch holding this wall-clock time begins (walking back over touching intervals), or undefined. */
  const stretchStart = ({ date, minute }: { date: string; minute: number }): string | undefined => {
    let day = date;
    let hours = hoursOn(day);
    let index = hours.findIndex((interval) => interval.start <= minute && minute < interval.end);
    if (index < 0) return undefined;
    for (let steps = 0; steps < 40; steps += 1) {
      if (index > 0 && hours[index - 1].end === hours[index].start) index -= 1;
      else if (hours[index].start === 0 && hoursOn(previousDate(day)).at(-1)?.end === 1440) {
        day = previousDate(day);
        hours = hoursOn(day);
        index = hours.length - 1;
      } else break;
    }
    return `${day} ${hours[index].start}`;
  };
  return {
    localAt,
    insideOneStretch(startMs: number, endMs: number): boolean {
      const first = stretchStart(localAt(startMs));
      if (first === undefined) return false;
      for (let at = startMs + SLOT_MS; at < endMs; at += SLOT_MS) if (stretchStart(localAt(at)) !== first) return false;
      return true;
    },
  };
}

it('slots are exactly the bookable, conflict-free grid starts; working hours agree with the wall clock; no slot starts in a gap', () => {
  let runsWithSlots = 0;
  let refusedForHours = 0;
  fc.assert(
    fc.property(scenario, ({ profile, now, query, confirmed }) => {
      // Act
      const slots = freeSlots(profile, query, now, confirmed);
      // Assess: the slow way, start by start.
      const oracle = wallClockOracle(profile);
      const expected: number[] = [];
      for (let startMs = Math.ceil(query.fromMs / SLOT_MS) * SLOT_MS; startMs < query.toMs; startMs += SLOT_MS) {
        const slot = { startMs, endMs: startMs + query.durationMinutes * MINUTE_MS };
        const verdict = checkAvailability(profile, now, slot);
        const reason = verdict.ok ? undefined : verdict.reason;
        if (reason === undefined || reason === 'OUTSIDE_WORKING_HOURS') {
          expect([startMs, reason === undefined]).toEqual([startMs, oracle.insideOneStretch(slot.startMs, slot.endMs)]);
        }
        if (reason === 'OUTSIDE_WORKING_HOURS') refusedForHours += 1;
        if (verdict.ok && freeOfBookings(profile, slot, confirmed)) expected.push(startMs);
      }
      expect(slots.map((slot) => slot.startMs)).toEqual(expected);
      for (const slot of slots) {
        expect(slot.endMs - slot.startMs).toBe(query.durationMinutes * MINUTE_MS);
        const local = oracle.localAt(slot.startMs);
        const time = `${String(Math.floor(local.minute / 60)).padStart(2, '0')}:${String(local.minute % 60).padStart(2, '0')}`;
        expect(wallClockToInstants(local.date, time, profile.timeZone)).toContain(slot.startMs);
      }
      if (slots.length > 0) runsWithSlots += 1;
    }),
    { numRuns: 150 },
  );
  // The generator is not vacuous: many runs list slots and many starts are refused for the hours.
  expect(runsWithSlots).toBeGreaterThan(20);
  expect(refusedForHours).toBeGreaterThan(1000);
});
