/** Booking, rescheduling and cancelling at their edges: what changes, what is kept, and the instant of the start. */
import { Appointment } from '../../src/domain/appointment';
import {
  applyCancel,
  applyUpdate,
  checkExpectedVersion,
  newAppointment,
  parseCreateRequest,
  parseUpdateRequest,
} from '../../src/domain/booking';
import { AppointmentError } from '../../src/domain/errors';
import { heldSlots } from '../../src/domain/availability/calendar';
import { intervalOf } from '../../src/domain/booking';
import { slotChanges } from '../../src/domain/slots';

/** The locks a move without buffers releases and takes (the repository writes exactly these). */
const movedSlots = (before: Parameters<typeof intervalOf>[0], after: Parameters<typeof intervalOf>[0]) => {
  const noBuffers = { bufferBeforeMinutes: 0, bufferAfterMinutes: 0 };
  return slotChanges(heldSlots(intervalOf(before), noBuffers), heldSlots(intervalOf(after), noBuffers));
};

const NOW = new Date('2026-11-22T03:00:00Z');
const LATER = new Date('2026-11-23T04:05:06Z');
const START = '2026-12-01T09:00:00Z';

const request = (overrides: Record<string, unknown> = {}) =>
  parseCreateRequest(
    {
      providerId: 'p',
      customer: { customerId: 'c', name: 'Ada' },
      start: START,
      durationMinutes: 30,
      timeZone: 'Europe/London',
      ...overrides,
    },
    NOW,
  );
const booked = (overrides: Record<string, unknown> = {}): Appointment => newAppointment(request(overrides), 'a-1', NOW);

const failureOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    const { code, message, details } = error as AppointmentError;
    return { code, message, details };
  }
  return 'no error';
};

describe('newAppointment', () => {
  it('is the request as a confirmed appointment at version 1, created and updated now', () => {
    expect(booked({ notes: 'n', reminderMinutesBefore: [30] })).toStrictEqual({
      appointmentId: 'a-1',
      providerId: 'p',
      customer: { customerId: 'c', name: 'Ada' },
      start: START,
      end: '2026-12-01T09:30:00Z',
      durationMinutes: 30,
      timeZone: 'Europe/London',
      notes: 'n',
      reminderMinutesBefore: [30],
      status: 'CONFIRMED',
      version: 1,
      createdAt: '2026-11-22T03:00:00Z',
      updatedAt: '2026-11-22T03:00:00Z',
    });
  });

  it('has no notes field at all when the request has none', () => {
    expect(Object.keys(booked())).not.toContain('notes');
  });
});

describe('applyUpdate', () => {
  it('moves the end and takes the slots of a longer duration, keeping the start', () => {
    const change = applyUpdate(booked(), { durationMinutes: 45 }, 1, LATER);
    expect(change.next).toMatchObject({ start: START, end: '2026-12-01T09:45:00Z', durationMinutes: 45 });
    expect(change.intervalChanged).toBe(true);
    expect(movedSlots(booked(), change.next)).toEqual({ release: [], take: ['2026-12-01T09:30:00Z'] });
  });

  it('counts a new start with the same end as a reschedule', () => {
    const change = applyUpdate(booked(), { start: '2026-12-01T09:15:00Z', durationMinutes: 15 }, undefined, LATER);
    expect(change.intervalChanged).toBe(true);
    expect(movedSlots(booked(), change.next)).toEqual({ release: ['2026-12-01T09:00:00Z'], take: [] });
  });

  it('changes zone, reminders and notes without touching the interval, and keeps what was not asked', () => {
    // Prepare
    const current = booked({ notes: 'old' });
    // Act
    const change = applyUpdate(current, { timeZone: 'Asia/Tokyo', reminderMinutesBefore: [5] }, 1, LATER);
    // Assess
    expect(change.next).toStrictEqual({
      ...current,
      timeZone: 'Asia/Tokyo',
      reminderMinutesBefore: [5],
      version: 2,
      updatedAt: '2026-11-23T04:05:06Z',
    });
    expect(change.intervalChanged).toBe(false);
    expect(applyUpdate(current, { notes: 'new' }, 1, LATER).next.notes).toBe('new');
  });

  it('refuses a new duration from the instant the appointment starts, but not a millisecond before', () => {
    const atStart = new Date(START);
    expect(failureOf(() => applyUpdate(booked(), { durationMinutes: 45 }, undefined, atStart))).toEqual({
      code: 'VALIDATION_ERROR',
      message: 'The request is not valid.',
      details: [{ path: 'durationMinutes', message: 'cannot change once the appointment has started' }],
    });
    const justBefore = new Date(Date.parse(START) - 1);
    expect(applyUpdate(booked(), { durationMinutes: 45 }, undefined, justBefore).next.durationMinutes).toBe(45);
  });

  it('lets a started appointment be moved to a new start, and have its notes changed', () => {
    const started = new Date('2026-12-01T09:10:00Z');
    const moved = applyUpdate(booked(), { start: '2026-12-02T09:00:00Z' }, undefined, started);
    expect(moved.next.end).toBe('2026-12-02T09:30:00Z');
    expect(applyUpdate(booked(), { notes: 'late' }, undefined, started).intervalChanged).toBe(false);
  });

  it('checks If-Match before the status, naming both versions', () => {
    const cancelled = { ...booked(), status: 'CANCELLED' as const, version: 2 };
    expect(failureOf(() => applyUpdate(cancelled, { notes: 'x' }, 1, LATER))).toMatchObject({
      code: 'VERSION_MISMATCH',
      message: 'If-Match names version 1 but the appointment is at version 2.',
    });
  });
});

describe('checkExpectedVersion and applyCancel', () => {
  it('accepts no If-Match and the current version', () => {
    expect(() => checkExpectedVersion(booked(), undefined)).not.toThrow();
    expect(() => checkExpectedVersion(booked(), 1)).not.toThrow();
  });

  it('cancels with version + 1 and the time of the change, keeping every other field', () => {
    const current = booked({ notes: 'n' });
    expect(applyCancel(current, {}, undefined, LATER)).toStrictEqual({
      alreadyCancelled: false,
      next: { ...current, status: 'CANCELLED', version: 2, updatedAt: '2026-11-23T04:05:06Z' },
    });
  });
});

describe('update requests', () => {
  it('keep exactly the fields given', () => {
    expect(parseUpdateRequest({ durationMinutes: 45, timeZone: 'UTC' }, NOW)).toStrictEqual({
      durationMinutes: 45,
      timeZone: 'UTC',
    });
  });
});
