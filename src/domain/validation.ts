/**
 * Field rules of the contract (shared/API-CONTRACT.md, "The appointment"), as zod schemas, and
 * the translation of zod issues into the contract's `{path, message}` details. Time rules need
 * the current instant, so schemas that check them are built from an injected `now`.
 */
// zod/mini, not the classic `zod` entry: same engine and rules, but tree-shakable (about 15 KB in
// a bundle instead of 450 KB, most of it locales the API never uses).
import * as z from 'zod/mini';
import { validationError, ValidationDetail } from './errors';
import { DAY_MS, formatUtc, MINUTE_MS, parseInstant } from './time';
import { isOnSlotBoundary, SLOT_MINUTES } from './slots';

export const MAX_DAYS_AHEAD = 365;
export const DEFAULT_REMINDER_MINUTES: readonly number[] = [1440, 60];
const MAX_REMINDERS = 3;
const MAX_REMINDER_MINUTES = 7 * 24 * 60;

export const idSchema = z
  .string()
  .check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'must be 1 to 64 characters of A-Z, a-z, 0-9, _ or -' }));

export const customerSchema = z.strictObject({
  customerId: idSchema,
  name: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, { error: 'must not be blank' }),
      z.maxLength(200, { error: 'must be at most 200 characters' }),
    ),
  email: z.optional(z.email({ error: 'must be a valid email address' })),
  phone: z.optional(
    z.string().check(z.regex(/^\+[1-9]\d{1,14}$/, { error: 'must be an E.164 phone number, like +14155550100' })),
  ),
});

export const durationSchema = z
  .int({ error: 'must be a whole number of minutes' })
  .check(
    z.gte(SLOT_MINUTES, { error: `must be at least ${SLOT_MINUTES}` }),
    z.lte(480, { error: 'must be at most 480' }),
    z.multipleOf(SLOT_MINUTES, { error: `must be a multiple of ${SLOT_MINUTES}` }),
  );

/** An IANA zone name. Intl also accepts offsets like `+05:00`, which are not zone names. */
export function isIanaTimeZone(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const timeZoneSchema = z
  .string()
  .check(z.refine(isIanaTimeZone, { error: 'must be an IANA time zone name, like America/Los_Angeles' }));

export const notesSchema = z.string().check(z.maxLength(1000, { error: 'must be at most 1000 characters' }));

/** Duplicates collapse; kept largest first so reminders read in the order they fire. */
export const reminderMinutesSchema = z.pipe(
  z.array(
    z
      .int({ error: 'must be a whole number of minutes' })
      .check(
        z.gte(1, { error: 'must be at least 1' }),
        z.lte(MAX_REMINDER_MINUTES, { error: `must be at most ${MAX_REMINDER_MINUTES}` }),
      ),
  ),
  z
    .transform((minutes: number[]) => [...new Set(minutes)].sort((a, b) => b - a))
    .check(
      z.refine((minutes: number[]) => minutes.length <= MAX_REMINDERS, {
        error: `must hold at most ${MAX_REMINDERS} distinct values`,
      }),
    ),
);

/** An RFC 3339 instant with an offset, as epoch milliseconds. */
export const instantSchema = z.pipe(
  z.string(),
  z.transform((text: string, payload) => {
    const parsed = parseInstant(text);
    if (parsed.ok) return parsed.value.epochMs;
    payload.issues.push({ code: 'custom', message: parsed.message, input: text });
    return z.NEVER;
  }),
);

/** A bookable start, normalised to UTC `...Z`: on a slot boundary, after `now`, at most 365 days ahead. */
export function bookableStartSchema(now: Date) {
  return z.pipe(
    z.string(),
    z.transform((text: string, payload) => {
      const problem = (message: string) => payload.issues.push({ code: 'custom', message, input: text });
      const parsed = parseInstant(text);
      if (!parsed.ok) {
        problem(parsed.message);
        return z.NEVER;
      }
      const { epochMs, hasFraction } = parsed.value;
      if (hasFraction || !isOnSlotBoundary(epochMs)) {
        problem(`must be on a ${SLOT_MINUTES}-minute boundary with zero seconds`);
      } else if (epochMs <= now.getTime()) {
        problem('must be in the future');
      } else if (epochMs > now.getTime() + MAX_DAYS_AHEAD * DAY_MS) {
        problem(`must be at most ${MAX_DAYS_AHEAD} days ahead`);
      }
      return formatUtc(epochMs);
    }),
  );
}

export const addMinutes = (utc: string, minutes: number) => formatUtc(Date.parse(utc) + minutes * MINUTE_MS);

/** Parses `input` or throws VALIDATION_ERROR listing every failed rule. */
export function parseOrThrow<T extends z.ZodMiniType>(schema: T, input: unknown, pathPrefix = ''): z.output<T> {
  const result = schema.safeParse(input, {
    error: (issue) => (issue.input === undefined ? 'is required' : undefined),
  });
  if (result.success) return result.data;
  throw validationError(toDetails(result.error, pathPrefix));
}

export function toDetails(error: z.core.$ZodError, pathPrefix = ''): ValidationDetail[] {
  // An issue about the request body as a whole (not an object, empty) gets the path `body`.
  const join = (segments: readonly PropertyKey[]) =>
    [pathPrefix, ...segments.map(String)].filter((segment) => segment !== '').join('.') || 'body';
  return error.issues.flatMap((issue): ValidationDetail[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: join([...issue.path, key]), message: 'is not a known field' }));
    }
    if (issue.code === 'invalid_type' && issue.path.length === 0) {
      return [{ path: join([]), message: `must be a JSON ${issue.expected}` }];
    }
    return [{ path: join(issue.path), message: issue.message }];
  });
}
