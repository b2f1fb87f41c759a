/**
 * Field rules of the contract (shared/API-CONTRACT.md, "The appointment"), as zod schemas, and
 * the translation of zod issues into the contract's `{path, message}` details. Time rules need
 * the current instant, so schemas that check them are built from an injected `now`.
 */
import { z } from 'zod';
import { validationError, ValidationDetail } from './errors';
import { DAY_MS, formatUtc, MINUTE_MS, parseInstant } from './time';
import { isOnSlotBoundary, SLOT_MINUTES } from './slots';

export const MAX_DAYS_AHEAD = 365;
export const DEFAULT_REMINDER_MINUTES: readonly number[] = [1440, 60];
const MAX_REMINDERS = 3;
const MAX_REMINDER_MINUTES = 7 * 24 * 60;

export const idSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'must be 1 to 64 characters of A-Z, a-z, 0-9, _ or -' });

export const customerSchema = z.strictObject({
  customerId: idSchema,
  name: z.string().trim().min(1, { error: 'must not be blank' }).max(200, { error: 'must be at most 200 characters' }),
  email: z.email({ error: 'must be a valid email address' }).optional(),
  phone: z
    .string()
    .regex(/^\+[1-9]\d{1,14}$/, { error: 'must be an E.164 phone number, like +14155550100' })
    .optional(),
});

export const durationSchema = z
  .number()
  .int({ error: 'must be a whole number of minutes' })
  .min(SLOT_MINUTES, { error: `must be at least ${SLOT_MINUTES}` })
  .max(480, { error: 'must be at most 480' })
  .multipleOf(SLOT_MINUTES, { error: `must be a multiple of ${SLOT_MINUTES}` });

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
  .refine(isIanaTimeZone, { error: 'must be an IANA time zone name, like America/Los_Angeles' });

export const notesSchema = z.string().max(1000, { error: 'must be at most 1000 characters' });

/** Duplicates collapse; kept largest first so reminders read in the order they fire. */
export const reminderMinutesSchema = z
  .array(
    z
      .number()
      .int({ error: 'must be a whole number of minutes' })
      .min(1, { error: 'must be at least 1' })
      .max(MAX_REMINDER_MINUTES, { error: `must be at most ${MAX_REMINDER_MINUTES}` }),
  )
  .transform((minutes) => [...new Set(minutes)].sort((a, b) => b - a))
  .refine((minutes) => minutes.length <= MAX_REMINDERS, {
    error: `must hold at most ${MAX_REMINDERS} distinct values`,
  });

/** An RFC 3339 instant with an offset, normalised to UTC `...Z`. */
export const instantSchema = z.string().transform((text, ctx) => {
  const parsed = parseInstant(text);
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: parsed.message });
    return z.NEVER;
  }
  return parsed.value.epochMs;
});

/** A bookable start: on a slot boundary, strictly after `now`, at most 365 days ahead. */
export function bookableStartSchema(now: Date) {
  return z.string().transform((text, ctx) => {
    const parsed = parseInstant(text);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: parsed.message });
      return z.NEVER;
    }
    const { epochMs, hasFraction } = parsed.value;
    if (hasFraction || !isOnSlotBoundary(epochMs)) {
      ctx.addIssue({ code: 'custom', message: `must be on a ${SLOT_MINUTES}-minute boundary with zero seconds` });
    } else if (epochMs <= now.getTime()) {
      ctx.addIssue({ code: 'custom', message: 'must be in the future' });
    } else if (epochMs > now.getTime() + MAX_DAYS_AHEAD * DAY_MS) {
      ctx.addIssue({ code: 'custom', message: `must be at most ${MAX_DAYS_AHEAD} days ahead` });
    }
    return formatUtc(epochMs);
  });
}

export const addMinutes = (utc: string, minutes: number) => formatUtc(Date.parse(utc) + minutes * MINUTE_MS);

/** Parses `input` or throws VALIDATION_ERROR listing every failed rule. */
export function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown, pathPrefix = ''): z.output<T> {
  const result = schema.safeParse(input, {
    error: (issue) => (issue.input === undefined ? 'is required' : undefined),
  });
  if (result.success) return result.data;
  throw validationError(toDetails(result.error, pathPrefix));
}

export function toDetails(error: z.ZodError, pathPrefix = ''): ValidationDetail[] {
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
