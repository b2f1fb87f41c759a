/**
 * Hostile requests to every endpoint, as plain data that either an API Gateway proxy event
 * (the deployed path) or an HTTP request (the local server) can be built from.
 */
import fc from 'fast-check';
import { OperationName } from '../../../src/operations';
import { createBody, profileBody, updateBody } from './hostile-bodies';
import { hostileString, hostileTime } from './hostile-values';

export interface HostileRequest {
  readonly operation: OperationName;
  readonly appointmentId?: string;
  /** The `{providerId}` of the provider operations' paths. */
  readonly providerId?: string;
  readonly body?: string;
  readonly headers: Record<string, string>;
  readonly query?: Record<string, string[]>;
}

/** What the generators draw real values from. */
export interface FuzzContext {
  /** Bookable starts; few, so that valid bookings also meet SLOT_CONFLICT. */
  readonly slots: readonly string[];
  readonly providers: readonly string[];
  /** Ids of appointments that exist. */
  readonly ids: readonly string[];
  /** The part of `ids` that cancel requests name, so that the rest stays open to updates. */
  readonly cancellableIds: readonly string[];
  /** A real page token and the query it was issued for; and one issued for another query. */
  readonly token: string;
  readonly tokenQuery: Record<string, string>;
  readonly otherQueryToken: string;
}

const IDEMPOTENCY_KEYS = [
  'k-1',
  'k-2',
  'x'.repeat(255),
  'x'.repeat(256),
  'a\u0001b',
  'a\nb',
  '\u007f',
  '',
  'k\u00e9y',
  ' ',
];
const IF_MATCH = [
  '1',
  '"1"',
  'W/"2"',
  '3',
  '*',
  '0',
  '-1',
  '1e3',
  '99999999999999999999',
  'abc',
  '"1',
  '1, 2',
  '',
  ' 3 ',
];

const headerName = (name: string) => fc.constantFrom(name, name.toLowerCase(), name.toUpperCase());
const optionalHeader = (name: string, values: fc.Arbitrary<string>) =>
  fc.option(fc.tuple(headerName(name), values), { nil: undefined, freq: 2 });

const headers = fc
  .tuple(
    optionalHeader('Idempotency-Key', fc.oneof(fc.constantFrom(...IDEMPOTENCY_KEYS), fc.string({ maxLength: 40 }))),
    optionalHeader('If-Match', fc.oneof(fc.constantFrom(...IF_MATCH), hostileString)),
    fc.option(fc.constantFrom('text/plain', 'application/json; charset=utf-16', '\u0000'), { nil: undefined }),
  )
  .map(([key, ifMatch, contentType]) => ({
    ...(key ? { [key[0]]: key[1] } : {}),
    ...(ifMatch ? { [ifMatch[0]]: ifMatch[1] } : {}),
    ...(contentType ? { 'Content-Type': contentType } : {}),
  }));

function appointmentId(ids: readonly string[]): fc.Arbitrary<string> {
  const odd = ['', 'a'.repeat(65), '../x', '%2F', 'APPT#x', ' ', '\u0000', 'id\u202e', 'a/b', 'null', '0'];
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...ids) },
    { weight: 2, arbitrary: fc.oneof(fc.constantFrom(...odd), hostileString) },
    { weight: 1, arbitrary: fc.uuid() },
  );
}

function flipOneCharacter(token: string, index: number): string {
  const position = index % token.length;
  const replacement = token[position] === 'A' ? 'B' : 'A';
  return token.slice(0, position) + replacement + token.slice(position + 1);
}

function listQuery(ctx: FuzzContext): fc.Arbitrary<Record<string, string[]>> {
  const token = fc.oneof(
    fc.constant(ctx.token),
    fc.nat().map((i) => flipOneCharacter(ctx.token, i)),
    fc.constant(ctx.otherQueryToken),
    fc.constantFrom('', 'a.b', 'a.b.c', '.', 'x'.repeat(2_049), Buffer.from('{"a":"x"}').toString('base64url') + '.AA'),
    hostileString,
  );
  const single = fc.record(
    {
      providerId: fc.oneof(fc.constantFrom(...ctx.providers), hostileString),
      customerId: fc.oneof(fc.constantFrom('fc-1', 'seed-customer'), hostileString),
      from: hostileTime,
      to: hostileTime,
      limit: fc.constantFrom('0', '1', '2', '50', '100', '101', '-1', '1e2', 'abc', '', '007', ' 5', '1.5'),
      nextToken: token,
      includeCancelled: fc.constantFrom('true', 'false', 'TRUE', '1', ''),
      unknownParam: hostileString,
    },
    { requiredKeys: [] },
  );
  const withToken = fc
    .tuple(token, fc.boolean())
    .map(([nextToken, twice]) => ({ ...ctx.tokenQuery, nextToken, ...(twice ? { limit: '2' } : {}) }));
  return fc
    .tuple(
      fc.oneof(single, withToken),
      fc.option(fc.constantFrom('providerId', 'customerId', 'limit'), { nil: undefined }),
    )
    .map(([query, doubled]) => {
      const multi: Record<string, string[]> = Object.fromEntries(
        Object.entries(query).map(([name, value]) => [name, [value as string]]),
      );
      if (doubled) multi[doubled] = [...(multi[doubled] ?? ['fz-a']), 'fz-b'];
      return multi;
    });
}

