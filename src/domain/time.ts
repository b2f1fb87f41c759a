/**
 * RFC 3339 instants. `Date.parse` accepts far more than RFC 3339 (no offset means local time,
 * `2026-02-30` rolls over to March), so instants are parsed by hand and checked field by field.
 */

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|([+-])(\d{2}):(\d{2}))$/;

export interface ParsedInstant {
  /** Milliseconds since the epoch (fractional seconds truncated to milliseconds). */
  readonly epochMs: number;
  /** Whether the text carried a non-zero fraction of a second. */
  readonly hasFraction: boolean;
}

export type InstantParseResult = { ok: true; value: ParsedInstant } | { ok: false; message: string };

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Parses an RFC 3339 date-time that carries an explicit offset (`Z`, `+05:45`, `-00:00`). */
export function parseInstant(text: string): InstantParseResult {
  const match = RFC3339.exec(text);
  if (!match) {
    return {
      ok: false,
      message: 'must be an RFC 3339 date-time with an explicit offset, like 2026-12-01T09:00:00-08:00 or ...Z',
    };
  }
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  const fraction = match[7] ?? '';
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, message: 'is not a calendar date' };
  }
  if (hour > 23 || minute > 59 || second > 59) {
    // Second 60 is RFC 3339's leap second; no clock in this system can represent it.
    return { ok: false, message: 'is not a valid time of day' };
  }
  let offsetMinutes = 0;
  if (match[9]) {
    const offsetHours = Number(match[10]);
    const offsetMins = Number(match[11]);
    if (offsetHours > 23 || offsetMins > 59) return { ok: false, message: 'has an invalid UTC offset' };
    // `-00:00` is RFC 3339's "UTC, local offset unknown": the instant is still UTC.
    offsetMinutes = (match[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  const millis = fraction ? Number(fraction.slice(1, 4).padEnd(3, '0')) : 0;
  const utc = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0-99 to 1900-1999.
  utc.setUTCFullYear(year, month - 1, day);
  utc.setUTCHours(hour, minute, second, millis);
  return {
    ok: true,
    value: { epochMs: utc.getTime() - offsetMinutes * 60_000, hasFraction: /[1-9]/.test(fraction) },
  };
}

/** `2026-12-01T17:00:00Z`: UTC, `Z` suffix, no fractional seconds (truncated). */
export function formatUtc(epochMs: number): string {
  return new Date(Math.floor(epochMs / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * The last instant RFC 3339 can write (its years have four digits): every time the API reads,
 * stores or compares as text is at or before it. `formatUtc` of a later one starts with `+0`,
 * which sorts before every stored start.
 */
export const LAST_INSTANT_MS = Date.UTC(9999, 11, 31, 23, 59, 59);

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
