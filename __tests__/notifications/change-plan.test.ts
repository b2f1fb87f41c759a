/**
 * The plan of one change on its own (pure: no table, no clients), for the cases the end-to-end
 * suites do not reach cheaply: a retried record, a change of duration alone, a reschedule that
 * also changes the lead times, a reminder never scheduled because it was due too soon.
 */
import { plannedChange } from '../support/published-notifications';
import { reminderScheduleName } from '../../src/notifications/schedules';
import { addMinutes, makeAppointment, TENANT } from './support';

const NOW = new Date('2026-12-01T08:00:00Z');
const START = '2026-12-03T17:00:00Z';
const booked = makeAppointment({ start: START, end: addMinutes(START, 30), reminderMinutesBefore: [1440, 60] });
const next = (changes: Parameters<typeof makeAppointment>[0]) => ({
  ...booked,
  ...changes,
  version: booked.version + 1,
});
const name = (start: string, m: number) => reminderScheduleName(booked.appointmentId, start, m);
const summary = (plan: ReturnType<typeof plannedChange>) => ({
  types: plan.messages.map((m) => m.message.type),
  deleted: plan.deleteSchedules,
  created: plan.createSchedules.map((s) => s.name),
});

describe('the plan of a change', () => {
  test('the same record planned twice (a retried batch) gives the same names, messages and event ids', () => {
    const after = next({ reminderMinutesBefore: [60, 30] });
    expect(plannedChange(TENANT, booked, after, NOW)).toEqual(plannedChange(TENANT, booked, after, NOW));
    expect(summary(plannedChange(TENANT, booked, after, NOW))).toEqual({
      types: ['APPOINTMENT_UPDATED'],
      deleted: [name(START, 1440)],
      created: [name(START, 30)],
    });
  });

  test('a longer duration at the same start is RESCHEDULED (the end moved) but keeps every reminder', () => {
    const after = next({ durationMinutes: 60, end: addMinutes(START, 60) });
    expect(summary(plannedChange(TENANT, booked, after, NOW))).toEqual({
      types: ['APPOINTMENT_RESCHEDULED'],
      deleted: [],
      created: [],
    });
  });

  test('a reschedule that also changes the lead times drops every old reminder and makes the new ones only', () => {
    const moved = addMinutes(START, 1440);
    const after = next({ start: moved, end: addMinutes(moved, 30), reminderMinutesBefore: [60, 15] });
    expect(summary(plannedChange(TENANT, booked, after, NOW))).toEqual({
      types: ['APPOINTMENT_RESCHEDULED'],
      deleted: [name(START, 1440), name(START, 60)],
      created: [name(moved, 60), name(moved, 15)],
    });
  });

  test('a lead time added when it is already due is not scheduled, and one removed after it fired is not deleted', () => {
    // 1440 before START is 2026-12-02T17:00Z; at that time plus an hour it has fired, 60 has not
    const late = new Date('2026-12-02T18:00:00Z');
    const after = next({ reminderMinutesBefore: [60, 2880] });
    const plan = plannedChange(TENANT, { ...booked, reminderMinutesBefore: [1440, 60] }, after, late);
    expect(summary(plan)).toEqual({ types: ['APPOINTMENT_UPDATED'], deleted: [], created: [] });
  });

  test('the same start and lead times listed in another order change no schedule', () => {
    const after = next({ reminderMinutesBefore: [60, 1440] });
    const plan = plannedChange(TENANT, booked, after, NOW);
    expect(summary(plan)).toEqual({ types: ['APPOINTMENT_UPDATED'], deleted: [], created: [] });
    expect(plan.messages[0].message.changedFields).toEqual(['reminderMinutesBefore']);
  });

  test('a rewrite at the same version plans nothing, and a removed item only loses its schedules', () => {
    expect(summary(plannedChange(TENANT, booked, { ...booked }, NOW))).toEqual({ types: [], deleted: [], created: [] });
    expect(summary(plannedChange(TENANT, booked, undefined, NOW))).toEqual({
      types: [],
      deleted: [name(START, 1440), name(START, 60)],
      created: [],
    });
  });
});
