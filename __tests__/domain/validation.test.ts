import type { ValidationDetail } from '../../src/domain/errors';
import { parseCreateRequest, parseUpdateRequest } from '../../src/domain/booking';
import { AppointmentError } from '../../src/domain/errors';

const NOW = new Date('2026-11-22T03:07:12.345Z');

const valid = () => ({
  providerId: 'dr_who-1',
  customer: { customerId: 'c-1', name: 'Ada Lovelace', email: 'ada@example.com', phone: '+14155550100' },
  start: '2026-12-01T09:00:00-08:00',
  durationMinutes: 30,
  timeZone: 'America/Los_Angeles',
});

function detailsOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppointmentError);
    expect((error as AppointmentError).code).toBe('VALIDATION_ERROR');
    return ((error as AppointmentError).details ?? []) as ValidationDetail[];
  }
  throw new Error('expected a validation error');
}

describe('create request validation', () => {
  it('accepts a valid body, trims the name, normalises start to UTC and defaults reminders later', () => {
    // Act
    const request = parseCreateRequest({ ...valid(), customer: { customerId: 'c', name: '  Ada  ' } }, NOW);
    // Assess
    expect(request.start).toBe('2026-12-01T17:00:00Z');
    expect(request.customer.name).toBe('Ada');
    expect(request.reminderMinutesBefore).toBeUndefined();
  });

  it.each<[string, Record<string, unknown>, string, RegExp]>([
    ['missing providerId', { providerId: undefined }, 'providerId', /required/],
    ['providerId with a slash', { providerId: 'a/b' }, 'providerId', /1 to 64 characters/],
    ['providerId of 65 characters', { providerId: 'p'.repeat(65) }, 'providerId', /1 to 64/],
    ['customerId with a space', { customer: { customerId: 'a b', name: 'A' } }, 'customer.customerId', /1 to 64/],
    ['blank name', { customer: { customerId: 'c', name: '   ' } }, 'customer.name', /blank/],
    ['name of 201 characters', { customer: { customerId: 'c', name: 'n'.repeat(201) } }, 'customer.name', /200/],
    ['invalid email', { customer: { customerId: 'c', name: 'A', email: 'ada@' } }, 'customer.email', /email/],
    ['phone without +', { customer: { customerId: 'c', name: 'A', phone: '4155550100' } }, 'customer.phone', /E\.164/],
    [
      'unknown customer field',
      { customer: { customerId: 'c', name: 'A', age: 3 } },
      'customer.age',
      /not a known field/,
    ],
    ['unknown top-level field', { colour: 'red' }, 'colour', /not a known field/],
    ['start without offset', { start: '2026-12-01T09:00:00' }, 'start', /explicit offset/],
    ['start off the 15-minute grid', { start: '2026-12-01T09:10:00Z' }, 'start', /15-minute boundary/],
    ['start with seconds', { start: '2026-12-01T09:00:30Z' }, 'start', /15-minute boundary/],
    ['start in the past', { start: '2026-11-22T03:00:00Z' }, 'start', /future/],
    ['start exactly now on the grid', { start: '2026-11-22T03:00:00Z' }, 'start', /future/],
    ['start 366 days ahead', { start: '2027-11-23T03:15:00Z' }, 'start', /365 days/],
    ['duration of 20', { durationMinutes: 20 }, 'durationMinutes', /multiple of 15/],
    ['duration of 0', { durationMinutes: 0 }, 'durationMinutes', /at least 15/],
    ['duration of 495', { durationMinutes: 495 }, 'durationMinutes', /at most 480/],
    ['duration as a string', { durationMinutes: '30' }, 'durationMinutes', /whole number/],
    ['unknown time zone', { timeZone: 'Mars/Olympus_Mons' }, 'timeZone', /IANA/],
    ['offset as time zone', { timeZone: '+05:00' }, 'timeZone', /IANA/],
    ['notes of 1001 characters', { notes: 'x'.repeat(1001) }, 'notes', /1000/],
    ['four distinct reminders', { reminderMinutesBefore: [10, 20, 30, 40] }, 'reminderMinutesBefore', /3 distinct/],
    ['reminder of 0', { reminderMinutesBefore: [0] }, 'reminderMinutesBefore.0', /at least 1/],
    ['reminder of 10081', { reminderMinutesBefore: [60, 10081] }, 'reminderMinutesBefore.1', /at most 10080/],
  ])('refuses %s with a detail at %s', (_name, change, path, message) => {
    // Prepare
    const body = { ...valid(), ...change };
    // Act
    const details = detailsOf(() => parseCreateRequest(body, NOW));
    // Assess
    expect(details).toContainEqual({ path, message: expect.stringMatching(message) });
  });

  it('accepts the limits: 480 minutes, 365 days ahead, 1000-character notes, three reminders of 1..10080', () => {
    const body = {
      ...valid(),
      start: '2027-11-22T03:00:00Z',
      durationMinutes: 480,
      notes: 'x'.repeat(1000),
      reminderMinutesBefore: [1, 10080, 60, 60],
    };
    const request = parseCreateRequest(body, NOW);
    expect(request.reminderMinutesBefore).toEqual([10080, 60, 1]);
  });

  it('lists every failed rule at once, not only the first', () => {
    const details = detailsOf(() => parseCreateRequest({ ...valid(), providerId: '', durationMinutes: 7 }, NOW));
    expect([...new Set(details.map((detail) => detail.path))].sort()).toEqual(['durationMinutes', 'providerId']);
  });

  it('refuses a body that is not an object with a detail at body', () => {
    expect(detailsOf(() => parseCreateRequest([1, 2], NOW))).toEqual([
      { path: 'body', message: 'must be a JSON object' },
    ]);
  });
});

describe('update request validation', () => {
  it('refuses an empty object', () => {
    expect(detailsOf(() => parseUpdateRequest({}, NOW))).toEqual([
      { path: 'body', message: 'must change at least one field' },
    ]);
  });

  it('refuses fields that cannot change, such as providerId', () => {
    expect(detailsOf(() => parseUpdateRequest({ providerId: 'other' }, NOW))).toContainEqual({
      path: 'providerId',
      message: 'is not a known field',
    });
  });

  it('applies the create rules to start', () => {
    expect(detailsOf(() => parseUpdateRequest({ start: '2026-12-01T09:05:00Z' }, NOW))).toContainEqual({
      path: 'start',
      message: expect.stringMatching(/15-minute/),
    });
  });

  it('accepts notes: null as "remove the notes"', () => {
    expect(parseUpdateRequest({ notes: null }, NOW)).toEqual({ notes: null });
  });
});
