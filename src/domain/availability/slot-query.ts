/**
 * The query of `GET /providers/{providerId}/slots`: `from` and `to` as in listing (default now
 * and 7 days, at most 31 days apart) and a required `durationMinutes` under the appointment's
 * rule (a multiple of 15, 15 to 480). Each parameter at most once.
 */
import * as z from 'zod/mini';
import { validationError } from '../errors';
import { queryWindow, refuseRepeatedParameters } from '../listing';
import { durationSchema, instantSchema, toDetails } from '../validation';
import { SlotQuery } from './free-slots';

const slotParamsSchema = z.strictObject({
  from: z.optional(instantSchema),
  to: z.optional(instantSchema),
  durationMinutes: z.pipe(
    z
      .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a whole number of minutes') })
      .check(z.regex(/^\d{1,3}$/, { error: 'must be a whole number of minutes' })),
    z.pipe(z.transform(Number), durationSchema),
  ),
});

/** `single` is API Gateway's `queryStringParameters`, `multi` its `multiValueQueryStringParameters`. */
export function parseSlotQuery(
  single: Readonly<Record<string, string | undefined>> | null,
  multi: Readonly<Record<string, readonly string[] | undefined>> | null,
  now: Date,
): SlotQuery {
  refuseRepeatedParameters(multi);
  const result = slotParamsSchema.safeParse(single ?? {});
  if (!result.success) throw validationError(toDetails(result.error));
  const { fromMs, toMs } = queryWindow(result.data.from, result.data.to, now);
  return { fromMs, toMs, durationMinutes: result.data.durationMinutes };
}
