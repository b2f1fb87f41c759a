/**
 * The cast of the HTTP role matrix (../role-matrix.dev-server.test.ts) on one `npm run dev`
 * server: two tenants that use the same ids, each with staff, provider dr-1 and dr-2, customer
 * c-1 and c-2, their tokens from `POST /dev/tokens`, and what staff of both tenants can see,
 * with which every refusal is proved to have written nothing.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import type { DevServer } from '../../../dev/server';
import { createLocalDynamoDbClient } from '../../../dev/local/dynamodb-client';
import { createDocumentClient } from '../../../src/data/client';
import { futureSlot, scanTable } from '../../functions/helpers';
import { startTestDevServer } from './test-dev-server';
import { seedOpenProviders } from '../../support/providers';
import { DevAnswer, DevApi, devApi, TokenRequest, visibleState } from './dev-api';

export const A = 'clinic-a';
export const B = 'clinic-b';
export const TENANTS = [A, B] as const;
export type Tenant = (typeof TENANTS)[number];
export const otherTenant = (tenant: Tenant): Tenant => (tenant === A ? B : A);

/** The callers of each tenant; an appointment of the matrix is provider dr-1's, for customer c-1. */
const callerRequests = (tenantId: Tenant) =>
  ({
    staff: { tenantId, role: 'staff', subject: 'staff-1' },
    provider: { tenantId, role: 'provider', subject: 'user-dr-1', providerId: 'dr-1' },
    otherProvider: { tenantId, role: 'provider', subject: 'user-dr-2', providerId: 'dr-2' },
    customer: { tenantId, role: 'customer', subject: 'user-c-1', customerId: 'c-1' },
    otherCustomer: { tenantId, role: 'customer', subject: 'user-c-2', customerId: 'c-2' },
  }) satisfies Record<string, TokenRequest>;
export type Caller = keyof ReturnType<typeof callerRequests>;

/** Every booking of the matrix starts in this window, so the staff listings in it see them all. */
export const WINDOW = { from: futureSlot(1), to: futureSlot(20) };
const PROVIDERS = ['dr-1', 'dr-2'];

export interface MatrixRequest {
  readonly token: string;
  readonly method: string;
  readonly path: string;
  /** Sent as JSON. @default no body */
  readonly body?: unknown;
}

/** What staff of both tenants can see; equal before and after means nothing visible was written. */
export type SeenByStaff = Record<string, unknown>;

export interface MatrixFixture {
  readonly api: DevApi;
  readonly tokens: Readonly<Record<Tenant, Readonly<Record<Caller, string>>>>;
  /** The listings of dr-1 and dr-2 (cancelled included) by each tenant's staff, and their GET of each id. */
  seenByStaff(ids?: readonly string[]): Promise<SeenByStaff>;
  /** A booking body of dr-1 for `customerId` at a start no other booking of the suite uses. */
  booking(customerId: string, extra?: Record<string, unknown>): Record<string, unknown>;
  /** A fresh appointment of dr-1 for `customerId` in `tenant`, booked by its staff. */
  seed(tenant: Tenant, customerId?: string): Promise<DevAnswer['body']>;
  /**
   * Sends the request, expects `status` and error `code`, and that no item of the table changed:
   * every item is read before and after (idempotency records and customers' bookings items too),
   * which proves more than what staff can see through the API, since that is read from it.
   */
  expectRefusal(request: MatrixRequest, status: number, code: string): Promise<DevAnswer>;
  /**
   * Sends a booking, expects 201 with its Location, and that it was booked in `tenant` alone:
   * that tenant's staff listing gains exactly it, the other tenant's stays as it was.
   */
  expectBooked(tenant: Tenant, request: MatrixRequest): Promise<DevAnswer>;
  stop(): Promise<void>;
}

