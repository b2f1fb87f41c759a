/**
 * Reading an API Gateway REST proxy event: headers by case-insensitive name, the JSON body (its
 * size checked before it is parsed), and the optional Idempotency-Key and If-Match headers.
 */
import { APIGatewayProxyEvent } from 'aws-lambda';
import { AppointmentError, notFound, providerNotFound, validationError } from '../domain/errors';

/** API Gateway keeps the client's header case; HTTP says names are case-insensitive. */
export function header(event: APIGatewayProxyEvent, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === wanted && value !== undefined) return value;
  }
  return undefined;
}

/** Largest request body accepted, in bytes; larger ones are refused before parsing. */
export const MAX_BODY_BYTES = 16 * 1024;
/**
 * Largest provider profile body: 200 date overrides of 8 intervals each are about 60 KB of
 * compact JSON, so a profile the contract allows always fits, even pretty-printed.
 */
export const MAX_PROFILE_BODY_BYTES = 128 * 1024;

const invalidBody = (message: string) => validationError([{ path: 'body', message }]);

/**
 * The body as JSON; with `optional`, an empty body reads as `{}` (a DELETE may send none).
 * @param options.maxBytes the largest body accepted @default MAX_BODY_BYTES
 */
export function readJsonBody(
  event: APIGatewayProxyEvent,
  options: { optional?: boolean; maxBytes?: number } = {},
): unknown {
  const raw = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  const maxBytes = options.maxBytes ?? MAX_BODY_BYTES;
  // Before JSON.parse: parsing is where an oversized body would cost time and memory.
  if (bytes.byteLength > maxBytes) {
    throw new AppointmentError('PAYLOAD_TOO_LARGE', `The request body is larger than ${maxBytes} bytes.`);
  }
  const text = bytes.toString('utf8');
  if (text.trim() === '') {
    if (options.optional) return {};
    throw invalidBody('is required: send a JSON object');
  }
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    throw invalidBody('is not valid JSON');
  }
  // 16 KB of `[` parses fine but nests 16,000 deep: the recursive code after parsing (hashing the
  // body for Idempotency-Key) would overflow the stack and answer 500.
  if (nestsDeeperThan(body, MAX_JSON_DEPTH)) throw invalidBody(`nests deeper than ${MAX_JSON_DEPTH} levels`);
  // JSON may escape half a surrogate pair ("\ud800"); DynamoDB stores UTF-8 and would refuse it.
  const malformed = malformedStringPath(body);
  if (malformed !== undefined) {
    throw validationError([{ path: malformed || 'body', message: 'contains an unpaired UTF-16 surrogate' }]);
  }
  return body;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The dotted path of the first string (value or key) that is not well-formed UTF-16, if any. */
function malformedStringPath(value: unknown): string | undefined {
  const pending: [unknown, string][] = [[value, '']];
  while (pending.length > 0) {
    const [current, at] = pending.pop() as [unknown, string];
    if (typeof current === 'string') {
      if (LONE_SURROGATE.test(current)) return at;
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    for (const [key, child] of Object.entries(current)) {
      const childPath = at ? `${at}.${key}` : key;
      if (LONE_SURROGATE.test(key)) return childPath;
      pending.push([child, childPath]);
    }
  }
  return undefined;
}

/** A valid request nests 3 levels (body, customer, a field); anything far deeper is not one. */
export const MAX_JSON_DEPTH = 32;

/** Iterative, so that measuring a hostile body cannot overflow the stack itself. */
function nestsDeeperThan(value: unknown, maxDepth: number): boolean {
  const pending: [unknown, number][] = [[value, 1]];
  while (pending.length > 0) {
    const [current, depth] = pending.pop() as [unknown, number];
    if (current === null || typeof current !== 'object') continue;
    if (depth > maxDepth) return true;
    for (const child of Object.values(current)) pending.push([child, depth + 1]);
  }
  return false;
}

/** 1 to 255 printable ASCII characters (space through tilde). */
export function readIdempotencyKey(event: APIGatewayProxyEvent): string | undefined {
  const key = header(event, 'Idempotency-Key');
  if (key === undefined) return undefined;
  if (!/^[\x20-\x7e]{1,255}$/.test(key)) {
    throw validationError([{ path: 'Idempotency-Key', message: 'must be 1 to 255 printable ASCII characters' }]);
  }
  return key;
}

/** A version number, bare or as an entity tag: `3`, `"3"` and `W/"3"` all mean version 3. */
export function readIfMatch(event: APIGatewayProxyEvent): number | undefined {
  const value = header(event, 'If-Match');
  if (value === undefined) return undefined;
  const match = /^\s*(?:W\/)?("?)([1-9]\d{0,14})\1\s*$/.exec(value);
  if (!match)
    throw validationError([{ path: 'If-Match', message: 'must be a positive integer version, like 3 or "3"' }]);
  return Number(match[2]);
}

const ENTITY_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The provider of a `/providers/{providerId}` path. One that no PUT could have made cannot exist
 * (`404 PROVIDER_NOT_FOUND`) when read; a PUT of one is refused naming the field.
 */
export function providerIdFromPath(event: APIGatewayProxyEvent, use: 'read' | 'write'): string {
  const id = event.pathParameters?.providerId ?? '';
  if (ENTITY_ID.test(id)) return id;
  if (use === 'read') throw providerNotFound(id);
  throw validationError([{ path: 'providerId', message: 'must be 1 to 64 characters of A-Z, a-z, 0-9, _ or -' }]);
}

/** An id that could never have been issued cannot exist: 404, not 400. */
export function appointmentIdFromPath(event: APIGatewayProxyEvent): string {
  const id = event.pathParameters?.appointmentId ?? '';
  if (!ENTITY_ID.test(id)) throw notFound(id);
  return id;
}
