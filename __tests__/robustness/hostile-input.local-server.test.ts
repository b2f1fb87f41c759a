/**
 * Hostile input through `npm run dev`'s server (startDevServer over a table of its own, the API
 * key check, routing, body reading), over real HTTP on loopback. Writes are checked through the
 * API, as a client sees them: after each batch, every appointment the fuzzed providers
 * hold (listed with includeCancelled) that is new or changed must be explained by a 2xx.
 */
import { request as httpRequest } from 'node:http';
import { PassThrough } from 'node:stream';
import fc from 'fast-check';
import { DEMO_STAFF_SUBJECT, DEMO_TENANT_ID, DevServer } from '../../dev/server';
import { startTestDevServer } from '../dev/support/test-dev-server';
import { HTTP_OPERATIONS } from '../../src/operations';
import { Answer, checkAnswer, Item, WriteLedger } from './support/contract-checks';
import { newFigures, recordFigures } from './support/figures';
import { describeFailure, recordAllowedWrites, seedContext, sendAll, withRequest } from './support/fuzz-harness';
import { FuzzContext, hostileRequest, HostileRequest, sentText } from './support/hostile-requests';
import { seedOpenProvidersAt } from '../support/providers';

const REQUESTS_WANTED = 1_000;
const BATCH = 50;
const API_KEY = 'robustness-local-key';
const PROVIDERS = ['hz-a', 'hz-b'] as const;

const figures = newFigures();
let server: DevServer;
let context: FuzzContext;
let headRefusals = 0;

/** Byte-wise, so that lone surrogates (which encodeURIComponent refuses) travel as UTF-8 does them. */
const percentEncode = (text: string) =>
  [...Buffer.from(text, 'utf8')]
    .map((byte) =>
      /[A-Za-z0-9_-]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).padStart(2, '0')}`,
    )
    .join('');

/** `apiKey: null` sends no x-api-key header at all; every request carries the server's staff token. */
async function send(request: HostileRequest, apiKey: string | null = API_KEY): Promise<Answer> {
  const route = HTTP_OPERATIONS[request.operation];
  const path =
    request.providerId !== undefined
      ? route.resourcePath.replace('{providerId}', percentEncode(request.providerId))
      : request.appointmentId === undefined
        ? '/appointments'
        : `/appointments/${percentEncode(request.appointmentId)}`;
  const url = new URL(path, server.url);
  for (const [name, values] of Object.entries(request.query ?? {})) {
    for (const value of values) url.searchParams.append(name, value);
  }
  const headers = new Headers({
    authorization: `Bearer ${server.staffToken}`,
    ...(apiKey === null ? {} : { 'x-api-key': apiKey }),
  });
  for (const [name, value] of Object.entries(request.headers)) {
    // Values no HTTP client can send (CR, LF, NUL, other controls, beyond Latin-1) stay out:
    // the handler suite sends those straight in the proxy event.
    if (/^[\t\x20-\x7e\x80-\xff]*$/.test(value)) headers.set(name, value);
  }
  const headBytes =
    url.href.length + [...headers].reduce((sum, [name, value]) => sum + name.length + value.length + 4, 0);
  const response = await fetch(url, {
    method: route.method,
    headers,
    body: route.requestBody ? request.body : undefined,
  }).catch((error: Error) => {
    throw new Error(
      `${error.message}: ${String((error.cause as Error)?.message ?? error.cause)} on ${route.method} ${url}`,
    );
  });
  const answer = {
    status: response.status,
    headers: Object.fromEntries(response.headers),
    rawBody: await response.text(),
  };
  // A request head over Node's 16 KB limit is refused by its HTTP parser before the local API
  // runs (API Gateway has its own limit); the server still answers in the contract's shape.
  if (answer.status === 431) {
    expect(headBytes).toBeGreaterThan(16 * 1024);
    headRefusals += 1;
  }
  return answer;
}

/** Every appointment of the fuzzed providers, cancelled ones too, as items keyed like the table's. */
async function appointmentsOfFuzzedProviders(): Promise<Item[]> {
  const items: Item[] = [];
  for (const providerId of PROVIDERS) {
    const query = {
      providerId: [providerId],
      includeCancelled: ['true'],
      limit: ['100'],
      to: [new Date(Date.now() + 30 * 86_400_000).toISOString()],
    };
    const answer = await send({ operation: 'list-appointments', query, headers: {} });
    expect(answer.status).toBe(200);
    const page = JSON.parse(answer.rawBody) as { items: Item[]; nextToken?: string };
    expect(page.nextToken).toBeUndefined(); // the whole set fits one page, so nothing escapes the check
    items.push(
      ...page.items.map((a) => ({ ...a, pk: `APPT#${DEMO_TENANT_ID}#${a.appointmentId}`, sk: 'APPOINTMENT' })),
    );
  }
  return items.sort((a, b) => (String(a.pk) < String(b.pk) ? -1 : 1));
}

