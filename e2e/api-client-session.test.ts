/**
 * A client developer's first hour, through the generated client only (api-client/, over the
 * types `npm run client` generates from the OpenAPI document): against `npm run dev`'s server,
 * a provider profile, its free slots, a booking into a listed slot, read, listed, rescheduled
 * with If-Match and cancelled, and every kind of error answer read from its typed body. A path,
 * a field or an error code that the document no longer has is a type error here.
 *
 * The one call outside the client is `POST /dev/tokens`: a route of the local server only, never
 * of the deployed API, so the document (and the client) rightly do not have it.
 * Bounded work: 36 requests on one server, no waiting on the clock. The slots asked for
 * lie two days ahead, so no slot can become too near while the test runs.
 */
import { PassThrough } from 'node:stream';
import { DEMO_TENANT_ID, DevServer, startDevServer } from '../dev/server';
import {
  apiError,
  AppointmentsApiClient,
  createAppointmentsApiClient,
  CreateAppointmentRequest,
  ErrorCodeOf,
  ProviderProfileRequest,
} from '../api-client/appointments-api-client';
import { devApi } from '../__tests__/dev/support/dev-api';

const API_KEY = 'e2e-client-key';
const PROVIDER_ID = 'dr-client';
const DAY = 24 * 3_600_000;
const DURATION_MINUTES = 30;

let server: DevServer;
let staff: AppointmentsApiClient;

/** Berlin, 09:00-17:00 every day: 08:00-16:00 UTC in winter, 07:00-15:00 in summer. */
const PROFILE: ProviderProfileRequest = {
  name: 'Dr. Client',
  timeZone: 'Europe/Berlin',
  weeklyHours: Object.fromEntries(
    ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'].map((day) => [day, [{ start: '09:00', end: '17:00' }]]),
  ),
  minimumNoticeMinutes: 60,
};

/** Midnight UTC two days from now, fixed once: a run across midnight still asks for the same days. */
const FIRST_DAY = (() => {
  const day = new Date(Date.now() + 2 * DAY);
  day.setUTCHours(0, 0, 0, 0);
  return day.getTime();
})();
/** Midnight UTC of the test day `offset`, as the API writes instants. */
const dayStart = (offset: number) => new Date(FIRST_DAY + offset * DAY).toISOString().replace('.000Z', 'Z');
const plusHours = (instant: string, hours: number) =>
  new Date(Date.parse(instant) + hours * 3_600_000).toISOString().replace('.000Z', 'Z');

/** The free starts of that day (each test books on a day of its own). */
async function freeStarts(offset: number): Promise<string[]> {
  const { data, error, response } = await staff.GET('/providers/{providerId}/slots', {
    params: {
      path: { providerId: PROVIDER_ID },
      query: { from: dayStart(offset), to: dayStart(offset + 1), durationMinutes: DURATION_MINUTES },
    },
  });
  if (!data) throw new Error(`slots answered ${response.status}: ${JSON.stringify(error)}`);
  return data.slots.map((slot) => slot.start);
}

const booking = (start: string, customerId = 'c-ada'): CreateAppointmentRequest => ({
  providerId: PROVIDER_ID,
  customer: { customerId, name: 'Ada Lovelace', email: 'ada@example.com' },
  start,
  durationMinutes: DURATION_MINUTES,
  timeZone: 'Europe/Berlin',
});

/** A booking that must succeed, for the tests whose subject is what comes after it. */
async function book(start: string) {
  const { data, error, response } = await staff.POST('/appointments', { body: booking(start) });
  if (!data) throw new Error(`POST /appointments answered ${response.status}: ${JSON.stringify(error)}`);
  return data;
}

beforeAll(async () => {
  server = await startDevServer({ port: 0, apiKey: API_KEY, output: new PassThrough() });
  staff = createAppointmentsApiClient({ baseUrl: server.url, apiKey: API_KEY, idToken: server.staffToken });
  const { response, error } = await staff.PUT('/providers/{providerId}', {
    params: { path: { providerId: PROVIDER_ID } },
    body: PROFILE,
  });
  if (response.status !== 200) throw new Error(`PUT /providers answered ${response.status}: ${JSON.stringify(error)}`);
});

afterAll(async () => {
  await server?.stop();
});

test('the provider profile reads back with the defaults filled in, version 1 and its ETag', async () => {
  const { data, response } = await staff.GET('/providers/{providerId}', {
    params: { path: { providerId: PROVIDER_ID } },
  });

  expect(response.status).toBe(200);
  expect(response.headers.get('etag')).toBe('"1"');
  expect(data).toMatchObject({
    ...PROFILE,
    providerId: PROVIDER_ID,
    dateOverrides: [],
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    bookingWindowDays: 365,
    version: 1,
  });
});

