/**
 * A zone of the table that the runtime's Intl cannot render (an ICU older than the table) is
 * refused in every spelling; Intl is asked about each zone once, and one formatter is built per
 * zone. The runtime these tests run on renders every zone of the table
 * (__tests__/conventions/time-zones.test.ts), so the fault is made with a stand-in for
 * `Intl.DateTimeFormat` that refuses one zone and passes every other call to the real one: the
 * only mock here.
 */
type TimeZones = typeof import('../../src/domain/time-zones');

const RealDateTimeFormat = Intl.DateTimeFormat;
const REFUSED = 'Europe/Kyiv';
let asked: string[];

/** A fresh copy of the module: its answers from Intl are kept per process. */
function freshTimeZones(): TimeZones {
  let module: TimeZones | undefined;
  jest.isolateModules(() => {
    module = jest.requireActual<TimeZones>('../../src/domain/time-zones');
  });
  return module!;
}

beforeEach(() => {
  asked = [];
  jest.spyOn(Intl, 'DateTimeFormat').mockImplementation(((
    locales?: string | string[],
    options?: Intl.DateTimeFormatOptions,
  ) => {
    asked.push(options?.timeZone ?? '(no zone)');
    if (options?.timeZone === REFUSED) throw new RangeError(`Invalid time zone specified: ${REFUSED}`);
    return new RealDateTimeFormat(locales, options);
  }) as unknown as typeof Intl.DateTimeFormat);
});
afterEach(() => jest.restoreAllMocks());

test('a zone the runtime cannot render is refused in any spelling; the others are not', () => {
  const { canonicalTimeZone, numericWallClockFormatter } = freshTimeZones();
  expect(canonicalTimeZone('Europe/Kyiv')).toBeUndefined();
  expect(canonicalTimeZone('europe/KYIV')).toBeUndefined();
  expect(canonicalTimeZone('europe/paris')).toBe('Europe/Paris');
  expect(() => numericWallClockFormatter('Europe/Kyiv')).toThrow(
    new RangeError('"Europe/Kyiv" is not an IANA time zone name'),
  );
  expect(numericWallClockFormatter('Europe/Paris').resolvedOptions().timeZone).toBe('Europe/Paris');
});

test('Intl is asked about each zone once, however often and however it is spelled', () => {
  const { canonicalTimeZone } = freshTimeZones();
  for (const name of ['Europe/Paris', 'EUROPE/PARIS', 'europe/kyiv', 'Europe/Kyiv', 'Europe/Paris'])
    canonicalTimeZone(name);
  expect(asked).toEqual(['Europe/Paris', 'Europe/Kyiv']);
});

test('one wall-clock formatter is built per zone, however it is spelled', () => {
  const { numericWallClockFormatter } = freshTimeZones();
  const first = numericWallClockFormatter('Europe/Paris');
  expect(numericWallClockFormatter('europe/PARIS')).toBe(first);
  expect(numericWallClockFormatter('Europe/Paris')).toBe(first);
  // Intl asked once whether it renders the zone, once for the formatter itself.
  expect(asked).toEqual(['Europe/Paris', 'Europe/Paris']);
});
