/**
 * The free-slot search against DynamoDB Local: `GET /providers/{providerId}/slots` for a 31-day
 * window of a provider with 200 CONFIRMED appointments in it, against its floor, the same
 * GetItem and Query requests replayed bare from the same client (captured as the handler sent
 * them). The difference is the search's own work: parsing, the working-time timeline of 31 days
 * in the provider's zone, and the walk over the grid.
 */
import { randomUUID } from 'node:crypto';
import { GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { createLocalDynamoDbClient } from '../dev/local/dynamodb-client';
import { createLocalHandlers } from '../dev/local/handlers';
import { createDocumentClient } from '../src/data/client';
import { toAuthorizerContext } from '../src/identity/authorizer-context';
import { BENCH_CALLER, booking, createEvent, createTable, slotAhead } from './booking-path';
import { Figure, ratioFigure } from './figures';
import { nowMs, percentile } from './stats';

const P50_LIMIT = 1.5;
const WEEKDAY = [
  { start: '08:00', end: '12:00' },
  { start: '13:00', end: '18:00' },
];
/** A clinic week in New York, with buffers and a daily limit: every rule of the search takes part. */
const PROFILE = {
  name: 'Bench provider',
  timeZone: 'America/New_York',
  weeklyHours: { MON: WEEKDAY, TUE: WEEKDAY, WED: WEEKDAY, THU: WEEKDAY, FRI: WEEKDAY, SAT: [WEEKDAY[0]] },
  dateOverrides: [{ date: slotAhead(10).slice(0, 10), intervals: [] }],
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 15,
  minimumNoticeMinutes: 120,
  bookingWindowDays: 90,
  maxBookingsPerDay: 12,
};

const context = { awsRequestId: 'bench' } as Parameters<ReturnType<typeof createLocalHandlers>['list-free-slots']>[1];

function providerEvent(
  method: string,
  path: string,
  providerId: string,
  body?: unknown,
  query?: Record<string, string>,
) {
  return {
    resource: path,
    path: path.replace('{providerId}', providerId),
    httpMethod: method,
    headers: { 'Content-Type': 'application/json' },
    multiValueHeaders: {},
    queryStringParameters: query ?? null,
    multiValueQueryStringParameters: query ? Object.fromEntries(Object.entries(query).map(([k, v]) => [k, [v]])) : null,
    pathParameters: { providerId },
    stageVariables: null,
    body: body === undefined ? null : JSON.stringify(body),
    isBase64Encoded: false,
    requestContext: {
      requestId: randomUUID(),
      identity: { apiKeyId: 'bench' },
      authorizer: { principalId: BENCH_CALLER.subject, ...toAuthorizerContext(BENCH_CALLER) },
    },
  } as unknown as Parameters<ReturnType<typeof createLocalHandlers>['list-free-slots']>[0];
}

export async function measureSlotSearch(endpoint: string, rounds: number, booked = 200) {
  const client = createLocalDynamoDbClient(endpoint);
  const tableName = await createTable(client, 'slots');
  const handlers = createLocalHandlers({ client: createDocumentClient(client), tableName, pageTokenSecret: 'bench' });
  const providerId = 'slots-provider';
  const saved = await handlers['put-provider'](
    providerEvent('PUT', '/providers/{providerId}', providerId, PROFILE),
    context,
  );
  if (saved.statusCode !== 200) throw new Error(`put-provider answered ${saved.statusCode}: ${saved.body}`);
  // 200 bookings spread over the window, each where the search lists a free slot.
  const query = { from: slotAhead(0), to: slotAhead(31), durationMinutes: '30' };
  const search = () =>
    handlers['list-free-slots'](
      providerEvent('GET', '/providers/{providerId}/slots', providerId, undefined, query),
      context,
    );
  let free = JSON.parse((await search()).body).slots as { start: string }[];
  let made = 0;
  for (let i = 0; made < booked && free.length > 0; i++) {
    const start = free[(i * 37) % free.length].start;
    const answer = await handlers['create-appointment'](createEvent(booking(providerId, start, 30)), context);
    if (answer.statusCode === 201) made += 1;
    if (i % 10 === 9) free = JSON.parse((await search()).body).slots;
  }
  if (made < booked) throw new Error(`only ${made} of ${booked} bookings fit the window`);

  const captured: string[] = [];
  client.middlewareStack.add(
    (next) => async (args) => {
      const raw = (args.request as { body?: unknown }).body;
      const body = raw instanceof Uint8Array ? new TextDecoder().decode(raw) : raw;
      if (typeof body === 'string' && body.includes(tableName)) captured.push(body);
      return next(args);
    },
    { step: 'finalizeRequest', name: 'capture-slot-requests', priority: 'low' },
  );
  const handlerMs: number[] = [];
  const floorMs: number[] = [];
  let slots = 0;
  let requests = 0;
  for (let round = 0; round <= rounds; round++) {
    captured.length = 0;
    const started = nowMs();
    const answer = await search();
    const elapsed = nowMs() - started;
    if (answer.statusCode !== 200) throw new Error(`list-free-slots answered ${answer.statusCode}: ${answer.body}`);
    slots = JSON.parse(answer.body).slots.length;
    // What the handler sent, before the replays below add to `captured`.
    const [get, ...queries] = captured.map((body) => JSON.parse(body));
    requests = 1 + queries.length;
    const floorStarted = nowMs();
    await client.send(new GetItemCommand(get));
    for (const input of queries) await client.send(new QueryCommand(input));
    const floorElapsed = nowMs() - floorStarted;
    if (round > 0) {
      handlerMs.push(elapsed);
      floorMs.push(floorElapsed);
    }
  }
  client.destroy();
  return {
    handlerP50: percentile(handlerMs, 50),
    floorP50: percentile(floorMs, 50),
    samples: handlerMs.length,
    slots,
    booked: made,
    requests,
  };
}

export async function slotSearchFigures(endpoint: string, rounds: number): Promise<Figure[]> {
  const r = await measureSlotSearch(endpoint, rounds);
  return [
    ratioFigure(
      {
        section: 'free-slot search',
        name: '31 days, 200 appointments booked: p50',
        value: r.handlerP50,
        unit: 'ms',
        floor: r.floorP50,
        note:
          `${r.samples} searches of ${r.slots} free 30-minute slots; ${r.requests} requests each ` +
          '(GetItem + Query); floor = the same requests, bare, from the same client',
      },
      P50_LIMIT,
      'limit: the timeline of 31 days of working hours in the zone, and the walk over the grid.',
    ),
  ];
}
