/**
 * The rules of `GET /appointments`: exactly one selector, a window [from, to) of at most 31 days
 * (default: the next 7 days from now), a page size, and an optional page token (checked by the
 * data layer, which alone can verify it).
 */
import * as z from 'zod/mini';
import { validationError, ValidationDetail } from './errors';
import { DAY_MS, formatUtc, LAST_INSTANT_MS } from './time';
import { idSchema, instantSchema, toDetails } from './validation';

export const MAX_WINDOW_DAYS = 31;
export const DEFAULT_WINDOW_DAYS = 7;
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;

export type ListSelector =
  { readonly kind: 'provider'; readonly id: string } | { readonly kind: 'customer'; readonly id: string };

export interface ListQuery {
  readonly selector: ListSelector;
  /** UTC `...Z`, inclusive. */
  readonly from: string;
  /** UTC `...Z`, exclusive. */
  readonly to: string;
  /**
   * Which bounds the request named. A page token carries the window of its first page: bounds
   * the request left to their defaults (which move with the clock) are taken from the token,
   * bounds it named must equal the token's.
   */
  readonly given: { readonly from: boolean; readonly to: boolean };
  readonly limit: number;
  readonly includeCancelled: boolean;
  readonly nextToken?: string;
}

const limitMessage = `must be a whole number from 1 to ${MAX_PAGE_SIZE}`;

const listParamsSchema = z.strictObject({
  providerId: z.optional(idSchema),
  customerId: z.optional(idSchema),
  from: z.optional(instantSchema),
  to: z.optional(instantSchema),
  limit: z.optional(
    z.pipe(
      z.string().check(z.regex(/^\d{1,3}$/, { error: limitMessage })),
      z
        .transform(Number)
        .check(z.refine((limit: number) => limit >= 1 && limit <= MAX_PAGE_SIZE, { error: limitMessage })),
    ),
  ),
  nextToken: z.optional(
    z
      .string()
      .check(
        z.minLength(1, { error: 'must not be empty' }),
        z.maxLength(2048, { error: 'is not a page token issued for this query' }),
      ),
  ),
  includeCancelled: z.optional(z.enum(['true', 'false'], { error: 'must be true or false' })),
});

/** VALIDATION_ERROR naming each query parameter given more than once (`multi`: API Gateway's multi-value map). */
export function refuseRepeatedParameters(multi: Readonly<Record<string, readonly string[] | undefined>> | null): void {
  const repeated: ValidationDetail[] = Object.entries(multi ?? {})
    .filter(([, values]) => (values?.length ?? 0) > 1)
    .map(([name]) => ({ path: name, message: 'must be given only once' }));
  if (repeated.length > 0) throw validationError(repeated);
}

/**
 * The window `[from, to)` of a listing or a free-slot search: `from` defaults to now, `to` to
 * 7 days after `from`; `from < to`, at most 31 days apart, or VALIDATION_ERROR naming `to`.
 */
export function queryWindow(
  from: number | undefined,
  to: number | undefined,
  now: Date,
): { readonly fromMs: number; readonly toMs: number } {
  const fromMs = from ?? now.getTime();
  const toMs = to ?? fromMs + DEFAULT_WINDOW_DAYS * DAY_MS;
  if (toMs > LAST_INSTANT_MS) {
    throw validationError([
      to === undefined
        ? {
            path: 'from',
            message: `must be at least ${DEFAULT_WINDOW_DAYS} days before ${formatUtc(LAST_INSTANT_MS)} when to is not given`,
          }
        : { path: 'to', message: `must be at or before ${formatUtc(LAST_INSTANT_MS)}` },
    ]);
  }
  if (fromMs >= toMs) throw validationError([{ path: 'to', message: 'must be after from' }]);
  if (toMs - fromMs > MAX_WINDOW_DAYS * DAY_MS) {
    throw validationError([{ path: 'to', message: `must be at most ${MAX_WINDOW_DAYS} days after from` }]);
  }
  return { fromMs, toMs };
}

/** A whole second at or after `epochMs`: stored starts have no fractions, so [ceil(from), ceil(to)) selects the same. */
const ceilToSecond = (epochMs: number) => formatUtc(Math.ceil(epochMs / 1000) * 1000);

/**
 * `single` is API Gateway's `queryStringParameters`, `multi` its `multiValueQueryStringParameters`;
 * a parameter given twice (`?providerId=a&providerId=b`) is refused rather than guessed at.
 */
export function parseListQuery(
  single: Readonly<Record<string, string | undefined>> | null,
  multi: Readonly<Record<string, readonly string[] | undefined>> | null,
  now: Date,
): ListQuery {
  refuseRepeatedParameters(multi);
  const result = listParamsSchema.safeParse(single ?? {});
  if (!result.success) throw validationError(toDetails(result.error));
  const params = result.data;

  if ((params.providerId === undefined) === (params.customerId === undefined)) {
    const message = 'exactly one of providerId and customerId is required';
    throw validationError([
      { path: 'providerId', message },
      { path: 'customerId', message },
    ]);
  }
  const { fromMs, toMs } = queryWindow(params.from, params.to, now);
  return {
    selector:
      params.providerId !== undefined
        ? { kind: 'provider', id: params.providerId }
        : { kind: 'customer', id: params.customerId as string },
    from: ceilToSecond(fromMs),
    to: ceilToSecond(toMs),
    given: { from: params.from !== undefined, to: params.to !== undefined },
    limit: params.limit ?? DEFAULT_PAGE_SIZE,
    includeCancelled: params.includeCancelled === 'true',
    ...(params.nextToken === undefined ? {} : { nextToken: params.nextToken }),
  };
}
