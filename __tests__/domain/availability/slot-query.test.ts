import { AppointmentError } from '../../../src/domain/errors';
import { parseSlotQuery } from '../../../src/domain/availability/slot-query';

const NOW = new Date('2026-11-22T03:07:12.345Z');
const DAY_MS = 86_400_000;

type Single = Parameters<typeof parseSlotQuery>[0];

function failure(single: Single, multi: Record<string, string[]> | null = null) {
  try {
    parseSlotQuery(single, multi, NOW);
  } catch (error) {
    expect(error).toBeInstanceOf(AppointmentError);
    expect((error as AppointmentError).code).toBe('VALIDATION_ERROR');
    return (error as AppointmentError).details;
  }
  throw new Error('expected a validation error');
}

describe('free-slot query', () => {
  it('takes the duration as minutes and defaults the window to the 7 days from now', () => {
    expect(parseSlotQuery({ durationMinutes: '30' }, null, NOW)).toStrictEqual({
      fromMs: NOW.getTime(),
      toMs: NOW.getTime() + 7 * DAY_MS,
      durationMinutes: 30,
    });
  });

  it('takes from and to as instants with an offset', () => {
    const query = parseSlotQuery(
      { from: '2026-12-01T00:00:00-08:00', to: '2026-12-02T00:00:00+01:00', durationMinutes: '480' },
      { from: ['2026-12-01T00:00:00-08:00'], durationMinutes: ['480'] },
      NOW,
    );
    expect(query).toStrictEqual({
      fromMs: Date.parse('2026-12-01T08:00:00Z'),
      toMs: Date.parse('2026-12-01T23:00:00Z'),
      durationMinutes: 480,
    });
  });

  it('requires durationMinutes, also when API Gateway passes no parameters at all', () => {
    expect(failure(null)).toEqual([{ path: 'durationMinutes', message: 'is required' }]);
    expect(failure({ from: '2026-12-01T00:00:00Z' })).toEqual([{ path: 'durationMinutes', message: 'is required' }]);
  });

  it.each([
    // Number() would read each of these as a valid duration: only the digits rule refuses them.
    ['a leading space', ' 30'],
    ['a trailing space', '30 '],
    ['a decimal point', '30.0'],
    ['an exponent', '3e1'],
    ['a sign', '+30'],
    ['hexadecimal', '0x1e'],
    ['more than three digits', '0030'],
    ['letters', 'thirty'],
    ['nothing', ''],
  ])('refuses a duration with %s (%j) as not a whole number of minutes', (_, durationMinutes) => {
    expect(failure({ durationMinutes })).toEqual([
      { path: 'durationMinutes', message: 'must be a whole number of minutes' },
    ]);
  });

  it('refuses a value that is not text (API Gateway sends only text; another caller might not)', () => {
    expect(failure({ durationMinutes: 30 } as unknown as Single)).toEqual([
      { path: 'durationMinutes', message: 'must be a whole number of minutes' },
    ]);
  });

  it.each([
    ['0', 'must be at least 15'],
    ['20', 'must be a multiple of 15'],
    ['495', 'must be at most 480'],
  ])('applies the appointment duration rule to %s', (durationMinutes, message) => {
    expect(failure({ durationMinutes })).toEqual([{ path: 'durationMinutes', message }]);
  });

  it('accepts one to three digits, leading zeros included', () => {
    expect(parseSlotQuery({ durationMinutes: '015' }, null, NOW).durationMinutes).toBe(15);
    expect(parseSlotQuery({ durationMinutes: '45' }, null, NOW).durationMinutes).toBe(45);
  });

  it('refuses unknown parameters, a bad instant and a repeated parameter, naming each', () => {
    expect(failure({ durationMinutes: '30', limit: '5' })).toEqual([
      { path: 'limit', message: 'is not a known field' },
    ]);
    expect(failure({ durationMinutes: '30', from: '2026-12-01T00:00:00' })).toEqual([
      { path: 'from', message: expect.stringMatching(/offset/) },
    ]);
    expect(failure({ durationMinutes: '30' }, { durationMinutes: ['30', '45'] })).toEqual([
      { path: 'durationMinutes', message: 'must be given only once' },
    ]);
  });

  it('refuses a window that is empty or longer than 31 days', () => {
    expect(failure({ durationMinutes: '30', from: '2026-12-01T00:00:00Z', to: '2026-12-01T00:00:00Z' })).toEqual([
      { path: 'to', message: 'must be after from' },
    ]);
    expect(failure({ durationMinutes: '30', from: '2026-12-01T00:00:00Z', to: '2027-01-02T00:00:00Z' })).toEqual([
      { path: 'to', message: 'must be at most 31 days after from' },
    ]);
  });
});
