import {
  atExpression,
  reminderScheduleName,
  reminderScheduleNames,
  reminderSchedulesFor,
} from '../../src/notifications/schedules';
import { makeAppointment } from './support';

const SCHEDULER_NAME = /^[0-9A-Za-z_.-]{1,64}$/;
const UUID = '3f1c2a9e-7b4d-4e21-9a0c-5d6e7f8a9b0c';

describe('reminder schedules', () => {
  test('a schedule name is readable for an ordinary id and unique per start and lead time, not per version', () => {
    expect(reminderScheduleName('01JD3X7Q', '2026-12-01T17:00:00Z', 1440)).toBe('rem-01JD3X7Q-20261201T1700Z-m1440');
    expect(reminderScheduleName('01JD3X7Q', '2026-12-01T17:15:00Z', 1440)).not.toBe(
      reminderScheduleName('01JD3X7Q', '2026-12-01T17:00:00Z', 1440),
    );
    expect(reminderScheduleName('01JD3X7Q', '2026-12-01T17:00:00Z', 60)).not.toBe(
      reminderScheduleName('01JD3X7Q', '2026-12-01T17:00:00Z', 1440),
    );
  });

  test('a service-assigned UUID with the longest lead time still gets the readable name, within 64 characters', () => {
    const name = reminderScheduleName(UUID, '2026-12-01T17:00:00Z', 10080);
    expect(name).toBe(`rem-${UUID}-20261201T1700Z-m10080`);
    expect(name).toHaveLength(62);
  });

  test('an id too long, with characters Scheduler refuses, or a start off the minute is hashed into a valid, stable name', () => {
    // Prepare
    const longId = 'x'.repeat(80);
    const start = '2026-12-01T17:00:00Z';

    // Act
    const names = [
      reminderScheduleName(longId, start, 10080),
      reminderScheduleName('a~b:c', start, 60),
      reminderScheduleName('01JD3X7Q', '2026-12-01T17:00:30Z', 60),
    ];

    // Assess
    for (const name of names) expect(name).toMatch(SCHEDULER_NAME);
    expect(names[0]).toMatch(/^rem-[0-9a-f]{40}-m10080$/);
    expect(reminderScheduleName(longId, start, 10080)).toBe(names[0]);
    expect(reminderScheduleName('y'.repeat(80), start, 10080)).not.toBe(names[0]);
    expect(reminderScheduleName(longId, '2026-12-01T17:15:00Z', 10080)).not.toBe(names[0]);
  });

  test('the at() expression is the due time in UTC without offset or fraction', () => {
    expect(atExpression(new Date('2026-03-08T15:00:00.000Z'))).toBe('at(2026-03-08T15:00:00)');
  });

  test('only reminders due at least a minute from now are scheduled, once per distinct lead time', () => {
    // Prepare
    const now = new Date('2026-03-08T14:00:00Z');
    const appointment = makeAppointment({
      start: '2026-03-08T15:00:00Z',
      end: '2026-03-08T15:30:00Z',
      reminderMinutesBefore: [1440, 60, 59, 30, 30],
    });

    // Act
    const schedules = reminderSchedulesFor('clinic-a', appointment, now);

    // Assess: 1440 and 60 are due now or earlier; 59 is due in exactly one minute
    expect(schedules.map((s) => [s.input.minutesBefore, s.dueAt.toISOString()])).toEqual([
      [59, '2026-03-08T14:01:00.000Z'],
      [30, '2026-03-08T14:30:00.000Z'],
    ]);
    expect(reminderScheduleNames(appointment)).toHaveLength(4);
  });
});
