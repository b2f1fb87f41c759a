/**
 * With `npm run dev`, a reminder fires within the minute it is due. Books an appointment at the
 * next 15-minute boundary at least 3 minutes away, with a lead time that makes its reminder due
 * about 2 minutes after booking, then waits for the reminder line in the notifications file.
 * Takes 2 to 3 minutes of real time.
 */
import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { startDevServer } from '../dev/server';

const MINUTE = 60_000;

test('a reminder booked to be due in ~2 minutes is written within the minute it is due', async () => {
  const server = await startDevServer({ port: 0, apiKey: 'e2e-key', output: new PassThrough() });
  try {
    const now = Date.now();
    const start = Math.ceil((now + 3 * MINUTE) / (15 * MINUTE)) * 15 * MINUTE;
    const minutesBefore = Math.floor((start - now - 2 * MINUTE) / MINUTE);
    const dueAt = start - minutesBefore * MINUTE;

    const headers = {
      'x-api-key': 'e2e-key',
      authorization: `Bearer ${server.staffToken}`,
      'content-type': 'application/json',
    };
    // The provider first: open around the clock, so the next quarter hour is bookable.
    const allDay = [{ start: '00:00', end: '24:00' }];
    const provider = await fetch(`${server.url}/providers/dr-e2e`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({
        name: 'Dr. E2E',
        timeZone: 'Asia/Kathmandu',
        weeklyHours: Object.fromEntries(['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'].map((d) => [d, allDay])),
      }),
    });
    expect(provider.status).toBe(200);

    const res = await fetch(`${server.url}/appointments`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        providerId: 'dr-e2e',
        customer: { customerId: 'c-e2e', name: 'Grace Hopper' },
        start: new Date(start).toISOString().replace('.000Z', 'Z'),
        durationMinutes: 15,
        timeZone: 'Asia/Kathmandu',
        reminderMinutesBefore: [minutesBefore],
      }),
    });
    expect(res.status).toBe(201);
    const { appointmentId } = (await res.json()) as { appointmentId: string };

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
