/** Zone timelines at the edges of their windows, samples and caches. */
import { utcOffsetMs, ZoneTimeline } from '../../../src/domain/availability/wall-clock';

const utc = (text: string) => Date.parse(text);
const iso = (epochMs: number) => new Date(epochMs).toISOString().replace('.000Z', 'Z');
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

describe('utcOffsetMs', () => {
  it('gives the whole offset at an instant between two seconds', () => {
    expect(utcOffsetMs('Asia/Kolkata', utc('2026-06-01T00:00:00.500Z'))).toBe(330 * 60_000);
    expect(utcOffsetMs('America/New_York', utc('2026-03-08T06:59:59.999Z'))).toBe(-5 * HOUR_MS);
  });
});

describe('a zone timeline at the edges of its window', () => {
  it('covers a window that starts and ends inside a day, to its first and last millisecond', () => {
    const from = utc('2026-11-01T12:00:00Z');
    const to = utc('2026-11-03T12:00:00Z');
    const timeline = ZoneTimeline.covering('America/New_York', from, to);
    expect(iso(timeline.toLocal(from))).toBe('2026-11-01T07:00:00Z');
    expect(iso(timeline.toLocal(to))).toBe('2026-11-03T07:00:00Z');
  });

  it('covers at least a day when the window is a single instant on a day boundary', () => {
    const at = utc('2026-11-02T00:00:00Z');
    const timeline = ZoneTimeline.covering('Asia/Kolkata', at, at);
    expect(timeline.segments).toEqual([{ startMs: at, endMs: at + DAY_MS, offsetMs: 5.5 * HOUR_MS }]);
    expect(iso(timeline.toLocal(at))).toBe('2026-11-02T05:30:00Z');
  });

  it('reads the wall clock from the first millisecond of its segments, and not at their end', () => {
    const from = utc('2026-11-01T00:00:00Z');
    const timeline = ZoneTimeline.covering('America/New_York', from, from + DAY_MS);
    expect(iso(timeline.toLocal(from))).toBe('2026-10-31T20:00:00Z');
    // The fall-back transition: at 06:00 UTC the clock reads 01:00 EST, a millisecond before 01:59:59.999 EDT.
    expect(iso(timeline.toLocal(utc('2026-11-01T06:00:00Z')))).toBe('2026-11-01T01:00:00Z');
    expect(timeline.toLocal(utc('2026-11-01T06:00:00Z') - 1)).toBe(utc('2026-11-01T01:59:59.999Z'));
    expect(() => timeline.toLocal(from + DAY_MS)).toThrow(
      new RangeError(`${from + DAY_MS} is outside the timeline of America/New_York`),
    );
  });

  it('ends at its window: a transition in the day after it is not part of it', () => {
    // New York springs forward at 07:00 UTC on 2026-03-08; the window ends at midnight before.
    const from = utc('2026-03-06T00:00:00Z');
    const to = utc('2026-03-08T00:00:00Z');
    expect(ZoneTimeline.covering('America/New_York', from, to).segments).toEqual([
      { startMs: from, endMs: to, offsetMs: -5 * HOUR_MS },
    ]);
    // One day more and it is found, with both segments' ends.
    expect(ZoneTimeline.covering('America/New_York', from, to + DAY_MS).segments).toEqual([
      { startMs: from, endMs: utc('2026-03-08T07:00:00Z'), offsetMs: -5 * HOUR_MS },
      { startMs: utc('2026-03-08T07:00:00Z'), endMs: to + DAY_MS, offsetMs: -4 * HOUR_MS },
    ]);
  });

  it('gives no empty piece for a local range that ends where the repeated hour begins', () => {
    const newYork = ZoneTimeline.covering('America/New_York', utc('2026-10-30T00:00:00Z'), utc('2026-11-03T00:00:00Z'));
    // 00:00-01:00 on the fall-back Sunday happens once (EDT); 01:00 EST is where it would end again.
    const pieces = newYork.instantsWhereLocalIn(utc('2026-11-01T00:00:00Z'), utc('2026-11-01T01:00:00Z'));
    expect(pieces).toEqual([{ startMs: utc('2026-11-01T04:00:00Z'), endMs: utc('2026-11-01T05:00:00Z') }]);
  });
});

describe('the offset caches', () => {
  // A fresh module, so the caches start empty whatever other tests looked up. Loaded before the
  // test, as every test file loads its modules: Stryker then counts the module's own top-level
  // code (its constants, local-date's patterns) as loading code, not as code this one test covers.
  type WallClock = typeof import('../../../src/domain/availability/wall-clock');
  let Timeline = ZoneTimeline;
  beforeAll(() => {
    jest.isolateModules(() => {
      Timeline = jest.requireActual<WallClock>('../../../src/domain/availability/wall-clock').ZoneTimeline;
    });
  });

  it('are emptied when they hold 20,000 entries, and keep answering', () => {
    expect(Timeline).not.toBe(ZoneTimeline);
    const lookups = jest.spyOn(Intl.DateTimeFormat.prototype, 'formatToParts');
    const from = utc('2100-01-01T00:00:00Z');
    // 20,000 samples, one a day, from `from` on: UTC has no transition, so nothing else is cached.
    Timeline.covering('UTC', from, from + 19_999 * DAY_MS);
    expect(lookups.mock.calls.length).toBe(20_000);
    Timeline.covering('UTC', from, from);
    expect(lookups.mock.calls.length).toBe(20_000);
    // The 20,001st sample empties the cache: the first day is looked up again afterwards.
    Timeline.covering('UTC', from + 19_999 * DAY_MS, from + 20_000 * DAY_MS);
    expect(lookups.mock.calls.length).toBe(20_001);
    Timeline.covering('UTC', from, from);
    expect(lookups.mock.calls.length).toBe(20_003);
    lookups.mockRestore();
  });
});
