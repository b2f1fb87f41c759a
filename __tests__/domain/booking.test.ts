import type { ValidationDetail } from '../../src/domain/errors';
import {
  applyCancel,
  applyUpdate,
  newAppointment,
  parseCancelRequest,
  parseCreateRequest,
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
const LATER = new Date('2026-11-23T03:00:00Z');

const booked = () =>
  newAppointment(
    parseCreateRequest(
      {
        providerId: 'p',
        customer: { customerId: 'c', name: 'Ada' },
        start: '2026-12-01T09:00:00Z',
        durationMinutes: 60,
        timeZone: 'Europe/London',
        notes: 'first visit',
      },
      NOW,
    ),
    'appt-1',
    NOW,
  );

const detailsOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return [...((error as AppointmentError).details ?? [])] as ValidationDetail[];
  }
  throw new Error('expected a validation error');
};

const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as AppointmentError).code;
  }
  return 'no error';
};

describe('booking rules', () => {
  it('computes end, defaults reminders to [1440, 60] and starts at version 1', () => {
    expect(booked()).toMatchObject({
      end: '2026-12-01T10:00:00Z',
      reminderMinutesBefore: [1440, 60],
      status: 'CONFIRMED',
      version: 1,
      createdAt: '2026-11-22T03:00:00Z',
      updatedAt: '2026-11-22T03:00:00Z',
    });
  });

  it('reschedules with version + 1, a new end and only the changed slots', () => {
    const change = applyUpdate(booked(), { start: '2026-12-01T09:30:00Z' }, 1, LATER);
    expect(change.next).toMatchObject({ start: '2026-12-01T09:30:00Z', end: '2026-12-01T10:30:00Z', version: 2 });
    expect(change.next.updatedAt).toBe('2026-11-23T03:00:00Z');
    expect(change.intervalChanged).toBe(true);
    expect(movedSlots(booked(), change.next)).toEqual({
      release: ['2026-12-01T09:00:00Z', '2026-12-01T09:15:00Z'],
      take: ['2026-12-01T10:00:00Z', '2026-12-01T10:15:00Z'],
    });
  });

  it('changes no slot when only the notes change, and removes notes on null', () => {
    const change = applyUpdate(booked(), { notes: null }, undefined, LATER);
    expect(change.intervalChanged).toBe(false);
    expect(change.next).toMatchObject({ start: booked().start, end: booked().end });
    expect(change.next).not.toHaveProperty('notes');
  });

  it('refuses an If-Match that is not the current version with VERSION_MISMATCH', () => {
    expect(codeOf(() => applyUpdate(booked(), { notes: 'x' }, 7, LATER))).toBe('VERSION_MISMATCH');
  });

  it('refuses to change a cancelled appointment with APPOINTMENT_CANCELLED', () => {
    const cancelled = { ...booked(), status: 'CANCELLED' as const, version: 2 };
    expect(codeOf(() => applyUpdate(cancelled, { notes: 'x' }, undefined, LATER))).toBe('APPOINTMENT_CANCELLED');
  });

  it('refuses to lengthen an appointment that has already started', () => {
    const started = new Date('2026-12-01T09:30:00Z');
    expect(codeOf(() => applyUpdate(booked(), { durationMinutes: 90 }, undefined, started))).toBe('VALIDATION_ERROR');
  });

  it('cancels with version + 1, and answers an already cancelled one unchanged whatever If-Match says', () => {
    const cancellation = applyCancel(booked(), {}, 1, LATER);
    expect(cancellation).toMatchObject({ alreadyCancelled: false, next: { status: 'CANCELLED', version: 2 } });
    const cancelled = { ...booked(), status: 'CANCELLED' as const, version: 2 };
    expect(applyCancel(cancelled, { reason: 'again' }, 1, LATER)).toEqual({ alreadyCancelled: true });
    expect(codeOf(() => applyCancel(booked(), {}, 5, LATER))).toBe('VERSION_MISMATCH');
  });

  it('keeps a cancellation reason, normalised by the free-text rules, and refuses a bad one by name', () => {
    const request = parseCancelRequest({ reason: 'Cafe\u0301 closed' });
    expect(applyCancel(booked(), request, undefined, LATER)).toMatchObject({
      next: { status: 'CANCELLED', cancellationReason: 'Caf\u00e9 closed' },
    });
    expect(parseCancelRequest({})).toEqual({});
    expect(detailsOf(() => parseCancelRequest({ reason: 'x'.repeat(501) }))).toEqual([
      { path: 'reason', message: 'must be at most 500 characters' },
    ]);
    expect(detailsOf(() => parseCancelRequest({ reason: 'line\nbreak' }))[0].path).toBe('reason');
    expect(detailsOf(() => parseCancelRequest({ why: 'x' }))[0].path).toBe('why');
  });
});
