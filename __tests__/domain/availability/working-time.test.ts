import { pieceHolding, workingTime } from '../../../src/domain/availability/working-time';
import { parseProviderProfileRequest, ProviderProfile } from '../../../src/domain/availability/provider-profile';

const utc = (text: string) => Date.parse(text);
const iso = (epochMs: number) => new Date(epochMs).toISOString().replace('.000Z', 'Z');
const DAY_MS = 86_400_000;

function profile(fields: Record<string, unknown>): ProviderProfile {
  return parseProviderProfileRequest({ name: 'Dr. Lee', timeZone: 'UTC', weeklyHours: {}, ...fields });
}
const pieces = (p: ProviderProfile, from: string, to: string) =>
  workingTime(p, utc(from), utc(to)).pieces.map(({ startMs, endMs }) => [iso(startMs), iso(endMs)]);

describe('working time around a window', () => {
  it('includes the local dates ahead of UTC: Tuesday morning in Tokyo is Monday evening in UTC', () => {
    // Asia/Tokyo is UTC+9; 2026-12-01 is a Tuesday.
    const tokyo = profile({ timeZone: 'Asia/Tokyo', weeklyHours: { TUE: [{ start: '08:00', end: '09:00' }] } });
    expect(pieces(tokyo, '2026-11-30T23:00:00Z', '2026-11-30T23:30:00Z')).toContainEqual([
      '2026-11-30T23:00:00Z',
      '2026-12-01T00:00:00Z',
    ]);
  });

  it('includes the local dates behind UTC: Monday evening in Honolulu is Tuesday morning in UTC', () => {
    // Pacific/Honolulu is UTC-10.
    const honolulu = profile({
      timeZone: 'Pacific/Honolulu',
      weeklyHours: { MON: [{ start: '20:00', end: '22:00' }] },
    });
    expect(pieces(honolulu, '2026-12-01T06:00:00Z', '2026-12-01T06:30:00Z')).toContainEqual([
      '2026-12-01T06:00:00Z',
      '2026-12-01T08:00:00Z',
    ]);
  });

  it('gives a timeline of the zone over the window and a day either side', () => {
    const from = utc('2026-11-30T12:00:00Z');
    const to = utc('2026-12-02T12:00:00Z');
    const { timeline } = workingTime(profile({ timeZone: 'America/New_York' }), from, to);
    expect(iso(timeline.toLocal(from - DAY_MS))).toBe('2026-11-29T07:00:00Z');
    expect(iso(timeline.toLocal(to + DAY_MS))).toBe('2026-12-03T07:00:00Z');
  });

  it('lists the pieces in UTC order with the hours of each date, 24:00 joining the next date', () => {
    const p = profile({
      weeklyHours: {
        MON: [
          { start: '09:00', end: '10:00' },
          { start: '22:00', end: '24:00' },
        ],
        TUE: [{ start: '00:00', end: '01:00' }],
      },
    });
    expect(pieces(p, '2026-11-30T00:00:00Z', '2026-12-01T00:00:00Z')).toEqual([
      ['2026-11-30T09:00:00Z', '2026-11-30T10:00:00Z'],
      ['2026-11-30T22:00:00Z', '2026-12-01T01:00:00Z'],
    ]);
  });
});

describe('pieceHolding', () => {
  const at = (text: string) => utc(`2026-11-30T${text}:00Z`);
  const piece = (start: string, end: string) => ({ startMs: at(start), endMs: at(end) });
  // Touching pieces of two stretches (a daylight-saving gap between them) are never joined.
  const list = [piece('01:00', '02:00'), piece('02:00', '03:00'), piece('05:00', '06:00'), piece('08:00', '09:00')];

  it.each([
    ['01:00', '02:00', piece('01:00', '02:00')],
    ['02:00', '02:15', piece('02:00', '03:00')],
    ['02:45', '03:00', piece('02:00', '03:00')],
    ['05:00', '06:00', piece('05:00', '06:00')],
    ['08:30', '09:00', piece('08:00', '09:00')],
    ['01:45', '02:15', undefined],
    ['04:45', '05:15', undefined],
    ['03:00', '03:15', undefined],
    ['00:00', '00:15', undefined],
    ['09:00', '09:15', undefined],
  ])('[%s, %s) is held by %j', (start, end, expected) => {
    expect(pieceHolding(list, { startMs: at(start), endMs: at(end) })).toEqual(expected);
  });

  it('finds nothing in no pieces, and the one piece of one', () => {
    expect(pieceHolding([], piece('01:00', '02:00'))).toBeUndefined();
    expect(pieceHolding([piece('01:00', '02:00')], piece('01:15', '01:30'))).toEqual(piece('01:00', '02:00'));
  });
});
