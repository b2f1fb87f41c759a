/**
 * For tests of `PUT`/`GET /providers/{providerId}` and `/slots` through the handlers: API
 * Gateway proxy events of those resources, and a set of handlers over a test table with a
 * clock the test sets (availability is all about "now").
 */
import { randomUUID } from 'node:crypto';
import { APIGatewayProxyEvent } from 'aws-lambda';
import { createLocalHandlers } from '../../dev/local/handlers';
import type { CallerIdentity } from '../../src/identity/caller-identity';
import { apiEvent, authorizerContextOf, call, TEST_STAFF, TestTable } from '../functions/helpers';

export interface ProviderEventOptions {
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  readonly query?: Record<string, string>;
  /** @default TEST_STAFF */
  readonly caller?: CallerIdentity;
}

/** An event of `/providers/{providerId}` (or of its `/slots` with `slots: true`). */
export function providerEvent(
  method: string,
  providerId: string,
  options: ProviderEventOptions & { readonly slots?: boolean } = {},
): APIGatewayProxyEvent {
  const resource = options.slots ? '/providers/{providerId}/slots' : '/providers/{providerId}';
  return {
    resource,
    path: options.slots ? `/providers/${providerId}/slots` : `/providers/${providerId}`,
    httpMethod: method,
    headers: { 'Content-Type': 'application/json', 'x-api-key': 'test-api-key-value', ...options.headers },
    multiValueHeaders: {},
    queryStringParameters: options.query ?? null,
    multiValueQueryStringParameters: options.query
      ? Object.fromEntries(Object.entries(options.query).map(([k, v]) => [k, [v]]))
      : null,
    pathParameters: { providerId },
    stageVariables: null,
    body: options.body === undefined ? null : JSON.stringify(options.body),
    isBase64Encoded: false,
    requestContext: {
      requestId: randomUUID(),
      identity: { apiKeyId: 'test-key-id' },
      authorizer: authorizerContextOf(options.caller ?? TEST_STAFF),
    } as unknown as APIGatewayProxyEvent['requestContext'],
  };
}

/** Every operation's handler over `table`, at the time `clock()` gives. */
export function handlersAt(table: TestTable, clock: () => Date) {
  const handlers = createLocalHandlers({
    client: table.documentClient,
    tableName: table.tableName,
    pageTokenSecret: 'test-page-token-secret',
    clock,
  });
  return {
    handlers,
    putProvider: (providerId: string, body: unknown, options: ProviderEventOptions = {}) =>
      call(handlers['put-provider'], providerEvent('PUT', providerId, { ...options, body })),
    getProvider: (providerId: string, options: ProviderEventOptions = {}) =>
      call(handlers['get-provider'], providerEvent('GET', providerId, options)),
    slots: (providerId: string, query: Record<string, string>, options: ProviderEventOptions = {}) =>
      call(handlers['list-free-slots'], providerEvent('GET', providerId, { ...options, query, slots: true })),
    book: (body: Record<string, unknown>, caller?: CallerIdentity) =>
      call(handlers['create-appointment'], apiEvent('POST', { body, caller })),
    move: (appointmentId: string, body: Record<string, unknown>, caller?: CallerIdentity) =>
      call(handlers['update-appointment'], apiEvent('PATCH', { appointmentId, body, caller })),
    cancel: (appointmentId: string, caller?: CallerIdentity) =>
      call(handlers['cancel-appointment'], apiEvent('DELETE', { appointmentId, caller })),
  };
}
