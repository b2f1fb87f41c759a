/**
 * Slot arithmetic. An appointment occupies the half-open interval [start, end) and takes one
 * lock per 15-minute slot it covers, so two appointments of a provider conflict exactly when
 * they share a slot. All of it is done on UTC epoch milliseconds: daylight-saving changes move
 * local clocks, never instants, so no slot is ever skipped or doubled across a DST change.
 */
import { SLOT_MINUTES } from './appointment';
import { formatUtc, MINUTE_MS } from './time';

export { SLOT_MINUTES };

const SLOT_MS = SLOT_MINUTES * MINUTE_MS;

export interface Interval {
  readonly startMs: number;
  /** Exclusive. */
  readonly endMs: number;
}

/** UTC starts (`...Z`) of every slot that [startMs, endMs) touches, in order. */
export function slotStarts({ startMs, endMs }: Interval): string[] {
  const starts: string[] = [];
  for (let slot = Math.floor(startMs / SLOT_MS) * SLOT_MS; slot < endMs; slot += SLOT_MS) {
    starts.push(formatUtc(slot));
  }
  return starts;
}

export const isOnSlotBoundary = (epochMs: number) => epochMs % SLOT_MS === 0;

export interface SlotChanges {
  /** Slots the old interval held that the new one does not: their locks are deleted. */
  readonly release: readonly string[];
  /** Slots the new interval needs that the old one did not hold: their locks are created. */
  readonly take: readonly string[];
}

/** What a reschedule must change; slots both intervals cover keep their locks untouched. */
export function slotChanges(oldSlots: readonly string[], newSlots: readonly string[]): SlotChanges {
  const before = new Set(oldSlots);
  const after = new Set(newSlots);
  return {
    release: oldSlots.filter((slot) => !after.has(slot)),
    take: newSlots.filter((slot) => !before.has(slot)),
  };
}
