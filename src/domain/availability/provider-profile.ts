/**
 * A provider's profile and availability as `PUT /providers/{providerId}` takes it
 * (shared/API-CONTRACT.md, "Providers and availability"), and its validation. Working hours are
 * wall-clock times in the provider's zone; ./bookable.ts turns them into instants.
 */
import * as z from 'zod/mini';
import { freeTextSchema, parseOrThrow, timeZoneSchema } from '../validation';
import { minutesOfDay, parseLocalDate, Weekday, WEEKDAYS } from './local-date';

export { WEEKDAYS };
export type { Weekday };

export const MAX_INTERVALS_PER_DAY = 8;
export const MAX_DATE_OVERRIDES = 200;
export const DEFAULT_BOOKING_WINDOW_DAYS = 365;
const MAX_BUFFER_MINUTES = 120;
const MAX_MINIMUM_NOTICE_MINUTES = 43_200;
const MAX_BOOKINGS_PER_DAY = 200;
const BOUNDARY_MINUTES = 15;

/** Working time on one local date, `[start, end)` as wall-clock `HH:MM`. */
export interface WorkingInterval {
  /** `00:00` to `23:45`, on a 15-minute boundary. */
  readonly start: string;
  /** After `start`, on a 15-minute boundary; `24:00` is the end of the date. */
  readonly end: string;
}

/** The hours of one local date, in place of its weekday's hours. */
export interface DateOverride {
  /** `YYYY-MM-DD`, a calendar date in the provider's zone. */
  readonly date: string;
  /** Sorted, not overlapping, at most 8; `[]` means closed that date. */
  readonly intervals: readonly WorkingInterval[];
}

export interface ProviderProfile {
  /** 1-200 characters under the free-text rules, trimmed, NFC. */
  readonly name: string;
  /** A canonical IANA zone name; working hours are wall-clock times in it. */
  readonly timeZone: string;
  /** Each day sorted and not overlapping, at most 8 intervals; a missing day has no hours. */
  readonly weeklyHours: Readonly<Partial<Record<Weekday, readonly WorkingInterval[]>>>;
  /** Unique dates, at most 200. @default [] */
  readonly dateOverrides: readonly DateOverride[];
  /** Kept free before each appointment; a multiple of 15, 0-120. @default 0 */
  readonly bufferBeforeMinutes: number;
  /** Kept free after each appointment; a multiple of 15, 0-120. @default 0 */
  readonly bufferAfterMinutes: number;
  /** How long before its start an interval can be booked at the latest; 0-43200. @default 0 */
  readonly minimumNoticeMinutes: number;
  /** How far ahead a start can be booked, in days of 24 hours; 1-365. @default 365 */
  readonly bookingWindowDays: number;
  /** CONFIRMED appointments one local date may hold; 1-200. @default no limit (absent) */
  readonly maxBookingsPerDay?: number;
}

/** A schema-level message for a wrong value; a missing one keeps parseOrThrow's "is required". */
const unlessMissing = (message: string) => (issue: { readonly input?: unknown }) =>
  issue.input === undefined ? undefined : message;

/** `24:00`, the one time of day that only an end may be. */
const END_OF_DAY_MINUTES = 24 * 60;

function timeOfDaySchema(role: 'start' | 'end') {
  return z.string({ error: unlessMissing('must be a time of day HH:MM, like 09:00') }).check(
    z.superRefine((text, context) => {
      const problem = (message: string) => context.addIssue({ code: 'custom', message, input: text });
      const minutes = minutesOfDay(text);
      if (Number.isNaN(minutes)) {
        problem('must be a time of day HH:MM from 00:00 to 24:00, like 09:00');
      } else if (minutes % BOUNDARY_MINUTES !== 0) {
        problem('must be on a 15-minute boundary (:00, :15, :30 or :45)');
      } else if (role === 'start' && minutes === END_OF_DAY_MINUTES) {
        problem('must be before 24:00 (only an end may be 24:00)');
      }
    }),
  );
}

const workingIntervalSchema = z
  .strictObject(
    { start: timeOfDaySchema('start'), end: timeOfDaySchema('end') },
    { error: unlessMissing('must be an object with start and end') },
  )
  .check(
    // A start or end already refused (NaN, or a start of 24:00) adds no second issue.
    z.refine(
      (interval) => {
        const start = minutesOfDay(interval.start);
        return !(start < END_OF_DAY_MINUTES && start >= minutesOfDay(interval.end));
      },
      { error: 'must be after start', path: ['end'] },
    ),
  );

