/** Page tokens at their edges: what a token carries, and every way a token that is not ours is refused. */
import { createHmac } from 'node:crypto';
import { AppointmentError } from '../../src/domain/errors';
import { ListQuery, parseListQuery } from '../../src/domain/listing';
import { issuePageToken, resolvePage } from '../../src/data/page-token';

const SECRET = 'page-token-test-secret';
const TENANT = 'clinic-a';
const NOW = new Date('2026-12-01T10:00:00Z');
const LAST = '2026-12-02T09:00:00Z#appt-7';

const query = (params: Record<string, string>, now = NOW): ListQuery => parseListQuery(params, null, now);
const firstPageToken = (params: Record<string, string> = { providerId: 'p' }) => {
  const first = query(params);
  return issuePageToken(TENANT, first, resolvePage(TENANT, first, SECRET), LAST, SECRET);
};
const encode = (text: string) => Buffer.from(text).toString('base64url');
const decode = (payload: string) => Buffer.from(payload, 'base64url').toString('utf8');
/** A token signed with our secret: whatever it holds passed the HMAC check. */
const signed = (payload: string) => `${payload}.${createHmac('sha256', SECRET).update(payload).digest('base64url')}`;

function refusal(run: () => unknown) {
  try {
    run();
  } catch (error) {
    return { code: (error as AppointmentError).code, details: (error as AppointmentError).details };
  }
  return 'accepted';
}
const REFUSED = {
  code: 'VALIDATION_ERROR',
  details: [{ path: 'nextToken', message: 'is not a page token issued for this query' }],
};

describe('page tokens', () => {
  it('gives the first page its own window and no position', () => {
    expect(resolvePage(TENANT, query({ providerId: 'p' }), SECRET)).toEqual({
      from: '2026-12-01T10:00:00Z',
      to: '2026-12-08T10:00:00Z',
    });
  });

  it('carries the last startKey and the first page window to the next page, whatever the clock says then', () => {
    // Prepare: the next request comes an hour later, so its default window has moved on.
    const token = firstPageToken();
    const later = query({ providerId: 'p', nextToken: token }, new Date('2026-12-01T11:00:00Z'));
    // Act
    const page = resolvePage(TENANT, later, SECRET);
    // Assess
    expect(page).toEqual({ from: '2026-12-01T10:00:00Z', to: '2026-12-08T10:00:00Z', after: LAST });
  });

  it('accepts bounds the next request names when they equal the token window', () => {
    const params = { providerId: 'p', from: '2026-12-03T00:00:00Z', to: '2026-12-04T00:00:00Z' };
    const page = resolvePage(TENANT, query({ ...params, nextToken: firstPageToken(params) }), SECRET);
    expect(page).toEqual({ from: '2026-12-03T00:00:00Z', to: '2026-12-04T00:00:00Z', after: LAST });
  });

  it.each<[string, Record<string, string>]>([
    ['another from', { from: '2026-12-01T10:15:00Z' }],
    ['another to', { to: '2026-12-07T10:00:00Z' }],
    ['another provider', { providerId: 'q' }],
    ['the same id as a customer', { providerId: undefined as unknown as string, customerId: 'p' }],
    ['includeCancelled', { includeCancelled: 'true' }],
  ])('refuses a token moved to %s', (_name, change) => {
    const params = Object.fromEntries(
      Object.entries({ providerId: 'p', ...change, nextToken: firstPageToken() }).filter(([, v]) => v !== undefined),
    );
    expect(refusal(() => resolvePage(TENANT, query(params), SECRET))).toEqual(REFUSED);
  });

  it('refuses a token moved to another tenant, for the very same query', () => {
    const params = { providerId: 'p', nextToken: firstPageToken() };
    expect(refusal(() => resolvePage('clinic-b', query(params), SECRET))).toEqual(REFUSED);
    expect(refusal(() => resolvePage(TENANT, query(params), SECRET))).toBe('accepted');
  });

  it.each<[string, (token: string) => string]>([
    [
      'signed with another secret',
      (token) =>
        `${token.split('.')[0]}.${createHmac('sha256', 'another').update(token.split('.')[0]).digest('base64url')}`,
    ],
    ['with another payload under the same signature', (token) => `${encode('{}')}.${token.split('.')[1]}`],
    ['with its signature cut short', (token) => token.slice(0, -4)],
    ['without a signature', (token) => `${token.split('.')[0]}.`],
    ['without a payload', (token) => `.${token.split('.')[1]}`],
    ['with a third part', (token) => `${token}.${token.split('.')[1]}`],
    ['signed, but not JSON', () => signed(encode('not json'))],
    ['signed JSON null', () => signed(encode('null'))],
    [
      'signed, with a field that is not a string',
      () => signed(encode(JSON.stringify({ a: LAST, f: 1, t: 'x', q: 'y' }))),
    ],
    ['signed, without its query hash', () => signed(encode(JSON.stringify({ a: LAST, f: 'x', t: 'y' })))],
    [
      'signed, with the right query hash but a position that is not a string',
      (token) => signed(encode(JSON.stringify({ ...JSON.parse(decode(token.split('.')[0])), a: 7 }))),
    ],
  ])('refuses a token %s, as a validation error naming nextToken', (_name, forge) => {
    const token = forge(firstPageToken());
    expect(refusal(() => resolvePage(TENANT, query({ providerId: 'p', nextToken: token }), SECRET))).toEqual(REFUSED);
  });

  it('refuses a token checked with another secret', () => {
    const next = query({ providerId: 'p', nextToken: firstPageToken() });
    expect(refusal(() => resolvePage(TENANT, next, 'another-secret'))).toEqual(REFUSED);
  });

  it('refuses a signed, well-formed cursor whose query hash belongs to no query', () => {
    // Prepare: a cursor that is well-formed and signed, but whose hash belongs to no query.
    const cursor = { a: LAST, f: '2026-12-01T10:00:00Z', t: '2026-12-08T10:00:00Z', q: 'AAAAAAAAAAAAAAAAAAAAAA' };
    const token = signed(encode(JSON.stringify(cursor)));
    // Act / Assess
    expect(refusal(() => resolvePage(TENANT, query({ providerId: 'p', nextToken: token }), SECRET))).toEqual(REFUSED);
  });
});
