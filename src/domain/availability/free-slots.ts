/**
 * The free-slot search of `GET /providers/{providerId}/slots`: every start on the 15-minute UTC
 * grid whose interval is bookable now under rules 1-5. The work is one pass over the grid of
 * the window plus sorting the confirmed appointments once: each candidate meets the busy time
 * through a binary search, never appointment by appointment.
 */
import { Interval, SLOT_MINUTES } from '../slots';
import { DAY_MS, HOUR_MS, LAST_INSTANT_MS, MINUTE_MS } from '../time';
import { parseLocalDate } from './local-date';
import { allowedStarts, paddedInterval } from './bookable';
import type { CalendarHold } from './calendar';
import { ProviderProfile } from './provider-profile';
import { workingTime } from './working-time';

const SLOT_MS = SLOT_MINUTES * MINUTE_MS;

/** A CONFIRMED appointment of the provider as the search needs it: its interval and what it holds. */
export interface ConfirmedBooking extends Interval, CalendarHold {}

export interface SlotQuery {
  /** Earliest start, inclusive (UTC milliseconds). */
  readonly fromMs: number;
  /** Latest start, exclusive (UTC milliseconds). */
  readonly toMs: number;
  /** A multiple of 15, 15-480 (the appointment's rule, checked by the caller's schema). */
  readonly durationMinutes: number;
}

/**
 * Which CONFIRMED appointments can bear on the slots of `query`: those starting in the window
 * widened by 26 hours each way. Rule 4 reaches at most 12 hours (an appointment of 480 minutes
 * with buffers of 120 before and after, next to a candidate with the same); rule 5 counts the
 * appointments of a candidate's whole local date, and no local date is longer than 25 hours.
 */
export function confirmedBookingsWindow(query: SlotQuery): Interval {
  // No appointment starts after the last instant RFC 3339 writes, and a later bound would not sort as one.
  return {
    startMs: query.fromMs - CALENDAR_REACH_MS,
    endMs: Math.min(query.toMs + CALENDAR_REACH_MS, LAST_INSTANT_MS),
  };
}

const CALENDAR_REACH_MS = 26 * HOUR_MS;

/**
 * Busy time of rule 4: the confirmed padded intervals, sorted and with overlapping ones joined,
 * so a candidate conflicts exactly when it overlaps the first block that ends after its start.
 */
function busyBlocks(confirmed: readonly ConfirmedBooking[]): Interval[] {
  const padded = confirmed.map((booking) => paddedInterval(booking, booking)).sort((a, b) => a.startMs - b.startMs);
  const blocks: Interval[] = [];
  for (const interval of padded) {
    const last = blocks[blocks.length - 1];
    if (last !== undefined && interval.startMs < last.endMs) {
      blocks[blocks.length - 1] = { startMs: last.startMs, endMs: Math.max(last.endMs, interval.endMs) };
    } else blocks.push(interval);
  }
  return blocks;
}

function overlapsBusy(blocks: readonly Interval[], candidate: Interval): boolean {
  let low = 0;
  let high = blocks.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (blocks[middle].endMs <= candidate.startMs) low = middle + 1;
    else high = middle;
  }
  return low < blocks.length && blocks[low].startMs < candidate.endMs;
}

const localDayNumber = (localMs: number) => Math.floor(localMs / DAY_MS);
const ceilToGrid = (epochMs: number) => Math.ceil(epochMs / SLOT_MS) * SLOT_MS;

/**
 * The free slots of `profile` for `query` at `now`, ascending; `confirmed` are the provider's
 * CONFIRMED appointments (each with the buffers it was booked with) that can reach the window.
 */
export function freeSlots(
  profile: ProviderProfile,
  query: SlotQuery,
  now: Date,
  confirmed: readonly ConfirmedBooking[],
): Interval[] {
  const durationMs = query.durationMinutes * MINUTE_MS;
  const starts = allowedStarts(profile, now);
  const firstStartMs = ceilToGrid(Math.max(query.fromMs, starts.startMs));
  const startsEndMs = Math.min(query.toMs, starts.endMs);
  if (firstStartMs >= startsEndMs) return [];

  const { pieces, timeline } = workingTime(profile, firstStartMs, startsEndMs + durationMs);
  const blocks = busyBlocks(confirmed);
  const limit = profile.maxBookingsPerDay;
  // Dates as local day numbers: one division per candidate instead of formatting a date string.
  const bookingsOn = new Map<number, number>();
  if (limit !== undefined) {
    for (const { localDate } of confirmed) {
      const day = localDayNumber(parseLocalDate(localDate) ?? NaN);
      bookingsOn.set(day, (bookingsOn.get(day) ?? 0) + 1);
    }
  }

  const slots: Interval[] = [];
  for (const piece of pieces) {
    // Pieces begin on 15-minute local boundaries, but a zone whose offset is not a multiple of
    // 15 minutes would not put them on the UTC grid: the grid is what slots are made of.
    for (let startMs = ceilToGrid(Math.max(piece.startMs, firstStartMs)); startMs < startsEndMs; startMs += SLOT_MS) {
      const slot = { startMs, endMs: startMs + durationMs };
      if (slot.endMs > piece.endMs) break;
      if (overlapsBusy(blocks, paddedInterval(slot, profile))) continue;
      if (limit !== undefined && (bookingsOn.get(localDayNumber(timeline.toLocal(startMs))) ?? 0) >= limit) continue;
      slots.push(slot);
    }
  }
  return slots;
}
