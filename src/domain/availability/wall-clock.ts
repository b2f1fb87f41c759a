/**
 * Wall-clock time in an IANA zone and the instants it names, with the runtime's Intl only.
 *
 * A zone's offset is constant between transitions, so over a window it is a list of segments
 * (UTC start, end, offset), found by asking Intl for the offset once a day and bisecting
 * where it changed. Local time is "local milliseconds" (the wall clock read as if it were UTC,
 * ./local-date.ts). A wall-clock time names the instants t with t + offset(t) = local: none
 * when a daylight-saving change skips it, two when the clocks go back over it.
 *
 * Intl serves: Temporal is not in Node 20/22 and its polyfill or Luxon would add a bundle to
 * every function for what is, here, one offset lookup per day of window.
 */
import { canonicalTimeZone, numericWallClockFormatter as formatterFor } from '../time-zones';
import { Interval } from '../slots';
import { DAY_MS } from '../time';
import { formatLocalDate, minutesOfDay, parseLocalDate } from './local-date';

const SECOND_MS = 1000;
/**
 * How often the offset is sampled: a day. Two changes of offset within one sample would be seen
 * as one or none; since 1970 no zone has two closer than 167 hours (America/Noronha, 2000; Gaza
 * and Hebron's rules, 2040), read from every TZif file of Debian's tzdata 2025b.
 */
const SAMPLE_MS = DAY_MS;
/** Wider than any zone's offset (UTC-12 to UTC+14): a local time's instants lie within it. */
export const MAX_OFFSET_MS = DAY_MS;

/** UTC time over which a zone keeps one offset: `[startMs, endMs)`, local = utc + offsetMs. */
export interface OffsetSegment extends Interval {
  readonly offsetMs: number;
}

/** The zone's offset from UTC at `epochMs`, in milliseconds (east positive: Kolkata is +5 h 30). */
export function utcOffsetMs(timeZone: string, epochMs: number): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(epochMs)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wall = new Date(0);
  wall.setUTCFullYear(parts.year, parts.month - 1, parts.day);
  wall.setUTCHours(parts.hour, parts.minute, parts.second, 0);
  return wall.getTime() - Math.floor(epochMs / SECOND_MS) * SECOND_MS;
}

/**
 * Offsets at the sampled instants (multiples of SAMPLE_MS since the epoch) and the transitions
 * found between them, per canonical zone: facts of the zone database, so a warm function asks
 * Intl again only for instants it has not seen. Bounded: emptied when it holds 20,000 entries
 * (about 2 MB; one zone over a year is 365 samples and its transitions).
 */
const sampledOffsets = new Map<string, number>();
const transitions = new Map<string, number>();
const MAX_CACHED = 20_000;

function remembered(cache: Map<string, number>, key: string, compute: () => number): number {
  let value = cache.get(key);
  if (value === undefined) {
    value = compute();
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(key, value);
  }
  return value;
}

const sampledOffset = (timeZone: string, sampleMs: number) =>
  remembered(sampledOffsets, `${timeZone} ${sampleMs}`, () => utcOffsetMs(timeZone, sampleMs));

/** The first whole second after `sampleMs` with the offset of `sampleMs + SAMPLE_MS`: transitions fall on seconds. */
function transitionAfter(timeZone: string, sampleMs: number, offsetBefore: number): number {
  return remembered(transitions, `${timeZone} ${sampleMs}`, () => {
    let before = sampleMs;
    let after = sampleMs + SAMPLE_MS;
    while (after - before > SECOND_MS) {
      const middle = Math.floor((before + after) / 2 / SECOND_MS) * SECOND_MS;
      if (utcOffsetMs(timeZone, middle) === offsetBefore) before = middle;
      else after = middle;
    }
    return after;
  });
}

/** A zone's offsets over a UTC window; instants outside it are a programming error. */
export class ZoneTimeline {
  private constructor(
    readonly timeZone: string,
    readonly segments: readonly OffsetSegment[],
  ) {}