/** One date's intervals: the same rules for a weekday and for an override. */
const dayIntervalsSchema = z
  .array(workingIntervalSchema, { error: unlessMissing('must be a list of intervals') })
  .check(
    z.maxLength(MAX_INTERVALS_PER_DAY, { error: `must hold at most ${MAX_INTERVALS_PER_DAY} intervals` }),
    z.superRefine((intervals, context) => {
      // With each start < end, "each start at or after the previous end" is both sorted and disjoint.
      intervals.forEach((interval, index) => {
        const previous = intervals[index - 1];
        if (previous === undefined || !(minutesOfDay(interval.start) < minutesOfDay(previous.end))) return;
        context.addIssue({
          code: 'custom',
          message: `must be at or after ${previous.end}, the end of the interval before it (intervals are sorted and do not overlap)`,
          path: [index, 'start'],
          input: interval.start,
        });
      });
    }),
  );

const weeklyHoursSchema = z.strictObject(
  Object.fromEntries(WEEKDAYS.map((day) => [day, z.optional(dayIntervalsSchema)])) as Record<
    Weekday,
    z.ZodMiniOptional<typeof dayIntervalsSchema>
  >,
  { error: unlessMissing('must be an object with keys among MON, TUE, WED, THU, FRI, SAT, SUN') },
);

const localDateSchema = z.string({ error: unlessMissing('must be a date YYYY-MM-DD, like 2026-12-24') }).check(
  z.superRefine((text, context) => {
    const problem = (message: string) => context.addIssue({ code: 'custom', message, input: text });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) problem('must be a date YYYY-MM-DD, like 2026-12-24');
    else if (parseLocalDate(text) === undefined) problem('is not a calendar date');
  }),
);

const dateOverridesSchema = z
  .array(z.strictObject({ date: localDateSchema, intervals: dayIntervalsSchema }), {
    error: unlessMissing('must be a list of date overrides'),
  })
  .check(
    z.maxLength(MAX_DATE_OVERRIDES, { error: `must hold at most ${MAX_DATE_OVERRIDES} date overrides` }),
    z.superRefine((overrides, context) => {
      const firstIndexOf = new Map<string, number>();
      overrides.forEach(({ date }, index) => {
        const first = firstIndexOf.get(date);
        if (first === undefined) firstIndexOf.set(date, index);
        else {
          context.addIssue({
            code: 'custom',
            message: `repeats the date of dateOverrides[${first}]; each date may be overridden once`,
            path: [index, 'date'],
            input: date,
          });
        }
      });
    }),
  );

function wholeNumberSchema(unit: string, min: number, max: number, multipleOf = 1) {
  return z
    .int({ error: unlessMissing(`must be a whole number of ${unit}`) })
    .check(
      z.gte(min, { error: `must be at least ${min}` }),
      z.lte(max, { error: `must be at most ${max}` }),
      z.multipleOf(multipleOf, { error: `must be a multiple of ${multipleOf}` }),
    );
}

const bufferSchema = wholeNumberSchema('minutes', 0, MAX_BUFFER_MINUTES, BOUNDARY_MINUTES);

export const providerProfileRequestSchema = z.strictObject({
  name: freeTextSchema({ multiline: false, maxLength: 200, isName: true }),
  timeZone: timeZoneSchema,
  weeklyHours: weeklyHoursSchema,
  dateOverrides: z.optional(dateOverridesSchema),
  bufferBeforeMinutes: z.optional(bufferSchema),
  bufferAfterMinutes: z.optional(bufferSchema),
  minimumNoticeMinutes: z.optional(wholeNumberSchema('minutes', 0, MAX_MINIMUM_NOTICE_MINUTES)),
  bookingWindowDays: z.optional(wholeNumberSchema('days', 1, DEFAULT_BOOKING_WINDOW_DAYS)),
  maxBookingsPerDay: z.optional(wholeNumberSchema('bookings', 1, MAX_BOOKINGS_PER_DAY)),
});

/**
 * The profile a `PUT /providers` body asks for, with the contract's defaults filled in, or
 * VALIDATION_ERROR naming each failed field as the contract does (`weeklyHours.MON[1].start`).
 */
export function parseProviderProfileRequest(body: unknown): ProviderProfile {
  const request = parseOrThrow(providerProfileRequestSchema, body, '', 'bracketed');
  const { maxBookingsPerDay } = request;
  return {
    name: request.name,
    timeZone: request.timeZone,
    weeklyHours: request.weeklyHours,
    dateOverrides: request.dateOverrides ?? [],
    bufferBeforeMinutes: request.bufferBeforeMinutes ?? 0,
    bufferAfterMinutes: request.bufferAfterMinutes ?? 0,
    minimumNoticeMinutes: request.minimumNoticeMinutes ?? 0,
    bookingWindowDays: request.bookingWindowDays ?? DEFAULT_BOOKING_WINDOW_DAYS,
    // Absent means no limit: the key stays absent rather than `undefined`, so it never serialises.
    ...(maxBookingsPerDay === undefined ? {} : { maxBookingsPerDay }),
  };
}
