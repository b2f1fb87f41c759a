/**
 * What a booking or a reschedule takes in its provider's calendar, decided from the provider's
 * profile: rules 1-3 checked (or skipped by a staff override), the buffers it keeps (rule 4: its
 * lock items cover the padded interval) and the local date it counts on (rule 5: the day counter
 * the transaction raises within the limit). The repository writes exactly this, atomically, on
 * the condition that the profile is still the version decided against.
 */
import { outsideAvailability } from '../errors';
import { Interval, slotStarts } from '../slots';
import { Buffers, checkAvailability, dailyLimitDate, paddedInterval } from './bookable';
import { ProviderProfile } from './provider-profile';

/**
 * What a CONFIRMED appointment holds besides its interval. It is stored with the appointment, so
 * that a cancel or a move releases exactly what was taken, whatever the profile says by then.
 */
export interface CalendarHold extends Buffers {
  /** The local date, in the provider's zone when it was booked or last moved, whose counter counts it. */
  readonly localDate: string;
}

/** A booking's or a reschedule's decision, which its transaction makes hold at commit time. */
export interface CalendarClaim {
  readonly hold: CalendarHold;
  /** The profile version decided against: the transaction's condition on the profile item. */
  readonly profileVersion: number;
  /** The day counter must stay below it; absent: counted, not limited (no limit, or a staff override). */
  readonly dailyLimit?: number;
}

/** A profile with the version it is stored at (`PUT /providers` raises it). */
export type VersionedProfile = ProviderProfile & { readonly version: number };

/**
 * The claim of `interval` at `now`, or OUTSIDE_AVAILABILITY naming the first of rules 1-3 it
 * breaks. With `overrideAvailability` (staff only, checked by the caller) rules 1-3 and 5 are
 * skipped; the buffers, the lock items and the count still apply.
 */
export function claimCalendar(
  provider: VersionedProfile,
  interval: Interval,
  now: Date,
  overrideAvailability: boolean,
): CalendarClaim {
  if (!overrideAvailability) {
    const availability = checkAvailability(provider, now, interval);
    if (!availability.ok) throw outsideAvailability(availability.reason);
  }
  const limit = overrideAvailability ? undefined : provider.maxBookingsPerDay;
  return {
    hold: {
      bufferBeforeMinutes: provider.bufferBeforeMinutes,
      bufferAfterMinutes: provider.bufferAfterMinutes,
      localDate: dailyLimitDate(provider, interval),
    },
    profileVersion: provider.version,
    ...(limit === undefined ? {} : { dailyLimit: limit }),
  };
}

/** The slots (UTC starts) whose locks an interval held with `buffers` takes: its padded interval's. */
export const heldSlots = (interval: Interval, buffers: Buffers): string[] =>
  slotStarts(paddedInterval(interval, buffers));