/** The provider whose profile the fuzzed PUTs replace: the booking pool keeps its open profiles. */
export const PROFILE_FUZZ_PROVIDER = 'fz-profile';

function providerId(ctx: FuzzContext, pool: readonly string[]): fc.Arbitrary<string> {
  const odd = ['', 'a'.repeat(65), '../x', '%2F', 'PROFILE#x', ' ', '\u0000', 'id\u202e', 'a/b', 'null'];
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...pool) },
    { weight: 2, arbitrary: fc.oneof(fc.constantFrom(...odd), hostileString) },
    { weight: 1, arbitrary: fc.constantFrom(...ctx.providers.map((p) => `${p}-unknown`)) },
  );
}

function slotQuery(): fc.Arbitrary<Record<string, string[]>> {
  // Valid searches too (the defaults, or a window within 31 days), so that the search itself runs.
  const valid: fc.Arbitrary<Record<string, string[]>> = fc.oneof(
    fc.constant<Record<string, string[]>>({ durationMinutes: ['30'] }),
    fc.constantFrom('15', '60', '480').map((minutes) => ({
      from: [new Date().toISOString()],
      to: [new Date(Date.now() + 3 * 86_400_000).toISOString()],
      durationMinutes: [minutes],
    })),
  );
  const hostile = fc
    .tuple(
      fc.record(
        {
          from: hostileTime,
          to: hostileTime,
          durationMinutes: fc.constantFrom('15', '30', '480', '0', '50', '495', '1e2', '', '-15', ' 30', 'abc'),
          unknownParam: hostileString,
        },
        { requiredKeys: [] },
      ),
      fc.option(fc.constantFrom('durationMinutes', 'from'), { nil: undefined }),
    )
    .map(([query, doubled]) => {
      const multi: Record<string, string[]> = Object.fromEntries(
        Object.entries(query).map(([name, value]) => [name, [value as string]]),
      );
      if (doubled) multi[doubled] = [...(multi[doubled] ?? ['30']), '45'];
      return multi;
    });
  return fc.oneof({ weight: 1, arbitrary: valid }, { weight: 2, arbitrary: hostile });
}

export function hostileRequest(ctx: FuzzContext): fc.Arbitrary<HostileRequest> {
  const readable = [...ctx.providers, PROFILE_FUZZ_PROVIDER];
  return fc.oneof(
    fc.record({ operation: fc.constant('create-appointment' as const), body: createBody(ctx), headers }),
    fc.record({ operation: fc.constant('get-appointment' as const), appointmentId: appointmentId(ctx.ids), headers }),
    fc.record({ operation: fc.constant('list-appointments' as const), query: listQuery(ctx), headers }),
    fc.record({
      operation: fc.constant('update-appointment' as const),
      appointmentId: appointmentId(ctx.ids),
      body: updateBody(ctx),
      headers,
    }),
    fc.record({
      operation: fc.constant('cancel-appointment' as const),
      appointmentId: appointmentId(ctx.cancellableIds),
      headers,
    }),
    fc.record({
      operation: fc.constant('put-provider' as const),
      providerId: providerId(ctx, [PROFILE_FUZZ_PROVIDER]),
      body: profileBody(),
      headers,
    }),
    fc.record({ operation: fc.constant('get-provider' as const), providerId: providerId(ctx, readable), headers }),
    fc.record({
      operation: fc.constant('list-free-slots' as const),
      providerId: providerId(ctx, readable),
      query: slotQuery(),
      headers,
    }),
  );
}

/** Every text the request carries, for telling an echo of the input from a leak. */
export const sentText = (request: HostileRequest): string[] => [
  request.appointmentId ?? '',
  request.providerId ?? '',
  request.body ?? '',
  ...Object.values(request.headers),
  ...Object.values(request.query ?? {}).flat(),
];
