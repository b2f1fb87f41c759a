/**
 * fast-check arbitraries of hostile values: the strings, numbers, times and shapes a careless or
 * malicious client sends. Cheap by design (constants and short strings, a few large ones), so
 * ten thousand requests fit in seconds.
 */
import fc from 'fast-check';

export const INJECTIONS = [
  "' OR '1'='1",
  '"; DROP TABLE appointments; --',
  '{"$ne":null}',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '${7*7}',
  '{{7*7}}',
  '%00',
  '%s%s%s%n',
  'APPT#x',
  'SLOT#fz-a#2027-06-02T09:00:00Z',
  'attribute_not_exists(pk)',
  ':expectedVersion',
  '#version',
  '__proto__',
  'constructor',
  '\r\nX-Injected: 1',
  'a'.repeat(64) + '#',
];

export const UNICODE_EDGES = [
  '\ud800',
  '\udfff',
  'a\ud800b',
  '\udc00\ud800',
  '\u202eevil\u202c',
  '\u200f\u200e',
  '\u200b',
  '\ufeff',
  '\u0000',
  'x\u0000y',
  '\ud83d\udc69\ud83c\udffd\u200d\u2695\ufe0f',
  '\ud835\udd4f',
  '\u0645\u0631\u062d\u0628\u0627',
  'e\u0301',
  '\u2028\u2029',
  '\uffff',
  '\u00a0',
  '\u0007\u001b[31m',
];

/** Around and beyond every length limit: 64 (ids), 200 (name), 1000 (notes), 16 KB (body). */
const hugeString = fc
  .tuple(fc.constantFrom(65, 201, 1001, 8_200, 16_385, 17_000), fc.constantFrom('a', '\u00e9', '\ud83d\ude00', ' '))
  .map(([length, unit]) => unit.repeat(length));

export const hostileString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...INJECTIONS, ...UNICODE_EDGES) },
  { weight: 2, arbitrary: fc.string({ maxLength: 24 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: hugeString },
);

/**
 * Numbers JSON.stringify cannot write (1e309, -0, NaN...) travel as placeholders that
 * `toJsonText` replaces with the bare token, so the body carries exactly that text.
 */
const RAW = (token: string) => `\u0000RAW:${token}\u0000`;
const RAW_PATTERN = /"\\u0000RAW:([^"\\]*)\\u0000"/g;
export const toJsonText = (value: unknown) => JSON.stringify(value).replace(RAW_PATTERN, '$1');

export const hostileNumber = fc.oneof(
  fc.constantFrom(0, -15, 15.5, 2 ** 53 + 1, 1e-7, 481, 495, 10_081, 30, 60, -1, Number.MAX_SAFE_INTEGER),
  fc
    .constantFrom('1e309', '-1e309', '-0', 'NaN', 'Infinity', '9007199254740993', '3e1', '30.0', '0x1E', '015')
    .map(RAW),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

const nested = (depth: number, leaf: unknown): unknown => {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { a: value };
  return value;
};

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 3, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.constantFrom(true, false, null, [], {}, [null], { '': '' }) },
  { weight: 1, arbitrary: fc.array(fc.integer({ min: -5, max: 20_000 }), { maxLength: 6 }) },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 4, max: 6_000 }).map((n) => Array.from({ length: n }, (_, i) => (i % 4) + 1)),
  },
  { weight: 1, arbitrary: fc.integer({ min: 2, max: 60 }).map((depth) => nested(depth, 'x')) },
);

export const FIXED_TIMES = [
  '2028-02-29T10:00:00Z',
  '2027-02-29T10:00:00Z',
  '2027-06-02T10:00:00+05:45',
  '2027-06-02T09:30:00-00:00',
  '2027-06-02T10:00:00',
  '2027-11-07T01:30:00-07:00',
  '2028-03-12T02:30:00-08:00',
  '2027-06-02T24:00:00Z',
  '2027-06-02T10:00:60Z',
  '2027-06-02T10:00:00+24:00',
  '2027-06-02T10:07:00Z',
  '2027-06-02T10:00:00.000Z',
  '2027-06-02T10:00:00.001Z',
  '2027-06-02t10:00:00z',
  '2026-01-01T00:00:00Z',
  '2029-01-01T00:00:00Z',
  '9999-12-31T23:59:59-23:59',
  '0000-01-01T00:00:00+23:59',
  '2027-13-01T00:00:00Z',
  '2027-06-31T00:00:00Z',
  '2027-06-02 10:00:00Z',
  '+2027-06-02T10:00:00Z',
  '2027-06-02T10:00:00+0545',
  'now',
  '1780000000',
  '',
];

const two = (n: number) => String(n).padStart(2, '0');

export const hostileTime = fc.oneof(
  fc.constantFrom(...FIXED_TIMES),
  fc
    .record({
      year: fc.oneof(fc.constantFrom(2027, 2028), fc.integer({ min: 0, max: 9_999 })),
      month: fc.integer({ min: 0, max: 13 }),
      day: fc.integer({ min: 0, max: 32 }),
      hour: fc.integer({ min: 0, max: 25 }),
      minute: fc.constantFrom(0, 15, 30, 45, 7, 59, 60),
      second: fc.constantFrom(0, 0, 0, 1, 59, 60, 61),
      offset: fc.constantFrom('Z', 'z', '+05:45', '-00:00', '+14:00', '-12:00', '+23:59', '-24:00', '+05:60', ''),
    })
    .map(
      (t) =>
        `${String(t.year).padStart(4, '0')}-${two(t.month)}-${two(t.day)}T${two(t.hour)}:${two(t.minute)}:${two(t.second)}${t.offset}`,
    ),
);

export const TIME_ZONES = [
  'America/Los_Angeles',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'Etc/GMT+12',
  'UTC',
  'Asia/Katmandu',
  '+05:45',
  'Mars/Olympus_Mons',
  'America/Los Angeles',
  '../../etc/zoneinfo',
  'utc',
  '',
];
