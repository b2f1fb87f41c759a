import { atExpression, reminderScheduleName, reminderSchedulesFor } from '../../src/notifications/schedules';
import { makeAppointment } from './support';

const SCHEDULER_NAME = /^[0-9A-Za-z_.-]{1,64}$/;

describe('reminder schedules', () => {
  test('a schedule name is readable for an ordinary id and unique per version and lead time', () => {
    expect(reminderScheduleName('01JD3X7Q', 3, 1440)).toBe('rem-01JD3X7Q-v3-m1440');
    expect(reminderScheduleName('01JD3X7Q', 4, 1440)).not.toBe(reminderScheduleName('01JD3X7Q', 3, 1440));
    expect(reminderScheduleName('01JD3X7Q', 3, 60)).not.toBe(reminderScheduleName('01JD3X7Q', 3, 1440));
  });

  test('an id too long or with characters Scheduler refuses is hashed into a valid, stable name', () => {
    // Prepare
    const longId = 'x'.repeat(80);
    const oddId = 'a~b:c';

    // Act
    const names = [reminderScheduleName(longId, 12345, 10080), reminderScheduleName(oddId, 1, 60)];

    // Assess
    for (const name of names) expect(name).toMatch(SCHEDULER_NAME);
    expect(reminderScheduleName(longId, 12345, 10080)).toBe(names[0]);
    expect(reminderScheduleName('y'.repeat(80), 12345, 10080)).not.toBe(names[0]);
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
  });
});
