/** Hostile request bodies: malformed JSON, valid bookings with hostile mutations, deep and huge shapes. */
import fc from 'fast-check';
import type { FuzzContext } from './hostile-requests';
import { hostileString, hostileTime, hostileValue, TIME_ZONES, toJsonText } from './hostile-values';

const MALFORMED_BODIES = [
  ...[' ', '{', '}', '{"providerId":', "{'providerId':'a'}", '{"a":1,}', '[1,2,]', 'undefined', 'NaN'],
  ...['null', 'true', '"text"', '123', '[]', '{}', '\ufeff{}', '\u0000', '{"a":"\\u00"}', '{"a":1}{"b":2}'],
  ...['{"providerId":"fz-a","providerId":"fz-b"}', '{"durationMinutes":NaN}', '/*c*/{}', '{"a":"\n"}'],
];

const rawBody = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...MALFORMED_BODIES) },
  { weight: 1, arbitrary: fc.integer({ min: 33, max: 9_000 }).map((n) => '['.repeat(n) + ']'.repeat(n)) },
  { weight: 1, arbitrary: fc.integer({ min: 33, max: 3_000 }).map((n) => '{"a":'.repeat(n) + '1' + '}'.repeat(n)) },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 10, max: 6_000 }).map((n) => `{"reminderMinutesBefore":[${'60,'.repeat(n)}60]}`),
  },
  { weight: 1, arbitrary: fc.integer({ min: 16_300, max: 17_000 }).map((n) => `{"notes":"${'x'.repeat(n)}"}`) },
);

/** Sets `name` as an own property, even `__proto__`, so that JSON.stringify writes it. */
const withField = (target: Record<string, unknown>, name: string, value: unknown) =>
  Object.defineProperty({ ...target }, name, { value, enumerable: true, writable: true, configurable: true });

const EXTRA_NAMES = ['extra', '__proto__', 'constructor', 'providerID', 'status', 'version', 'appointmentId', 'pk'];

type Mutation =
  { kind: 'set' | 'drop'; path: string; value?: unknown } | { kind: 'extra'; name: string; value: unknown };

function mutate(body: Record<string, unknown>, mutations: readonly Mutation[]): Record<string, unknown> {
  let result = { ...body, customer: { ...(body.customer as object) } } as Record<string, unknown>;
  for (const m of mutations) {
    if (m.kind === 'extra') {
      result = withField(result, m.name, m.value);
      continue;
    }
    const [head, tail] = m.path.split('.');
    const holder = tail === undefined ? result : (result[head] as Record<string, unknown>);
    const field = tail ?? head;
    if (typeof holder !== 'object' || holder === null) continue;
    if (m.kind === 'drop') delete holder[field];
    else holder[field] = m.value;
  }
  return result;
}

const mutationOf = (fields: readonly string[]): fc.Arbitrary<Mutation> =>
  fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant('set' as const),
        path: fc.constantFrom(...fields),
        value: hostileValue,
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({ kind: fc.constant('set' as const), path: fc.constantFrom('start'), value: hostileTime }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('drop' as const), path: fc.constantFrom(...fields) }) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('extra' as const),
        name: fc.oneof(fc.constantFrom(...EXTRA_NAMES), hostileString),
        value: hostileValue,
      }),
    },
  );

const CREATE_FIELDS = ['providerId', 'start', 'durationMinutes', 'timeZone', 'notes', 'reminderMinutesBefore'];
const CUSTOMER_FIELDS = ['customer', 'customer.customerId', 'customer.name', 'customer.email', 'customer.phone'];

export function createBody(ctx: FuzzContext): fc.Arbitrary<string> {
  const valid = fc.record({
    providerId: fc.constantFrom(...ctx.providers),
    customer: fc.record({
      customerId: fc.constantFrom('fc-1', 'fc-2'),
      name: fc.constantFrom('Ada', ' Zo\u00eb ', '\u0645\u0631\u062d\u0628\u0627'),
      email: fc.constantFrom('ada@example.com', 'a+b@sub.example.org'),
      phone: fc.constantFrom('+14155550100', '+9779812345678'),
    }),
    start: fc.constantFrom(...ctx.slots),
    durationMinutes: fc.constantFrom(15, 30, 45, 60),
    timeZone: fc.constantFrom(...TIME_ZONES.slice(0, 6)),
  });
  const mutated = fc
    .tuple(valid, fc.array(mutationOf([...CREATE_FIELDS, ...CUSTOMER_FIELDS]), { maxLength: 3 }))
    .map(([body, mutations]) => toJsonText(mutate(body, mutations)));
  return fc.oneof({ weight: 5, arbitrary: mutated }, { weight: 2, arbitrary: rawBody });
}

