/**
 * A client of a running `npm run dev` server for suites that speak to it over HTTP as a client
 * app would: every request with the API key, tokens from its own `POST /dev/tokens`, and what
 * staff can see of a tenant (what a booking changed, in its own tenant only).
 */
import type { DevServer } from '../../../dev/server';

export interface DevAnswer {
  readonly status: number;
  /** Response headers, lower-case names; `date` left out (it changes from one answer to the next). */
  readonly headers: Record<string, string>;
  readonly body: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** A `POST /dev/tokens` body (contract, *The local development server*). */
export interface TokenRequest {
  readonly tenantId: string;
  readonly role: 'staff' | 'provider' | 'customer';
  readonly subject: string;
  readonly providerId?: string;
  readonly customerId?: string;
}

export interface DevApi {
  /** Sends `body` as JSON (none when undefined) with the API key and, when given, the bearer token. */
  call(method: string, path: string, token?: string, body?: unknown): Promise<DevAnswer>;
  /** A token from `POST /dev/tokens`; fails the test unless it answers 201. */
  tokenFor(request: TokenRequest): Promise<string>;
  /** Every appointment a listing names, following nextToken to the last page. */
  listAll(token: string, query: Record<string, string>): Promise<Record<string, unknown>[]>;
}

export function devApi(server: DevServer): DevApi {
  const call: DevApi['call'] = async (method, path, token, body) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        'x-api-key': server.apiKey,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const headers = Object.fromEntries([...response.headers].filter(([name]) => name !== 'date'));
    return { status: response.status, headers, body: text ? JSON.parse(text) : {} };
  };

  return {
    call,
    async tokenFor(request) {
      const answer = await call('POST', '/dev/tokens', undefined, request);
      expect([answer.status, typeof answer.body.token]).toEqual([201, 'string']);
      return answer.body.token as string;
    },
    async listAll(token, query) {
      const items: Record<string, unknown>[] = [];
      let nextToken: string | undefined;
      // Bounded: a page is at most 100 items and each page is one the server said remains.
      do {
        const params = new URLSearchParams({ ...query, limit: '100', ...(nextToken ? { nextToken } : {}) });
        const page = await call('GET', `/appointments?${params}`, token);
        expect(page.status).toBe(200);
        items.push(...(page.body.items as Record<string, unknown>[]));
        nextToken = page.body.nextToken as string | undefined;
      } while (nextToken !== undefined);
      return items;
    },
  };
}

/** What one tenant's staff can see: the listings of `providerIds` (cancelled included) and a GET of each id. */
export interface TenantView {
  readonly tenantId: string;
  readonly staffToken: string;
}

export async function visibleState(
  api: DevApi,
  views: readonly TenantView[],
  providerIds: readonly string[],
  window: { readonly from: string; readonly to: string },
  appointmentIds: readonly string[],
) {
  const state: Record<string, unknown> = {};
  for (const { tenantId, staffToken } of views) {
    for (const providerId of providerIds) {
      const query = { providerId, ...window, includeCancelled: 'true' };
      state[`${tenantId} providerId=${providerId}`] = await api.listAll(staffToken, query);
    }
    for (const id of appointmentIds) {
      const { status, body } = await api.call('GET', `/appointments/${encodeURIComponent(id)}`, staffToken);
      state[`${tenantId} GET ${id}`] = { status, body };
    }
  }
  return state;
}
