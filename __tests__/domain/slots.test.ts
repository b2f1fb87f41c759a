import { slotChanges, slotStarts } from '../../src/domain/slots';
import { parseInstant } from '../../src/domain/time';

const at = (text: string) => {
  const parsed = parseInstant(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value.epochMs;
};
const interval = (start: string, minutes: number) => ({ startMs: at(start), endMs: at(start) + minutes * 60_000 });

describe('slot arithmetic', () => {
  it('covers [start, end) with one slot per 15 minutes, excluding the slot that starts at end', () => {
    // Prepare / Act
    const slots = slotStarts(interval('2026-12-01T09:00:00Z', 45));
    // Assess
    expect(slots).toEqual(['2026-12-01T09:00:00Z', '2026-12-01T09:15:00Z', '2026-12-01T09:30:00Z']);
  });

  it('gives back-to-back appointments disjoint slots', () => {
    const first = slotStarts(interval('2026-12-01T09:00:00Z', 60));
    const second = slotStarts(interval('2026-12-01T10:00:00Z', 60));
    expect(first.filter((slot) => second.includes(slot))).toEqual([]);
  });

  it.each([
    ['a day boundary', '2026-12-01T23:45:00Z', 30, ['2026-12-01T23:45:00Z', '2026-12-02T00:00:00Z']],
    ['a month boundary', '2026-11-30T23:45:00Z', 30, ['2026-11-30T23:45:00Z', '2026-12-01T00:00:00Z']],
    [
      'a year boundary',
      '2026-12-31T23:30:00Z',
      45,
      ['2026-12-31T23:30:00Z', '2026-12-31T23:45:00Z', '2027-01-01T00:00:00Z'],
    ],
    ['a leap day', '2028-02-28T23:45:00Z', 30, ['2028-02-28T23:45:00Z', '2028-02-29T00:00:00Z']],
  ])('crosses %s without skipping or doubling a slot', (_name, start, minutes, expected) => {
    expect(slotStarts(interval(start, minutes))).toEqual(expected);
  });

  it('keeps four slots for an hour that spans the spring-forward gap in Los Angeles', () => {
    // 01:30 PST; local clocks jump from 02:00 to 03:00, but the instant arithmetic does not care.
    const slots = slotStarts(interval('2027-03-14T01:30:00-08:00', 60));
    expect(slots).toEqual([
      '2027-03-14T09:30:00Z',
      '2027-03-14T09:45:00Z',
      '2027-03-14T10:00:00Z',
      '2027-03-14T10:15:00Z',
    ]);
  });

  it('tells apart the two 01:30s of the fall-back night in Los Angeles', () => {
    const beforeChange = slotStarts(interval('2026-11-01T01:30:00-07:00', 30));
    const afterChange = slotStarts(interval('2026-11-01T01:30:00-08:00', 30));
    expect(beforeChange).toEqual(['2026-11-01T08:30:00Z', '2026-11-01T08:45:00Z']);
    expect(afterChange).toEqual(['2026-11-01T09:30:00Z', '2026-11-01T09:45:00Z']);
  });

  it('maps a +05:45 (Kathmandu) start onto the UTC slot grid', () => {
    expect(slotStarts(interval('2026-12-01T09:00:00+05:45', 15))).toEqual(['2026-12-01T03:15:00Z']);
  });

  it('covers a partly touched slot when an interval is not slot-aligned', () => {
    expect(slotStarts({ startMs: at('2026-12-01T09:10:00Z'), endMs: at('2026-12-01T09:20:00Z') })).toEqual([
      '2026-12-01T09:00:00Z',
      '2026-12-01T09:15:00Z',
    ]);
  });
});

describe('slot changes of a reschedule', () => {
  it('releases only the slots left and takes only the slots entered, keeping the shared ones', () => {
    // Prepare: 09:00-10:00 moves to 09:30-10:30.
    const before = slotStarts(interval('2026-12-01T09:00:00Z', 60));
    const after = slotStarts(interval('2026-12-01T09:30:00Z', 60));
    // Act
    const changes = slotChanges(before, after);
    // Assess
    expect(changes.release).toEqual(['2026-12-01T09:00:00Z', '2026-12-01T09:15:00Z']);
    expect(changes.take).toEqual(['2026-12-01T10:00:00Z', '2026-12-01T10:15:00Z']);
  });

  it('changes nothing when the interval is the same', () => {
    const slots = slotStarts(interval('2026-12-01T09:00:00Z', 60));
    expect(slotChanges(slots, slots)).toEqual({ release: [], take: [] });
  });
});