export function updateBody(ctx: FuzzContext): fc.Arbitrary<string> {
  const valid = fc.record(
    {
      start: fc.oneof(fc.constantFrom(...ctx.slots), hostileTime),
      durationMinutes: fc.oneof(fc.constantFrom(15, 30, 45), hostileValue),
      timeZone: fc.constantFrom(...TIME_ZONES),
      notes: fc.oneof(fc.constant(null), hostileString),
      reminderMinutesBefore: fc.constantFrom([60], [1, 2, 3, 4], [60, 60, 60, 60], [], [0], [10_080, 10_081]),
    },
    { requiredKeys: [] },
  );
  const mutated = fc
    .tuple(valid, fc.array(mutationOf(CREATE_FIELDS), { maxLength: 2 }))
    .map(([body, mutations]) => toJsonText(mutate(body as Record<string, unknown>, mutations)));
  return fc.oneof({ weight: 5, arbitrary: mutated }, { weight: 2, arbitrary: rawBody });
}

const WEEKDAY_KEYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];
const OPEN = [{ start: '00:00', end: '24:00' }];
const validProfile = fc.record({
  name: fc.constantFrom('Dr. Fuzz', 'Rene\u0301e', '  padded  '),
  timeZone: fc.constantFrom(...TIME_ZONES),
  weeklyHours: fc.constantFrom(
    Object.fromEntries(WEEKDAY_KEYS.map((day) => [day, OPEN])),
    {
      MON: [
        { start: '09:00', end: '12:00' },
        { start: '13:00', end: '17:00' },
      ],
    },
    {},
  ),
  bufferAfterMinutes: fc.constantFrom(0, 15, 120),
  maxBookingsPerDay: fc.constantFrom(1, 50, 200),
});
const brokenProfileFields: [string, unknown][] = [
  ['weeklyHours', { MON: [{ start: '09:10', end: '10:00' }] }],
  ['weeklyHours', { MON: [{ start: '09:00', end: '24:15' }] }],
  ['weeklyHours', { MON: [{ start: '10:00', end: '09:00' }] }],
  [
    'weeklyHours',
    {
      MON: [
        { start: '09:00', end: '12:00' },
        { start: '11:00', end: '13:00' },
      ],
    },
  ],
  ['weeklyHours', { MONDAY: [] }],
  ['weeklyHours', { MON: Array.from({ length: 9 }, (_, i) => ({ start: `1${i}:00`, end: `1${i}:30` })) }],
  ['weeklyHours', null],
  ['dateOverrides', [{ date: '2027-02-29', intervals: [] }]],
  [
    'dateOverrides',
    [
      { date: '2027-07-01', intervals: [] },
      { date: '2027-07-01', intervals: [] },
    ],
  ],
  [
    'dateOverrides',
    Array.from({ length: 201 }, (_, i) => ({
      date: `2028-01-${String((i % 28) + 1).padStart(2, '0')}`,
      intervals: [],
    })),
  ],
  ['bufferBeforeMinutes', 10],
  ['bufferAfterMinutes', 135],
  ['minimumNoticeMinutes', 43_201],
  ['bookingWindowDays', 0],
  ['maxBookingsPerDay', 201],
  ['name', 'Dr.\u0007Fuzz'],
  ['name', '\u202eevil'],
  ['timeZone', 'Mars/Olympus_Mons'],
];

/** `PUT /providers/{providerId}` bodies: valid profiles, each field broken, hostile values, raw text, huge ones. */
export function profileBody(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: validProfile.map((profile) => JSON.stringify(profile)) },
    {
      weight: 4,
      arbitrary: fc
        .tuple(validProfile, fc.constantFrom(...brokenProfileFields))
        .map(([profile, [field, value]]) => JSON.stringify({ ...profile, [field]: value })),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          validProfile,
          fc.constantFrom('name', 'timeZone', 'weeklyHours', 'bufferAfterMinutes', 'extra'),
          hostileValue,
        )
        .map(([profile, field, value]) => toJsonText(withField(profile, field, value))),
    },
    { weight: 1, arbitrary: rawBody },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 131_000, max: 132_000 }).map((n) => `{"name":"${'x'.repeat(n)}"}`),
    },
  );
}
