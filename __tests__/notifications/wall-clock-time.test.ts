import fc from 'fast-check';
import { formatWallClockTime } from '../../src/notifications/wall-clock-time';

describe('formatWallClockTime renders the start in the appointment zone with that instant offset', () => {
  test.each([
    // America/Los_Angeles: spring forward 2026-03-08 02:00 PST -> 03:00 PDT
    ['2026-03-08T09:59:00Z', 'America/Los_Angeles', '2026-03-08T01:59:00-08:00'],
    ['2026-03-08T10:00:00Z', 'America/Los_Angeles', '2026-03-08T03:00:00-07:00'],
    ['2026-03-08T16:00:00Z', 'America/Los_Angeles', '2026-03-08T09:00:00-07:00'],
    // ...fall back 2026-11-01 02:00 PDT -> 01:00 PST: 01:30 happens twice, with different offsets
    ['2026-11-01T08:30:00Z', 'America/Los_Angeles', '2026-11-01T01:30:00-07:00'],
    ['2026-11-01T09:30:00Z', 'America/Los_Angeles', '2026-11-01T01:30:00-08:00'],
    // Europe/Berlin: spring forward 2026-03-29 02:00 CET -> 03:00 CEST
    ['2026-03-29T00:59:00Z', 'Europe/Berlin', '2026-03-29T01:59:00+01:00'],
    ['2026-03-29T01:00:00Z', 'Europe/Berlin', '2026-03-29T03:00:00+02:00'],
    // ...fall back 2026-10-25 03:00 CEST -> 02:00 CET
    ['2026-10-25T00:30:00Z', 'Europe/Berlin', '2026-10-25T02:30:00+02:00'],
    ['2026-10-25T01:30:00Z', 'Europe/Berlin', '2026-10-25T02:30:00+01:00'],
    // Australia/Sydney, southern hemisphere: fall back 2026-04-05 03:00 AEDT -> 02:00 AEST
    ['2026-04-04T15:30:00Z', 'Australia/Sydney', '2026-04-05T02:30:00+11:00'],
    ['2026-04-04T16:30:00Z', 'Australia/Sydney', '2026-04-05T02:30:00+10:00'],
    // A quarter-hour offset, and a date that differs from the UTC date
    ['2026-07-01T03:15:00Z', 'Asia/Kathmandu', '2026-07-01T09:00:00+05:45'],
    ['2026-12-31T20:00:00Z', 'Asia/Kathmandu', '2027-01-01T01:45:00+05:45'],
    // A zero offset is a local time, written +00:00
    ['2026-01-15T09:00:00Z', 'Europe/London', '2026-01-15T09:00:00+00:00'],
    ['2026-01-15T09:00:00Z', 'UTC', '2026-01-15T09:00:00+00:00'],
  ])('%s in %s is %s', (instant, zone, expected) => {
    // Act
    const rendered = formatWallClockTime(new Date(instant), zone);

    // Assess
    expect(rendered).toBe(expected);
  });

  test('for any instant and zone, the rendered local time denotes the same instant', () => {
    const zones = ['America/Los_Angeles', 'America/St_Johns', 'Europe/Berlin', 'Asia/Kathmandu', 'Australia/Lord_Howe'];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2028, 0, 1) }),
        fc.constantFrom(...zones),
        (epochMs, zone) => {
          const instant = new Date(Math.floor(epochMs / 1000) * 1000);
          const rendered = formatWallClockTime(instant, zone);
          expect(rendered).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
          expect(Date.parse(rendered)).toBe(instant.getTime());
        },
      ),
    );
  });

  test('an unknown zone is an error, not a silent UTC rendering', () => {
    expect(() => formatWallClockTime(new Date('2026-01-15T09:00:00Z'), 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});
