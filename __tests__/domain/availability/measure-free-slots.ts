/**
 * How long the free-slot search takes for the case the issue names: a 31-day window with 200
 * CONFIRMED appointments. A measurement to read, not a test (no timing is asserted anywhere):
 *   npx node --require ./scripts/register-ts.js __tests__/domain/availability/measure-free-slots.ts
 * The first call is cold (Intl is asked for every offset of the window); the rest are warm.
 */
import { dailyLimitDate } from '../../../src/domain/availability/bookable';
import { ConfirmedBooking, freeSlots } from '../../../src/domain/availability/free-slots';
import { parseProviderProfileRequest } from '../../../src/domain/availability/provider-profile';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
const RUNS = 200;

const workday = [
  { start: '08:00', end: '12:00' },
  { start: '12:00', end: '18:00' },
];
const allDay = [{ start: '00:00', end: '24:00' }];
const profile = parseProviderProfileRequest({
  name: 'Dr. Lee',
  timeZone: 'America/New_York',
  weeklyHours: { MON: workday, TUE: workday, WED: workday, THU: workday, FRI: workday, SAT: allDay, SUN: allDay },
  dateOverrides: [{ date: '2026-11-26', intervals: [] }],
  bufferAfterMinutes: 15,
  minimumNoticeMinutes: 60,
  maxBookingsPerDay: 12,
});
// The window holds the fall-back change of 2026-11-01.
const now = new Date('2026-10-20T00:00:00Z');
const fromMs = Date.parse('2026-10-21T00:00:00Z');
const query = { fromMs, toMs: fromMs + 31 * DAY_MS, durationMinutes: 30 };
const confirmed: ConfirmedBooking[] = Array.from({ length: 200 }, (_, index) => {
  const startMs = fromMs + Math.floor((index * 31 * 96) / 200) * 15 * MINUTE_MS;
  const interval = { startMs, endMs: startMs + 30 * MINUTE_MS };
  return { ...interval, bufferBeforeMinutes: 0, bufferAfterMinutes: 15, localDate: dailyLimitDate(profile, interval) };
});

const timings: number[] = [];
let slotCount = 0;
for (let run = 0; run < RUNS; run += 1) {
  const started = performance.now();
  slotCount = freeSlots(profile, query, now, confirmed).length;
  timings.push(performance.now() - started);
}
const cold = timings[0];
const warm = timings.slice(1).sort((a, b) => a - b);
const at = (quantile: number) => warm[Math.floor(quantile * (warm.length - 1))].toFixed(2);
process.stdout.write(
  `freeSlots, 31 days, 200 appointments, ${slotCount} slots: cold ${cold.toFixed(2)} ms; ` +
    `warm p50 ${at(0.5)} ms, p90 ${at(0.9)} ms, max ${at(1)} ms (${RUNS - 1} runs)\n`,
);