test('a listed slot books, reads back, lists, moves with If-Match and cancels; the slots follow each change', async () => {
  const starts = await freeStarts(0);
  expect(starts.length).toBeGreaterThan(8);
  const [first, later] = [starts[0], starts[8]];

  const booked = await staff.POST('/appointments', { body: booking(first) });
  expect(booked.response.status).toBe(201);
  if (!booked.data) throw new Error(JSON.stringify(booked.error));
  const appointment = booked.data;
  expect(appointment).toMatchObject({ start: first, end: plusHours(first, 0.5), status: 'CONFIRMED', version: 1 });
  expect(booked.response.headers.get('location')).toBe(`/appointments/${appointment.appointmentId}`);
  const etag = booked.response.headers.get('etag');
  expect(etag).toBe('"1"');
  expect(await freeStarts(0)).not.toContain(first);

  const read = await staff.GET('/appointments/{appointmentId}', {
    params: { path: { appointmentId: appointment.appointmentId } },
  });
  expect(read.data).toEqual(appointment);

  const listed = await staff.GET('/appointments', {
    params: { query: { providerId: PROVIDER_ID, from: dayStart(0), to: dayStart(1) } },
  });
  expect(listed.data?.items.map((item) => item.appointmentId)).toEqual([appointment.appointmentId]);

  const moved = await staff.PATCH('/appointments/{appointmentId}', {
    params: { path: { appointmentId: appointment.appointmentId }, header: { 'If-Match': etag ?? '' } },
    body: { start: later },
  });
  expect(moved.response.status).toBe(200);
  expect(moved.data).toMatchObject({ start: later, end: plusHours(later, 0.5), version: 2 });
  const afterMove = await freeStarts(0);
  expect(afterMove).toContain(first);
  expect(afterMove).not.toContain(later);

  const cancelled = await staff.DELETE('/appointments/{appointmentId}', {
    params: { path: { appointmentId: appointment.appointmentId }, header: { 'If-Match': '2' } },
    body: { reason: 'feeling better' },
  });
  expect(cancelled.response.status).toBe(200);
  expect(cancelled.data).toMatchObject({ status: 'CANCELLED', version: 3, cancellationReason: 'feeling better' });
  expect(await freeStarts(0)).toContain(later);

  const confirmedOnly = await staff.GET('/appointments', {
    params: { query: { providerId: PROVIDER_ID, from: dayStart(0), to: dayStart(1) } },
  });
  expect(confirmedOnly.data?.items).toEqual([]);
  const withCancelled = await staff.GET('/appointments', {
    params: { query: { providerId: PROVIDER_ID, from: dayStart(0), to: dayStart(1), includeCancelled: true } },
  });
  expect(withCancelled.data?.items).toEqual([cancelled.data]);

  const changeCancelled = await staff.PATCH('/appointments/{appointmentId}', {
    params: { path: { appointmentId: appointment.appointmentId } },
    body: { start: first },
  });
  expect(changeCancelled.response.status).toBe(409);
  expect(apiError(changeCancelled.error)?.code).toBe(
    'APPOINTMENT_CANCELLED' satisfies ErrorCodeOf<'updateAppointment', 409>,
  );
});

test('a second booking of a taken slot answers 409 SLOT_CONFLICT and books nothing', async () => {
  const [start] = await freeStarts(1);
  const taken = await book(start);

  const clash = await staff.POST('/appointments', { body: booking(start, 'c-grace') });

  expect(clash.response.status).toBe(409);
  expect(apiError(clash.error)?.code).toBe('SLOT_CONFLICT' satisfies ErrorCodeOf<'createAppointment', 409>);
  const listed = await staff.GET('/appointments', {
    params: { query: { providerId: PROVIDER_ID, from: dayStart(1), to: dayStart(2) } },
  });
  expect(listed.data?.items.map((item) => item.appointmentId)).toEqual([taken.appointmentId]);
});

test('a stale If-Match answers 412 VERSION_MISMATCH, a move out of hours 422 OUTSIDE_AVAILABILITY, and neither changes it', async () => {
  const [start] = await freeStarts(2);
  const appointment = await book(start);
  const path = { appointmentId: appointment.appointmentId };

  const stale = await staff.PATCH('/appointments/{appointmentId}', {
    params: { path, header: { 'If-Match': '"7"' } },
    body: { notes: 'stale' },
  });
  // 03:00 in Berlin, whatever the season: before the working hours.
  const outOfHours = await staff.PATCH('/appointments/{appointmentId}', {
    params: { path },
    body: { start: plusHours(dayStart(2), 2) },
  });

  expect(stale.response.status).toBe(412);
  expect(apiError(stale.error)?.code).toBe('VERSION_MISMATCH' satisfies ErrorCodeOf<'updateAppointment', 412>);
  expect(outOfHours.response.status).toBe(422);
  expect(apiError(outOfHours.error)?.code).toBe('OUTSIDE_AVAILABILITY' satisfies ErrorCodeOf<'updateAppointment', 422>);
  expect(apiError(outOfHours.error)?.details).toEqual([{ reason: 'OUTSIDE_WORKING_HOURS' }]);
  const read = await staff.GET('/appointments/{appointmentId}', { params: { path } });
  expect(read.data).toEqual(appointment);
});

