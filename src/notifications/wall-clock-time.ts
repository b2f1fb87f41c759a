/**
 * Renders an instant as local wall-clock time in an IANA zone, with that moment's offset:
 * `2026-03-08T09:00:00-07:00`. The offset is computed for the instant itself (not for "today"),
 * so it is right on either side of a daylight-saving change.
 */

import { numericWallClockFormatter as formatterFor } from '../domain/time-zones';

// One formatter per canonical zone (../domain/time-zones): whatever spellings stored
// appointments use, the cache holds at most one entry per zone of the IANA table.

/** The zone's offset from UTC at `instant`, in whole minutes (east positive: Kathmandu = +345). */
function utcOffsetMinutes(instant: Date, timeZone: string): number {
  const wall = wallClockParts(instant, timeZone);
  const wallAsUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  const instantSeconds = Math.floor(instant.getTime() / 1000) * 1000;
  return Math.round((wallAsUtc - instantSeconds) / 60_000);
}

/**
 * RFC 3339 local time with offset, no fractional seconds. A zero offset is written `+00:00`
 * (not `Z`) because the value is a local time that happens to equal UTC, e.g. London in winter.
 */
export function formatWallClockTime(instant: Date, timeZone: string): string {
  const w = wallClockParts(instant, timeZone);
  const offset = utcOffsetMinutes(instant, timeZone);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return (
    `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

function wallClockParts(instant: Date, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour,
    minute: parts.minute,
    second: parts.second,
  };
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}
