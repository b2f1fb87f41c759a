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
import { hasVisibleCharacter, normalizeFreeText } from './free-text';
import { canonicalTimeZone } from './time-zones';

export const MAX_DAYS_AHEAD = 365;
export const DEFAULT_REMINDER_MINUTES: readonly number[] = [1440, 60];
export const MAX_REMINDERS = 3;
const MAX_REMINDER_MINUTES = 7 * 24 * 60;

export const idSchema = z
  .string()
  .check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'must be 1 to 64 characters of A-Z, a-z, 0-9, _ or -' }));

export interface FreeTextField {
  /** Line feed and tab allowed (notes), or a single line (names, reasons). */
  readonly multiline: boolean;
  /** Length limit in UTF-16 code units, after normalising (and trimming, for names). */
  readonly maxLength: number;
  /** A name: trimmed, not blank, and with a visible character. @default false */
  readonly isName?: boolean;
}

/** Free text under the contract's rules (./free-text), normalised to NFC. */
export function freeTextSchema(field: FreeTextField) {
  return z.pipe(
    z.string(),
    z.transform((input: string, payload) => {
      const problem = (message: string) => {
        payload.issues.push({ code: 'custom', message, input });
        return z.NEVER;
      };
      const normalized = normalizeFreeText(input, { multiline: field.multiline });
      if (!normalized.ok) return problem(normalized.message);
      const text = field.isName ? normalized.text.trim() : normalized.text;
      if (field.isName && text === '') return problem('must not be blank');
      if (field.isName && !hasVisibleCharacter(text)) return problem('must contain a visible character');
      if (text.length > field.maxLength) return problem(`must be at most ${field.maxLength} characters`);
      return text;
    }),
  );
}

export const customerSchema = z.strictObject({
  customerId: idSchema,
  name: freeTextSchema({ multiline: false, maxLength: 200, isName: true }),
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

/** An IANA zone name in any letter case, as its canonical spelling (./time-zones). */
export const timeZoneSchema = z.pipe(
  z.string(),
  z.transform((input: string, payload) => {
    const canonical = canonicalTimeZone(input);
    if (canonical !== undefined) return canonical;
    payload.issues.push({ code: 'custom', message: 'must be an IANA time zone name, like America/Los_Angeles', input });
    return z.NEVER;
  }),
);

export const notesSchema = freeTextSchema({ multiline: true, maxLength: 1000 });

/** Why an appointment was cancelled (`DELETE` body): one line of free text. */
export const cancellationReasonSchema = freeTextSchema({ multiline: false, maxLength: 500 });

/** Staff only (./access): skip the availability rules, never the conflict check. */
export const overrideAvailabilitySchema = z.boolean({ error: 'must be true or false' });

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

/** A bookable start, normalised to UTC `...Z`: on a slot boundary, after `now`, less than 365 days ahead
 * (the default booking window, where rule 3 of availability draws the same line). */
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
      } else if (epochMs >= now.getTime() + MAX_DAYS_AHEAD * DAY_MS) {
        problem(`must be less than ${MAX_DAYS_AHEAD} days ahead`);
      }
      return formatUtc(epochMs);
    }),
  );
}

export const addMinutes = (utc: string, minutes: number) => formatUtc(Date.parse(utc) + minutes * MINUTE_MS);

/**
 * How a detail's path writes an array index: the appointment's fields (version 1) are dotted,
 * `reminderMinutesBefore.1`; the provider's are bracketed, `weeklyHours.MON[1].start`, as the
 * contract's example for `PUT /providers` writes them.
 */
export type IndexNotation = 'dotted' | 'bracketed';

/** Parses `input` or throws VALIDATION_ERROR listing every failed rule. */
export function parseOrThrow<T extends z.ZodMiniType>(
  schema: T,
  input: unknown,
  pathPrefix = '',
  indexNotation: IndexNotation = 'dotted',
): z.output<T> {
  const result = schema.safeParse(input, {
    error: (issue) => (issue.input === undefined ? 'is required' : undefined),
  });
  if (result.success) return result.data;
  throw validationError(toDetails(result.error, pathPrefix, indexNotation));
}

export function toDetails(
  error: z.core.$ZodError,
  pathPrefix = '',
  indexNotation: IndexNotation = 'dotted',
): ValidationDetail[] {
  // An issue about the request body as a whole (not an object, empty) gets the path `body`.
  const join = (segments: readonly PropertyKey[]) =>
    segments.reduce<string>((path, segment) => {
      if (typeof segment === 'number' && indexNotation === 'bracketed') return `${path}[${segment}]`;
      const name = String(segment);
      if (name === '') return path;
      return path === '' ? name : `${path}.${name}`;
    }, pathPrefix) || 'body';
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