  /** Segments covering at least `[windowStartMs, windowEndMs]`, each transition found to the second. */
  static covering(timeZone: string, windowStartMs: number, windowEndMs: number): ZoneTimeline {
    const canonical = canonicalTimeZone(timeZone);
    if (canonical === undefined) throw new RangeError(`${JSON.stringify(timeZone)} is not an IANA time zone name`);
    const fromMs = Math.floor(windowStartMs / SAMPLE_MS) * SAMPLE_MS;
    const toMs = Math.max(Math.ceil(windowEndMs / SAMPLE_MS) * SAMPLE_MS, fromMs + SAMPLE_MS);
    const segments: OffsetSegment[] = [];
    let segmentStart = fromMs;
    let offset = sampledOffset(canonical, fromMs);
    for (let sampleMs = fromMs; sampleMs < toMs; sampleMs += SAMPLE_MS) {
      const nextOffset = sampledOffset(canonical, sampleMs + SAMPLE_MS);
      if (nextOffset === offset) continue;
      const changeMs = transitionAfter(canonical, sampleMs, offset);
      segments.push({ startMs: segmentStart, endMs: changeMs, offsetMs: offset });
      segmentStart = changeMs;
      offset = nextOffset;
    }
    segments.push({ startMs: segmentStart, endMs: toMs, offsetMs: offset });
    return new ZoneTimeline(canonical, segments);
  }

  /** Local milliseconds (the wall clock) at `epochMs`. */
  toLocal(epochMs: number): number {
    return epochMs + this.segmentAt(epochMs).offsetMs;
  }

  /** The instants whose wall clock reads `localMs`, ascending: none in a gap, two in a repeated hour. */
  instantsOf(localMs: number): number[] {
    return this.segments
      .map((segment) => localMs - segment.offsetMs)
      .filter((epochMs, index) => this.segments[index].startMs <= epochMs && epochMs < this.segments[index].endMs);
  }

  /**
   * The instants whose wall clock lies in `[localStartMs, localEndMs)`, as ascending disjoint UTC
   * intervals: one usually, two when the clocks go back inside it and return to times already
   * passed (the repeated hour belongs to it twice, the time between does not when it is outside).
   */
  instantsWhereLocalIn(localStartMs: number, localEndMs: number): Interval[] {
    const pieces: Interval[] = [];
    for (const segment of this.segments) {
      const startMs = Math.max(localStartMs - segment.offsetMs, segment.startMs);
      const endMs = Math.min(localEndMs - segment.offsetMs, segment.endMs);
      if (startMs >= endMs) continue;
      const last = pieces[pieces.length - 1];
      // A gap inside the range: the pieces on either side of the transition touch and are one.
      if (last !== undefined && last.endMs === startMs) pieces[pieces.length - 1] = { startMs: last.startMs, endMs };
      else pieces.push({ startMs, endMs });
    }
    return pieces;
  }

  private segmentAt(epochMs: number): OffsetSegment {
    const { segments } = this;
    if (epochMs < segments[0].startMs || epochMs >= segments[segments.length - 1].endMs) {
      throw new RangeError(`${epochMs} is outside the timeline of ${this.timeZone}`);
    }
    let low = 0;
    let high = segments.length - 1;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (segments[middle].startMs <= epochMs) low = middle;
      else high = middle - 1;
    }
    return segments[low];
  }
}

/** The `YYYY-MM-DD` date in `timeZone` at the instant `epochMs`. */
export function localDateOf(epochMs: number, timeZone: string): string {
  return formatLocalDate(epochMs + utcOffsetMs(timeZone, epochMs));
}

/**
 * The instants at which the wall clock in `timeZone` reads `timeOfDay` (`HH:MM`, `24:00` is the
 * next midnight) on `date` (`YYYY-MM-DD`), ascending: `[]` in a daylight-saving gap, two in a
 * repeated hour.
 */
export function wallClockToInstants(date: string, timeOfDay: string, timeZone: string): number[] {
  const midnight = parseLocalDate(date);
  if (midnight === undefined) throw new RangeError(`${JSON.stringify(date)} is not a YYYY-MM-DD calendar date`);
  const localMs = midnight + minutesOfDay(timeOfDay) * 60_000;
  return ZoneTimeline.covering(timeZone, localMs - MAX_OFFSET_MS, localMs + MAX_OFFSET_MS).instantsOf(localMs);
}
