import fc from 'fast-check';
import {
  localDateOf,
  utcOffsetMs,
  wallClockToInstants,
  ZoneTimeline,
} from '../../../src/domain/availability/wall-clock';
import { formatLocalDate, parseLocalDate, weekdayOf } from '../../../src/domain/availability/local-date';
import { formatWallClockTime } from '../../../src/notifications/wall-clock-time';

const utc = (text: string) => Date.parse(text);
const iso = (instants: number[]) => instants.map((ms) => new Date(ms).toISOString().replace('.000Z', 'Z'));
const HOUR_MS = 3_600_000;

describe('a wall-clock time to the instants it names', () => {
  it.each<[string, string, string, string[]]>([
    // America/New_York springs forward at 02:00 EST to 03:00 EDT on 2026-03-08.
    ['America/New_York', '2026-03-08', '01:45', ['2026-03-08T06:45:00Z']],
    ['America/New_York', '2026-03-08', '02:00', []],
    ['America/New_York', '2026-03-08', '02:45', []],
    ['America/New_York', '2026-03-08', '03:00', ['2026-03-08T07:00:00Z']],
    // ...and falls back at 02:00 EDT to 01:00 EST on 2026-11-01: 01:00-02:00 happens twice.
    ['America/New_York', '2026-11-01', '00:45', ['2026-11-01T04:45:00Z']],
    ['America/New_York', '2026-11-01', '01:00', ['2026-11-01T05:00:00Z', '2026-11-01T06:00:00Z']],
    ['America/New_York', '2026-11-01', '01:45', ['2026-11-01T05:45:00Z', '2026-11-01T06:45:00Z']],
    ['America/New_York', '2026-11-01', '02:00', ['2026-11-01T07:00:00Z']],
    // Europe/London: 01:00 GMT to 02:00 BST on 2026-03-29, back at 02:00 BST on 2026-10-25.
    ['Europe/London', '2026-03-29', '01:30', []],
    ['Europe/London', '2026-03-29', '02:00', ['2026-03-29T01:00:00Z']],
    ['Europe/London', '2026-10-25', '01:30', ['2026-10-25T00:30:00Z', '2026-10-25T01:30:00Z']],
    // Australia/Lord_Howe moves by 30 minutes: 02:00 to 02:30 on 2026-10-04, 02:00 to 01:30 on 2026-04-05.
    ['Australia/Lord_Howe', '2026-10-04', '01:45', ['2026-10-03T15:15:00Z']],
    ['Australia/Lord_Howe', '2026-10-04', '02:00', []],
    ['Australia/Lord_Howe', '2026-10-04', '02:15', []],
    ['Australia/Lord_Howe', '2026-10-04', '02:30', ['2026-10-03T15:30:00Z']],
    ['Australia/Lord_Howe', '2026-04-05', '01:15', ['2026-04-04T14:15:00Z']],
    ['Australia/Lord_Howe', '2026-04-05', '01:30', ['2026-04-04T14:30:00Z', '2026-04-04T15:00:00Z']],
    ['Australia/Lord_Howe', '2026-04-05', '01:45', ['2026-04-04T14:45:00Z', '2026-04-04T15:15:00Z']],
    ['Australia/Lord_Howe', '2026-04-05', '02:00', ['2026-04-04T15:30:00Z']],
    // Asia/Kolkata: UTC+05:30 all year; its midnight is 18:30 UTC the day before.
    ['Asia/Kolkata', '2026-07-01', '00:00', ['2026-06-30T18:30:00Z']],
    ['Asia/Kolkata', '2026-07-01', '09:15', ['2026-07-01T03:45:00Z']],
    ['Asia/Kolkata', '2026-07-01', '24:00', ['2026-07-01T18:30:00Z']],
  ])('%s %s %s is %j', (timeZone, date, timeOfDay, expected) => {
    expect(iso(wallClockToInstants(date, timeOfDay, timeZone))).toEqual(expected);
  });

  it('refuses a date that is not a calendar date and a zone that is not an IANA name', () => {
    expect(() => wallClockToInstants('2026-02-30', '09:00', 'UTC')).toThrow(
      new RangeError('"2026-02-30" is not a YYYY-MM-DD calendar date'),
    );
    expect(() => wallClockToInstants('2026-02-03', '09:00', 'Mars/Base')).toThrow(
      new RangeError('"Mars/Base" is not an IANA time zone name'),
    );
  });

  it('agrees with the notifications renderer: every instant found renders as the wall clock asked for, and every rendered time is found', () => {
    const zones = ['America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Asia/Kathmandu'];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: utc('2026-01-01T00:00:00Z') / 60_000, max: utc('2027-12-31T00:00:00Z') / 60_000 }),
        (timeZone, minute) => {
          // Prepare: an instant and its wall clock as src/notifications renders it (an independent path).
          const instant = minute * 60_000;
          const rendered = formatWallClockTime(new Date(instant), timeZone);
          const [date, time] = [rendered.slice(0, 10), rendered.slice(11, 16)];
          // Act
          const instants = wallClockToInstants(date, time, timeZone);
          // Assess
          expect(instants).toContain(instant);
          for (const found of instants)
            expect(formatWallClockTime(new Date(found), timeZone).slice(0, 16)).toBe(rendered.slice(0, 16));
          expect(localDateOf(instant, timeZone)).toBe(date);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('a zone timeline', () => {
  it('finds each 2026 transition of America/New_York to the second, with its offsets', () => {
    const timeline = ZoneTimeline.covering(
      'America/New_York',
      utc('2026-01-01T00:00:00Z'),
      utc('2027-01-01T00:00:00Z'),
    );
    expect(
      timeline.segments.map((segment) => [new Date(segment.startMs).toISOString(), segment.offsetMs / HOUR_MS]),
    ).toEqual([
      ['2026-01-01T00:00:00.000Z', -5],
      ['2026-03-08T07:00:00.000Z', -4],
      ['2026-11-01T06:00:00.000Z', -5],
    ]);
  });

  it('finds the half-hour shifts of Australia/Lord_Howe and none for Asia/Kolkata', () => {
    const from = utc('2026-01-01T00:00:00Z');
    const to = utc('2027-01-01T00:00:00Z');
    const lordHowe = ZoneTimeline.covering('Australia/Lord_Howe', from, to).segments;
    expect(lordHowe.map((segment) => [new Date(segment.startMs).toISOString(), segment.offsetMs / 60_000])).toEqual([
      ['2026-01-01T00:00:00.000Z', 660],
      ['2026-04-04T15:00:00.000Z', 630],
      ['2026-10-03T15:30:00.000Z', 660],
    ]);
    expect(ZoneTimeline.covering('Asia/Kolkata', from, to).segments.map((segment) => segment.offsetMs)).toEqual([
      5.5 * HOUR_MS,
    ]);
  });

  it('gives the instants of a local range: a gap inside it adds nothing, a repeated hour inside it counts twice', () => {
    const newYork = ZoneTimeline.covering('America/New_York', utc('2026-03-01T00:00:00Z'), utc('2026-11-10T00:00:00Z'));
    const local = (text: string) => utc(`${text}Z`);
    const pieces = (from: string, to: string) =>
      newYork.instantsWhereLocalIn(local(from), local(to)).map(({ startMs, endMs }) => iso([startMs, endMs]));
    // Spring: 01:00-04:00 is two hours of real time, 02:15-02:45 none at all.
    expect(pieces('2026-03-08T01:00:00', '2026-03-08T04:00:00')).toEqual([
      ['2026-03-08T06:00:00Z', '2026-03-08T08:00:00Z'],
    ]);
    expect(pieces('2026-03-08T02:15:00', '2026-03-08T02:45:00')).toEqual([]);
    // Fall: 00:00-03:00 is four hours; 00:00-01:30 is 90 minutes of EDT, then 01:00-01:30 EST again.
    expect(pieces('2026-11-01T00:00:00', '2026-11-01T03:00:00')).toEqual([
      ['2026-11-01T04:00:00Z', '2026-11-01T08:00:00Z'],
    ]);
    expect(pieces('2026-11-01T00:00:00', '2026-11-01T01:30:00')).toEqual([
      ['2026-11-01T04:00:00Z', '2026-11-01T05:30:00Z'],
      ['2026-11-01T06:00:00Z', '2026-11-01T06:30:00Z'],
    ]);
  });

  it('asks Intl again only for instants it has not seen: a second timeline of the same window costs no lookup', () => {
    // Prepare: a window no other test uses, so the first timeline does the lookups.
    const lookups = jest.spyOn(Intl.DateTimeFormat.prototype, 'formatToParts');
    const from = utc('2031-03-01T00:00:00Z');
    // Act
    const first = ZoneTimeline.covering('Europe/London', from, from + 60 * 24 * HOUR_MS);
    const firstLookups = lookups.mock.calls.length;
    const second = ZoneTimeline.covering('europe/london', from, from + 60 * 24 * HOUR_MS);
    // Assess: 61 samples and one bisection (to the second over a day: 17 steps) the first time, none the second.
    expect(firstLookups).toBe(61 + 17);
    expect(lookups.mock.calls.length).toBe(firstLookups);
    expect(second.segments).toEqual(first.segments);
    lookups.mockRestore();
  });

  it('reads the wall clock inside its window and refuses an instant outside it', () => {
    const from = utc('2026-11-01T00:00:00Z');
    const timeline = ZoneTimeline.covering('America/New_York', from, from + 24 * HOUR_MS);
    expect(iso([timeline.toLocal(utc('2026-11-01T06:30:00Z'))])).toEqual(['2026-11-01T01:30:00Z']);
    expect(iso([timeline.toLocal(utc('2026-11-01T05:30:00Z'))])).toEqual(['2026-11-01T01:30:00Z']);
    expect(() => timeline.toLocal(from - 1)).toThrow(
      new RangeError(`${from - 1} is outside the timeline of America/New_York`),
    );
  });
});

describe('offsets and local dates', () => {
  it.each<[string, string, number]>([
    ['Asia/Kathmandu', '2026-06-01T00:00:00Z', 345],
    ['Asia/Kolkata', '2026-06-01T00:00:00Z', 330],
    ['America/New_York', '2026-03-08T06:59:59Z', -300],
    ['America/New_York', '2026-03-08T07:00:00Z', -240],
    ['America/St_Johns', '2026-01-15T12:00:00Z', -210],
  ])('%s at %s is %d minutes from UTC', (timeZone, at, minutes) => {
    expect(utcOffsetMs(timeZone, utc(at))).toBe(minutes * 60_000);
  });

  it('puts an instant on its local date, at the local midnight to the minute', () => {
    expect(localDateOf(utc('2026-11-01T03:59:00Z'), 'America/New_York')).toBe('2026-10-31');
    expect(localDateOf(utc('2026-11-01T04:00:00Z'), 'America/New_York')).toBe('2026-11-01');
    expect(localDateOf(utc('2026-06-30T18:29:00Z'), 'Asia/Kolkata')).toBe('2026-06-30');
    expect(localDateOf(utc('2026-06-30T18:30:00Z'), 'Asia/Kolkata')).toBe('2026-07-01');
  });

  it('handles calendar dates without a zone: leap days, years before 100, weekdays from Monday', () => {
    expect(formatLocalDate(parseLocalDate('2028-02-29') as number)).toBe('2028-02-29');
    expect(parseLocalDate('2100-02-29')).toBeUndefined();
    expect(formatLocalDate(parseLocalDate('0099-03-01') as number)).toBe('0099-03-01');
    expect(weekdayOf(parseLocalDate('2026-11-30') as number)).toBe('MON');
    expect(weekdayOf(parseLocalDate('2026-11-29') as number)).toBe('SUN');
  });
});
