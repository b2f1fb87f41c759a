/**
 * With `npm run dev`, a reminder fires within the minute it is due. Books an appointment at the
 * next 15-minute boundary at least 3 minutes away, with a lead time that makes its reminder due
 * about 2 minutes after booking, then waits for the reminder line in the notifications file.
 * Takes 2 to 3 minutes of real time. Its API calls go through the generated client (api-client/).
 */
import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { startDevServer } from '../dev/server';
import { createAppointmentsApiClient } from '../api-client/appointments-api-client';

const MINUTE = 60_000;

test('a reminder booked to be due in ~2 minutes is written within the minute it is due', async () => {
  const server = await startDevServer({ port: 0, apiKey: 'e2e-key', output: new PassThrough() });
  try {
    const now = Date.now();
    const start = Math.ceil((now + 3 * MINUTE) / (15 * MINUTE)) * 15 * MINUTE;
    const minutesBefore = Math.floor((start - now - 2 * MINUTE) / MINUTE);
    const dueAt = start - minutesBefore * MINUTE;

    const client = createAppointmentsApiClient({ baseUrl: server.url, apiKey: 'e2e-key', idToken: server.staffToken });
    // The provider first: open around the clock, so the next quarter hour is bookable.
    const allDay = [{ start: '00:00', end: '24:00' }];
    const provider = await client.PUT('/providers/{providerId}', {
      params: { path: { providerId: 'dr-e2e' } },
      body: {
        name: 'Dr. E2E',
        timeZone: 'Asia/Kathmandu',
        weeklyHours: Object.fromEntries(['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'].map((d) => [d, allDay])),
      },
    });
    expect(provider.response.status).toBe(200);

    const booked = await client.POST('/appointments', {
      body: {
        providerId: 'dr-e2e',
        customer: { customerId: 'c-e2e', name: 'Grace Hopper' },
        start: new Date(start).toISOString().replace('.000Z', 'Z'),
        durationMinutes: 15,
        timeZone: 'Asia/Kathmandu',
        reminderMinutesBefore: [minutesBefore],
      },
    });
    expect(booked.response.status).toBe(201);
    if (!booked.data) throw new Error(`POST /appointments answered ${JSON.stringify(booked.error)}`);
    const { appointmentId } = booked.data;

    const reminder = () =>
      readFileSync(server.notificationsFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .find((m) => m.type === 'APPOINTMENT_REMINDER' && m.appointmentId === appointmentId);
    while (!reminder() && Date.now() < dueAt + MINUTE) await new Promise((r) => setTimeout(r, 1_000));
    const seenAt = Date.now();

    expect(reminder()).toMatchObject({ minutesBefore, localStart: expect.stringMatching(/\+05:45$/) });
    expect(seenAt).toBeGreaterThanOrEqual(dueAt);
    expect(seenAt - dueAt).toBeLessThan(MINUTE);
  } finally {
    await server.stop();
  }
});
