/**
 * What the two fuzz suites (handlers, local HTTP server) share: seeding real appointments and
 * page tokens through the API itself, and recording which writes a 2xx answer allows.
 */
import fc from 'fast-check';
import { Answer, WriteLedger } from './contract-checks';
import { FuzzContext, HostileRequest } from './hostile-requests';

export type Send = (request: HostileRequest) => Promise<Answer>;

const SLOT_MS = 15 * 60_000;
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** `count` slot starts from the first whole slot `daysAhead` days after `nowMs`. */
export function slotPool(nowMs: number, daysAhead: number, count: number): string[] {
  const first = Math.ceil((nowMs + daysAhead * 86_400_000) / SLOT_MS) * SLOT_MS;
  return Array.from({ length: count }, (_, i) => iso(first + i * SLOT_MS));
}

const json = (answer: Answer) => JSON.parse(answer.rawBody) as Record<string, unknown>;

function expectStatus(answer: Answer, status: number, what: string): Record<string, unknown> {
  if (answer.status !== status) throw new Error(`seeding: ${what} answered ${answer.status}: ${answer.rawBody}`);
  return json(answer);
}

/**
 * Books `seedCount` appointments (providers alternate) away from the fuzzed slots, cancels the
 * last one, and takes a real page token of providers[0] and one of providers[1].
 */
export async function seedContext(
  send: Send,
  nowMs: number,
  providers: readonly [string, string],
  seedCount = 12,
): Promise<FuzzContext> {
  const seedSlots = slotPool(nowMs, 3, seedCount);
  const ids: string[] = [];
  for (const [index, start] of seedSlots.entries()) {
    const body = JSON.stringify({
      providerId: providers[index % 2],
      customer: { customerId: 'seed-customer', name: 'Seed', email: 'seed@example.com', phone: '+14155550199' },
      start,
      durationMinutes: 15,
      timeZone: 'America/Los_Angeles',
    });
    const booked = expectStatus(await send({ operation: 'create-appointment', body, headers: {} }), 201, 'a seed');
    ids.push(String(booked.appointmentId));
  }
  const cancelled = ids[ids.length - 1];
  expectStatus(await send({ operation: 'cancel-appointment', appointmentId: cancelled, headers: {} }), 200, 'cancel');

  const window = { from: iso(nowMs), to: iso(nowMs + 30 * 86_400_000) };
  const tokenOf = async (query: Record<string, string>) => {
    const multi = Object.fromEntries(Object.entries(query).map(([k, v]) => [k, [v]]));
    const page = expectStatus(await send({ operation: 'list-appointments', query: multi, headers: {} }), 200, 'list');
    if (typeof page.nextToken !== 'string') throw new Error('seeding: the first page has no nextToken');
    return page.nextToken;
  };
  const tokenQuery = { providerId: providers[0], ...window, limit: '2' };
  return {
    slots: slotPool(nowMs, 2, 12),
    providers,
    ids,
    cancellableIds: ids.filter((_, index) => index % 3 === 2),
    token: await tokenOf(tokenQuery),
    tokenQuery,
    otherQueryToken: await tokenOf({ providerId: providers[1], ...window, limit: '1' }),
  };
}

const headerValue = (headers: Record<string, string>, name: string) =>
  Object.entries(headers).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];

/** A 2xx create, update or cancel may write its appointment, its locks and (create) its key's record. */
export function recordAllowedWrites(
  request: HostileRequest,
  answer: Answer,
  ledger: WriteLedger,
  caller: { readonly tenantId: string; readonly subject: string },
): void {
  if (answer.status < 200 || answer.status >= 300) return;
  if (request.operation === 'put-provider') {
    ledger.allowProfile(caller.tenantId, String(json(answer).providerId));
    return;
  }
  if (!['create-appointment', 'update-appointment', 'cancel-appointment'].includes(request.operation)) return;
  const { appointmentId, providerId } = json(answer) as { appointmentId: unknown; providerId: unknown };
  const key = headerValue(request.headers, 'Idempotency-Key');
  ledger.allow(
    String(appointmentId),
    request.operation === 'create-appointment' && key !== undefined ? { ...caller, key } : undefined,
    { tenantId: caller.tenantId, providerId: String(providerId) },
  );
}

const shorten = (text: string) => (text.length > 300 ? `${text.slice(0, 300)}... (${text.length} chars)` : text);

/** Runs a check and, when it fails, names the request in the error (shortened: bodies reach 17 KB). */
export function withRequest(request: HostileRequest, check: () => void): void {
  try {
    check();
  } catch (error) {
    const summary = JSON.stringify(request, (_key, value: unknown) =>
      typeof value === 'string' ? shorten(value) : value,
    );
    throw new Error(`${(error as Error).message}\nrequest: ${summary}`);
  }
}

/** A failed run in a few lines, with the seed that replays it (fast-check's own report prints every body). */
export function describeFailure<T>(run: fc.RunDetails<T>): string {
  return `seed ${run.seed}, path ${run.counterexamplePath}: ${shorten(String((run.errorInstance as Error)?.message ?? run.errorInstance)).slice(0, 2_000)}`;
}

/** Sends a batch `concurrency` requests at a time; answers come back in request order. */
export async function sendAll(send: Send, batch: readonly HostileRequest[], concurrency: number): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (let start = 0; start < batch.length; start += concurrency) {
    answers.push(...(await Promise.all(batch.slice(start, start + concurrency).map((request) => send(request)))));
  }
  return answers;
}
