/**
 * When an interval is bookable (shared/API-CONTRACT.md, "When an interval is bookable"): rules
 * 1-3 decided here from the profile and `now` alone; the padded interval of rule 4 and the
 * local date of rule 5, which the booking transaction's lock and day-counter items are made of.
 */
import type { UnavailableReason } from '../errors';
import { Interval } from '../slots';
import { DAY_MS, MINUTE_MS } from '../time';
import { ProviderProfile } from './provider-profile';
import { localDateOf } from './wall-clock';
import { pieceHolding, workingTime } from './working-time';

export type { UnavailableReason };

export type Availability = { readonly ok: true } | { readonly ok: false; readonly reason: UnavailableReason };

/** The buffers a provider keeps around each appointment, in minutes (multiples of 15). */
export type Buffers = Pick<ProviderProfile, 'bufferBeforeMinutes' | 'bufferAfterMinutes'>;

/** Rules 2 and 3 as the starts they allow at `now`: `[now + notice, now + window)`. */
export function allowedStarts(profile: ProviderProfile, now: Date): Interval {
  return {
    startMs: now.getTime() + profile.minimumNoticeMinutes * MINUTE_MS,
    endMs: now.getTime() + profile.bookingWindowDays * DAY_MS,
  };
}

/**
 * Whether `interval` (UTC milliseconds, half-open) may be booked at `now` under rules 1-3, or
 * the first rule it breaks. Notice and window come first: they say when to ask again, and an
 * interval can be refused by them without reading a single wall clock.
 */
export function checkAvailability(profile: ProviderProfile, now: Date, interval: Interval): Availability {
  const starts = allowedStarts(profile, now);
  if (interval.startMs < starts.startMs) return { ok: false, reason: 'MINIMUM_NOTICE' };
  if (interval.startMs >= starts.endMs) return { ok: false, reason: 'BEYOND_BOOKING_WINDOW' };
  const { pieces } = workingTime(profile, interval.startMs, interval.endMs);
  if (pieceHolding(pieces, interval) === undefined) return { ok: false, reason: 'OUTSIDE_WORKING_HOURS' };
  return { ok: true };
}

/**
 * Rule 4's interval: `[start - bufferBefore, end + bufferAfter)`. Buffers are multiples of 15
 * minutes, so a padded interval of a grid-aligned appointment stays on the slot grid.
 */
export function paddedInterval(interval: Interval, buffers: Buffers): Interval {
  return {
    startMs: interval.startMs - buffers.bufferBeforeMinutes * MINUTE_MS,
    endMs: interval.endMs + buffers.bufferAfterMinutes * MINUTE_MS,
  };
}

/** Rule 5's key: the local date, in the provider's zone, on which `interval` starts. */
export function dailyLimitDate(profile: Pick<ProviderProfile, 'timeZone'>, interval: Interval): string {
  return localDateOf(interval.startMs, profile.timeZone);
}
