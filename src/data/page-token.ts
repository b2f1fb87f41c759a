/**
 * Page tokens of `GET /appointments`: opaque to clients, tamper-evident to us. A token is
 * `base64url(JSON cursor) "." base64url(HMAC-SHA256(secret, cursor))`. The cursor holds the last
 * startKey emitted, the query's window (so pages after the first do not depend on the clock) and
 * a hash of the whole query and the caller's tenant, so a token cannot be moved to another tenant,
 * provider, customer, window or includeCancelled setting. Anything that fails these checks is a 400 naming `nextToken`.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { validationError } from '../domain/errors';
import { ListQuery, ListSelector } from '../domain/listing';

interface PageCursor {
  /** startKey of the last item emitted. */
  readonly a: string;
  readonly f: string;
  readonly t: string;
  /** Hash of tenant, selector, window and includeCancelled. */
  readonly q: string;
}

export interface ResolvedPage {
  readonly from: string;
  readonly to: string;
  /** Resume strictly after this startKey; absent on the first page. */
  readonly after?: string;
}

const invalidToken = () =>
  validationError([{ path: 'nextToken', message: 'is not a page token issued for this query' }]);

function queryHash(
  tenantId: string,
  selector: ListSelector,
  includeCancelled: boolean,
  from: string,
  to: string,
): string {
  return createHash('sha256')
    .update(JSON.stringify([tenantId, selector.kind, selector.id, includeCancelled, from, to]))
    .digest('base64url')
    .slice(0, 22);
}

const sign = (payload: string, secret: string) => createHmac('sha256', secret).update(payload).digest();

export function issuePageToken(
  tenantId: string,
  query: ListQuery,
  page: ResolvedPage,
  lastStartKey: string,
  secret: string,
): string {
  const cursor: PageCursor = {
    a: lastStartKey,
    f: page.from,
    t: page.to,
    q: queryHash(tenantId, query.selector, query.includeCancelled, page.from, page.to),
  };
  const payload = Buffer.from(JSON.stringify(cursor)).toString('base64url');
  return `${payload}.${sign(payload, secret).toString('base64url')}`;
}

/** The window and position of the page `query` asks for; throws VALIDATION_ERROR on a bad token. */
export function resolvePage(tenantId: string, query: ListQuery, secret: string): ResolvedPage {
  if (query.nextToken === undefined) return { from: query.from, to: query.to };
  const cursor = verify(query.nextToken, secret);
  const from = query.given.from ? query.from : cursor.f;
  const to = query.given.to ? query.to : cursor.t;
  if (cursor.q !== queryHash(tenantId, query.selector, query.includeCancelled, from, to)) throw invalidToken();
  return { from, to, after: cursor.a };
}

function verify(token: string, secret: string): PageCursor {
  const [payload, signature, ...rest] = token.split('.');
  if (!payload || !signature || rest.length > 0) throw invalidToken();
  const expected = sign(payload, secret);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalidToken();
  try {
    const cursor = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as PageCursor;
    if ([cursor.a, cursor.f, cursor.t, cursor.q].every((field) => typeof field === 'string')) return cursor;
  } catch {
    // Falls through: a signed but unreadable cursor is as invalid as a forged one.
  }
  throw invalidToken();
}
