/**
 * Calendar dates and times of day with no zone (`2026-12-24`, `09:00`), as the contract writes
 * a provider's hours, date overrides and daily limits. A date is handled as the instant its midnight would be in UTC
 * ("local milliseconds"): plain arithmetic on it is calendar arithmetic, with no zone involved.
 */
import { DAY_MS } from '../time';

export const WEEKDAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Midnight of a `YYYY-MM-DD` date in local milliseconds, or `undefined` when it is not a calendar date. */
export function parseLocalDate(text: string): number | undefined {
  const match = LOCAL_DATE.exec(text);
  if (!match) return undefined;
  const [year, month, day] = match.slice(1).map(Number);
  const midnight = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0-99 to 1900-1999.
  midnight.setUTCFullYear(year, month - 1, day);
  // A day past the month's end rolls over (2026-02-30 is March 2): not a calendar date.
  const isSameDate =
    midnight.getUTCFullYear() === year && midnight.getUTCMonth() === month - 1 && midnight.getUTCDate() === day;
  return isSameDate ? midnight.getTime() : undefined;
}

/** The `YYYY-MM-DD` date that local milliseconds fall on. */
export function formatLocalDate(localMs: number): string {
  const date = new Date(Math.floor(localMs / DAY_MS) * DAY_MS);
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`;
}

/** The weekday of the date that local milliseconds fall on. */
export function weekdayOf(localMs: number): Weekday {
  // getUTCDay counts from Sunday; WEEKDAYS starts on Monday.
  return WEEKDAYS[(new Date(localMs).getUTCDay() + 6) % 7];
}

/** Minutes since local midnight of `HH:MM` (`24:00` is 1440); NaN for any other text, `09:60` and `24:15` too. */
export function minutesOfDay(timeOfDay: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(timeOfDay);
  if (!match) return NaN;
  const [hours, minutes] = [Number(match[1]), Number(match[2])];
  return minutes > 59 || hours > 24 || (hours === 24 && minutes > 0) ? NaN : hours * 60 + minutes;
}