test('400 VALIDATION_ERROR names the field, in a booking and in a profile', async () => {
  const [start] = await freeStarts(3);

  const badDuration = await staff.POST('/appointments', { body: { ...booking(start), durationMinutes: 20 } });
  const badHours = await staff.PUT('/providers/{providerId}', {
    params: { path: { providerId: PROVIDER_ID } },
    body: { ...PROFILE, weeklyHours: { MON: [{ start: '09:10', end: '12:00' }] } },
  });

  expect(badDuration.response.status).toBe(400);
  expect(apiError(badDuration.error)?.code).toBe('VALIDATION_ERROR' satisfies ErrorCodeOf<'createAppointment', 400>);
  expect(apiError(badDuration.error)?.details).toEqual([{ path: 'durationMinutes', message: expect.any(String) }]);
  expect(badHours.response.status).toBe(400);
  expect(apiError(badHours.error)?.code).toBe('VALIDATION_ERROR' satisfies ErrorCodeOf<'putProvider', 400>);
  expect(apiError(badHours.error)?.details).toEqual([
    { path: 'weeklyHours.MON[0].start', message: expect.any(String) },
  ]);
  expect(await freeStarts(3)).toContain(start);
});

test('404: NOT_FOUND for an unknown appointment, PROVIDER_NOT_FOUND for a booking with an unknown provider', async () => {
  const [start] = await freeStarts(4);

  const unknownAppointment = await staff.GET('/appointments/{appointmentId}', {
    params: { path: { appointmentId: 'apt_unknown' } },
  });
  const unknownProvider = await staff.POST('/appointments', { body: { ...booking(start), providerId: 'dr-nobody' } });

  expect(unknownAppointment.response.status).toBe(404);
  expect(apiError(unknownAppointment.error)?.code).toBe('NOT_FOUND' satisfies ErrorCodeOf<'getAppointment', 404>);
  expect(unknownProvider.response.status).toBe(404);
  expect(apiError(unknownProvider.error)?.code).toBe(
    'PROVIDER_NOT_FOUND' satisfies ErrorCodeOf<'createAppointment', 404>,
  );
});

test("403 FORBIDDEN for another provider's profile, 403 without a code for a wrong key, 401 UNAUTHENTICATED for a bad token", async () => {
  const otherProvider = createAppointmentsApiClient({
    baseUrl: server.url,
    apiKey: API_KEY,
    // POST /dev/tokens is the local server's own route, outside the document: the dev suites' helper.
    idToken: await devApi(server).tokenFor({
      tenantId: DEMO_TENANT_ID,
      role: 'provider',
      subject: 'u-other',
      providerId: 'dr-other',
    }),
  });
  const wrongKey = createAppointmentsApiClient({ baseUrl: server.url, apiKey: 'wrong', idToken: server.staffToken });
  const badToken = createAppointmentsApiClient({ baseUrl: server.url, apiKey: API_KEY, idToken: 'not-a-jwt' });
  const params = { path: { providerId: PROVIDER_ID } };

  const forbidden = await otherProvider.PUT('/providers/{providerId}', { params, body: { ...PROFILE, name: 'Taken' } });
  const noKey = await wrongKey.GET('/providers/{providerId}', { params });
  const noIdentity = await badToken.GET('/providers/{providerId}', { params });

  expect(forbidden.response.status).toBe(403);
  expect(apiError(forbidden.error)?.code).toBe('FORBIDDEN' satisfies ErrorCodeOf<'putProvider', 403>);
  expect(noKey.response.status).toBe(403);
  expect(apiError(noKey.error)).toBeUndefined();
  expect(noKey.error).toEqual({ message: 'Forbidden' });
  expect(noIdentity.response.status).toBe(401);
  expect(apiError(noIdentity.error)?.code).toBe('UNAUTHENTICATED' satisfies ErrorCodeOf<'getProvider', 401>);
  const profile = await staff.GET('/providers/{providerId}', { params });
  expect(profile.data).toMatchObject({ name: PROFILE.name, version: 1 });
});
