/**
 * A provider's working time (contract rule 1) as instants. A stretch is a run of working
 * wall-clock time: touching intervals of one local date, continued across midnight when the next
 * date's hours start at 00:00. Each stretch becomes the UTC intervals during which the
 * provider's wall clock reads a time inside it, so skipped times add nothing and a repeated hour
 * counts twice. An interval lies inside one stretch exactly when it lies inside one piece.
 */
import { Interval } from '../slots';
import { DAY_MS, MINUTE_MS } from '../time';
import { formatLocalDate, minutesOfDay, weekdayOf } from './local-date';
import { ProviderProfile, WorkingInterval } from './provider-profile';
import { MAX_OFFSET_MS, ZoneTimeline } from './wall-clock';

export interface WorkingTime {
  /**
   * Ascending, disjoint UTC intervals, each inside one stretch. Pieces of two stretches may
   * touch (the time between them skipped by a daylight-saving change) and are never joined.
   */
  readonly pieces: readonly Interval[];
  /** The provider's zone over the window and a day either side. */
  readonly timeline: ZoneTimeline;
}

/** The hours of a local date: its override if it has one, else its weekday's hours. */
function hoursOf(
  profile: ProviderProfile,
  overrides: ReadonlyMap<string, readonly WorkingInterval[]>,
  dayMs: number,
): readonly WorkingInterval[] {
  return overrides.get(formatLocalDate(dayMs)) ?? profile.weeklyHours[weekdayOf(dayMs)] ?? [];
}

/** Stretches in local milliseconds over the local dates from `firstDayMs` to `lastDayMs`. */
function localStretches(profile: ProviderProfile, firstDayMs: number, lastDayMs: number): Interval[] {
  const overrides = new Map(profile.dateOverrides.map((override) => [override.date, override.intervals]));
  const stretches: Interval[] = [];
  for (let dayMs = firstDayMs; dayMs <= lastDayMs; dayMs += DAY_MS) {
    for (const interval of hoursOf(profile, overrides, dayMs)) {
      const startMs = dayMs + minutesOfDay(interval.start) * MINUTE_MS;
      const endMs = dayMs + minutesOfDay(interval.end) * MINUTE_MS;
      const last = stretches[stretches.length - 1];
      // Intervals are sorted and disjoint (./provider-profile.ts), so only the last can touch;
      // 24:00 of one date is 00:00 of the next, which joins stretches across midnight.
      if (last !== undefined && last.endMs === startMs)
        stretches[stretches.length - 1] = { startMs: last.startMs, endMs };
      else stretches.push({ startMs, endMs });
    }
  }
  return stretches;
}

/** The provider's working time around the instants `[fromMs, toMs)`. */
export function workingTime(profile: ProviderProfile, fromMs: number, toMs: number): WorkingTime {
  // Every instant of the window reads a local time within a day of itself.
  const firstDayMs = Math.floor((fromMs - MAX_OFFSET_MS) / DAY_MS) * DAY_MS;
  const lastDayMs = Math.floor((toMs + MAX_OFFSET_MS) / DAY_MS) * DAY_MS;
  const timeline = ZoneTimeline.covering(
    profile.timeZone,
    firstDayMs - MAX_OFFSET_MS,
    lastDayMs + DAY_MS + MAX_OFFSET_MS,
  );
  const pieces = localStretches(profile, firstDayMs, lastDayMs)
    .flatMap((stretch) => timeline.instantsWhereLocalIn(stretch.startMs, stretch.endMs))
    // Stretches are ordered by wall clock; when the clocks go back, a later stretch's first
    // piece can come before an earlier stretch's second one in UTC.
    .sort((a, b) => a.startMs - b.startMs);
  return { pieces, timeline };
}

/** The piece that holds all of `interval`, if one does (binary search over the ascending pieces). */
export function pieceHolding(pieces: readonly Interval[], interval: Interval): Interval | undefined {
  let low = 0;
  let high = pieces.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const piece = pieces[middle];
    if (piece.endMs <= interval.startMs) low = middle + 1;
    else if (piece.startMs > interval.startMs) high = middle - 1;
    else return interval.endMs <= piece.endMs ? piece : undefined;
  }
  return undefined;
}