beforeAll(async () => {
  server = await startTestDevServer('fuzz-http', { apiKey: API_KEY, output: new PassThrough().resume() });
  // The generators book only these providers (any other id is hostile, refused whatever it is).
  await seedOpenProvidersAt(server.dynamoDb, DEMO_TENANT_ID, PROVIDERS);
  context = await seedContext(send, Date.now(), PROVIDERS);
});

afterAll(async () => {
  recordFigures('hostile-input-local-server', figures);
  await server?.stop();
});

it('1,000+ hostile HTTP requests answer 2xx or a contract 4xx, never 5xx or a stack, and a 4xx changes no appointment', async () => {
  // Prepare
  let before = await appointmentsOfFuzzedProviders();
  // Act, batch by batch (each batch also assesses its answers and what changed)
  const run = await fc.check(
    fc.asyncProperty(fc.array(hostileRequest(context), { minLength: BATCH, maxLength: BATCH }), async (batch) => {
      const ledger = new WriteLedger();
      const answers = await sendAll(send, batch, 4);
      for (const [index, request] of batch.entries()) {
        figures.requestsFuzzed += 1;
        withRequest(request, () => checkAnswer(answers[index], sentText(request), figures));
        recordAllowedWrites(request, answers[index], ledger, { tenantId: DEMO_TENANT_ID, subject: DEMO_STAFF_SUBJECT });
      }
      const after = await appointmentsOfFuzzedProviders();
      ledger.check(before, after);
      figures.invariantsChecked += batch.length;
      before = after;
    }),
    { numRuns: Math.ceil(REQUESTS_WANTED / BATCH), endOnFailure: true },
  );
  // Assess
  expect(run.failed ? describeFailure(run) : 'no violation').toBe('no violation');
  expect(figures.requestsFuzzed).toBeGreaterThanOrEqual(REQUESTS_WANTED);
  expect(headRefusals).toBeLessThan(REQUESTS_WANTED / 10); // the rest reached the local API
});

it('a 10 MB body is refused with 413 while it is still being sent: the server does not buffer it all', async () => {
  // Prepare: announce 10 MB, then send 64 KB chunks until the server answers.
  const total = 10 * 1024 * 1024;
  const chunk = Buffer.alloc(64 * 1024, 'x');
  let sent = 0;
  const upload = httpRequest(`${server.url}/appointments`, {
    method: 'POST',
    headers: {
      'x-api-key': API_KEY,
      authorization: `Bearer ${server.staffToken}`,
      'content-type': 'application/json',
      'content-length': String(total),
    },
  });
  upload.on('error', () => undefined); // the socket is torn down below, mid-upload
  // Act
  const answered = new Promise<{ status: number; body: string }>((resolve) =>
    upload.on('response', (response) => {
      let body = '';
      response.on('data', (data: Buffer) => (body += data.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    }),
  );
  let done = false;
  void answered.then(() => (done = true));
  while (!done && sent < total) {
    sent += chunk.length;
    if (!upload.write(chunk)) await new Promise((resolve) => upload.once('drain', resolve));
    await new Promise((resolve) => setImmediate(resolve));
  }
  const answer = await answered;
  upload.destroy();
  // Assess
  expect(answer.status).toBe(413);
  expect(JSON.parse(answer.body).error.code).toBe('PAYLOAD_TOO_LARGE');
  expect(sent).toBeLessThan(total);
  const stillServing = await send({ operation: 'get-appointment', appointmentId: context.ids[0], headers: {} });
  expect(stillServing.status).toBe(200);
  figures.invariantsChecked += 4;
});

it('a missing, empty or wrong API key answers 403 {"message":"Forbidden"} to every operation, even with a valid token, and changes nothing', async () => {
  const before = await appointmentsOfFuzzedProviders();
  const requests: HostileRequest[] = [
    { operation: 'create-appointment', body: JSON.stringify({ providerId: 'hz-a' }), headers: {} },
    { operation: 'get-appointment', appointmentId: context.ids[0], headers: {} },
    { operation: 'list-appointments', query: { providerId: ['hz-a'] }, headers: {} },
    { operation: 'update-appointment', appointmentId: context.ids[0], body: '{"notes":"x"}', headers: {} },
    { operation: 'cancel-appointment', appointmentId: context.ids[0], headers: {} },
  ];
  for (const apiKey of [null, '', 'wrong', `${API_KEY}x`, API_KEY.toUpperCase()]) {
    for (const request of requests) {
      const answer = await send(request, apiKey);
      expect({ status: answer.status, body: answer.rawBody }).toEqual({ status: 403, body: '{"message":"Forbidden"}' });
      figures.invariantsChecked += 1;
    }
  }
  expect(await appointmentsOfFuzzedProviders()).toEqual(before);
});