export async function startMatrix(): Promise<MatrixFixture> {
  const notificationsFile = path.join(mkdtempSync(path.join(tmpdir(), 'role-matrix-')), 'notifications.jsonl');
  const server: DevServer = await startTestDevServer('role-matrix-http', {
    output: new PassThrough().resume(),
    notificationsFile,
  });
  const api = devApi(server);
  const tokens = {} as Record<Tenant, Record<Caller, string>>;
  for (const tenant of TENANTS) {
    const issued: [Caller, string][] = [];
    for (const [name, request] of Object.entries(callerRequests(tenant)))
      issued.push([name as Caller, await api.tokenFor(request)]);
    tokens[tenant] = Object.fromEntries(issued) as Record<Caller, string>;
  }

  let slot = 0;
  const booking: MatrixFixture['booking'] = (customerId, extra = {}) => ({
    providerId: 'dr-1',
    customer: { customerId, name: 'Ada' },
    start: futureSlot(3, 15 * ++slot),
    durationMinutes: 15,
    timeZone: 'Europe/Berlin',
    ...extra,
  });
  const documents = createDocumentClient(createLocalDynamoDbClient(server.dynamoDb.endpoint));
  const table = { tableName: server.dynamoDb.tableName, documentClient: documents };
  const scan = () => scanTable(table);
  // Every booking of the matrix is dr-1's (`booking`), in either tenant.
  for (const tenant of TENANTS) await seedOpenProviders(table, tenant, ['dr-1']);
  const seenByStaff: MatrixFixture['seenByStaff'] = (ids = []) =>
    visibleState(
      api,
      TENANTS.map((tenantId) => ({ tenantId, staffToken: tokens[tenantId].staff })),
      PROVIDERS,
      WINDOW,
      ids,
    );

  return {
    api,
    tokens,
    seenByStaff,
    booking,
    async seed(tenant, customerId = 'c-1') {
      const answer = await api.call('POST', '/appointments', tokens[tenant].staff, booking(customerId));
      expect(answer.status).toBe(201);
      return answer.body;
    },
    async expectRefusal(request, status, code) {
      const items = await scan();
      const answer = await api.call(request.method, request.path, request.token, request.body);
      expect([answer.status, answer.body.error?.code]).toEqual([status, code]);
      expect(await scan()).toEqual(items);
      return answer;
    },
    async expectBooked(tenant, request) {
      const before = await seenByStaff();
      const answer = await api.call(request.method, request.path, request.token, request.body);
      const id = answer.body.appointmentId as string;
      expect([answer.status, answer.headers.location]).toEqual([201, `/appointments/${id}`]);
      const after = await seenByStaff([id]);
      const [own, other] = [tenant, otherTenant(tenant)].map((t) => `${t} providerId=${answer.body.providerId}`);
      expect(after[own]).toEqual(expect.arrayContaining([...(before[own] as unknown[]), answer.body]));
      expect(after[own]).toHaveLength((before[own] as unknown[]).length + 1);
      expect(after[other]).toEqual(before[other]);
      expect(after[`${tenant} GET ${id}`]).toEqual({ status: 200, body: answer.body });
      expect(after[`${otherTenant(tenant)} GET ${id}`]).toMatchObject({ status: 404 });
      return answer;
    },
    stop: async () => {
      documents.destroy();
      await server.stop();
    },
  };
}

/** `answer` with every occurrence of one id replaced by another, headers included. */
export const withIdReplaced = (answer: DevAnswer, from: string, to: string): DevAnswer =>
  JSON.parse(JSON.stringify(answer).replaceAll(from, to));

/** `state` as it should be after `appointment` changed: that one item differs, nothing else. */
export function withAppointment(state: SeenByStaff, appointment: DevAnswer['body']): SeenByStaff {
  const isIt = (item: unknown) => (item as { appointmentId?: string }).appointmentId === appointment.appointmentId;
  return Object.fromEntries(
    Object.entries(state).map(([name, seen]) => {
      if (Array.isArray(seen)) return [name, seen.map((item) => (isIt(item) ? appointment : item))];
      const read = seen as { status: number; body: unknown };
      return [name, read.status === 200 && isIt(read.body) ? { status: 200, body: appointment } : read];
    }),
  );
}
