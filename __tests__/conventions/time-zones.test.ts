import { parseCreateRequest, parseUpdateRequest } from '../../src/domain/booking';
import { IANA_TIME_ZONE_NAMES } from '../../src/domain/time-zone-names';
import { canonicalTimeZone } from '../../src/domain/time-zones';
import { formatWallClockTime } from '../../src/notifications/wall-clock-time';

const NOW = new Date('2026-12-01T08:00:00Z');
const create = (timeZone: string) =>
  parseCreateRequest(
    {
      providerId: 'dr-lee',
      customer: { customerId: 'c-1', name: 'Ada' },
      start: '2026-12-02T09:00:00Z',
      durationMinutes: 30,
      timeZone,
    },
    NOW,
  );

/** Every letter's case flipped at random, from a fixed seed so a failure can be replayed. */
function respell(name: string, seed: number): string {
  let state = seed;
  return [...name]
    .map((c) => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      return state % 2 === 0 ? c.toUpperCase() : c.toLowerCase();
    })
    .join('');
}

describe('IANA zone names are accepted in any case and kept in their canonical spelling', () => {
  test('the table and the runtime agree: Intl renders every name, and every zone Intl lists is in the table', () => {
    const unrenderable = IANA_TIME_ZONE_NAMES.filter((name) => canonicalTimeZone(name) !== name);
    expect(unrenderable).toEqual([]);
    const inTable = new Set(IANA_TIME_ZONE_NAMES.map((name) => name.toLowerCase()));
    expect(Intl.supportedValuesOf('timeZone').filter((name) => !inTable.has(name.toLowerCase()))).toEqual([]);
  });

  test.each([
    ['america/los_angeles', 'America/Los_Angeles'],
    ['AMERICA/ARGENTINA/BUENOS_AIRES', 'America/Argentina/Buenos_Aires'],
    ['america/port-au-prince', 'America/Port-au-Prince'],
    ['etc/gmt+5', 'Etc/GMT+5'],
    ['utc', 'UTC'],
    ['est5edt', 'EST5EDT'],
    // Links keep their own name (ICU would say Asia/Calcutta and Europe/Kiev).
    ['asia/kolkata', 'Asia/Kolkata'],
    ['EUROPE/KYIV', 'Europe/Kyiv'],
    ['us/pacific', 'US/Pacific'],
  ])('%s is stored as %s', (given, canonical) => {
    expect(create(given).timeZone).toBe(canonical);
    expect(parseUpdateRequest({ timeZone: given }, NOW).timeZone).toBe(canonical);
  });

  test.each([
    ['an offset', '+05:00'],
    ['an abbreviation', 'PST'],
    ['an invented zone', 'Mars/Olympus_Mons'],
    ['a zone with a trailing space', 'Europe/Paris '],
    ['the Factory placeholder', 'Factory'],
    ['an ICU-only id', 'SystemV/PST8PDT'],
    ['an empty string', ''],
  ])('%s is refused, naming timeZone', (_, given) => {
    expect(() => create(given)).toThrow(
      expect.objectContaining({
        code: 'VALIDATION_ERROR',
        details: [{ path: 'timeZone', message: 'must be an IANA time zone name, like America/Los_Angeles' }],
      }),
    );
  });
});

describe('rendering local times keeps one formatter per zone, however the zone is spelled', () => {
  test('20,000 spellings of one zone build at most two Intl.DateTimeFormat objects and render the same time', () => {
    const RealDateTimeFormat = Intl.DateTimeFormat;
    let constructed = 0;
    const counting = jest.spyOn(Intl, 'DateTimeFormat').mockImplementation(((
      ...args: ConstructorParameters<typeof Intl.DateTimeFormat>
    ) => {
      constructed += 1;
      return new RealDateTimeFormat(...args);
    }) as unknown as typeof Intl.DateTimeFormat);
    try {
      const instant = new Date('2026-03-08T17:00:00Z');
      const rendered = new Set<string>();
      for (let seed = 1; seed <= 20_000; seed += 1) {
        rendered.add(formatWallClockTime(instant, respell('America/Argentina/ComodRivadavia', seed)));
      }
      expect([...rendered]).toEqual(['2026-03-08T14:00:00-03:00']);
      expect(constructed).toBeLessThanOrEqual(2);
    } finally {
      counting.mockRestore();
    }
  });

  test('an unknown zone is a RangeError that names it', () => {
    expect(() => formatWallClockTime(new Date(), 'Mars/Olympus_Mons')).toThrow(
      new RangeError('"Mars/Olympus_Mons" is not an IANA time zone name'),
    );
  });
});
