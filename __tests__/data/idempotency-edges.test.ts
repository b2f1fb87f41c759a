/** Idempotency records at their edges: the key, the canonical body hash, expiry to the second. */
import { createHash } from 'node:crypto';
import {
  IDEMPOTENCY_TTL_SECONDS,
  idempotencyRecordItem,
  idempotencyRecordKey,
  isLive,
  lookupFromRecord,
  recordFromWire,
  requestBodyHash,
} from '../../src/data/idempotency';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const NOW = new Date('2026-12-01T10:00:00.900Z');
const NOW_SECONDS = 1_796_119_200;

describe('idempotency records', () => {
  it('are keyed by tenant, caller and the SHA-256 of the key, never the key itself', () => {
    expect(idempotencyRecordKey('clinic-a', 'sub-1', 'order 42/ä')).toEqual({
      pk: `IDEMPOTENCY#clinic-a#sub-1#${sha256('order 42/ä')}`,
      sk: 'IDEMPOTENCY',
    });
    expect(idempotencyRecordKey('clinic-b', 'sub-1', 'k')).not.toEqual(idempotencyRecordKey('clinic-a', 'sub-1', 'k'));
    expect(idempotencyRecordKey('clinic-a', 'sub-2', 'k')).not.toEqual(idempotencyRecordKey('clinic-a', 'sub-1', 'k'));
  });

  it('hash the body as JSON with sorted keys at every depth, keeping array order and types', () => {
    // Prepare
    const body = { b: [2, { d: null, c: 'x' }], a: 1 };
    // Act / Assess
    expect(requestBodyHash(body)).toBe(sha256('{"a":1,"b":[2,{"c":"x","d":null}]}'));
    expect(requestBodyHash({ a: 1, b: [2, { c: 'x', d: null }] })).toBe(requestBodyHash(body));
    expect(requestBodyHash([1, 2])).not.toBe(requestBodyHash([2, 1]));
    expect(requestBodyHash({ a: '1' })).not.toBe(requestBodyHash({ a: 1 }));
    expect(requestBodyHash({ a: null })).toBe(sha256('{"a":null}'));
  });

  it('store the answer for 24 hours from the whole second of the booking', () => {
    const claim = { subject: 's', key: 'k', requestHash: 'h', response: { statusCode: 201, body: '{"x":1}' } };
    expect(idempotencyRecordItem('clinic-a', claim, NOW)).toEqual({
      ...idempotencyRecordKey('clinic-a', 's', 'k'),
      requestHash: 'h',
      statusCode: 201,
      responseBody: '{"x":1}',
      expiresAt: NOW_SECONDS + 86_400,
    });
    expect(IDEMPOTENCY_TTL_SECONDS).toBe(86_400);
  });

  it('count through the second of expiresAt and not after it', () => {
    expect(isLive(NOW_SECONDS, NOW)).toBe(true);
    expect(isLive(NOW_SECONDS - 1, NOW)).toBe(false);
  });
});

describe('lookupFromRecord', () => {
  const record = { requestHash: 'h', statusCode: 201, responseBody: '{}', expiresAt: NOW_SECONDS };

  it('replays a live record of the same body, and refuses one of another body', () => {
    expect(lookupFromRecord(record, 'h', NOW)).toEqual({ kind: 'replay', response: { statusCode: 201, body: '{}' } });
    expect(lookupFromRecord(record, 'other', NOW)).toEqual({ kind: 'reused' });
  });

  it('ignores no record, a record without expiresAt and an expired one', () => {
    expect(lookupFromRecord(undefined, 'h', NOW)).toEqual({ kind: 'none' });
    expect(lookupFromRecord({ ...record, expiresAt: undefined }, 'h', NOW)).toEqual({ kind: 'none' });
    expect(lookupFromRecord({ ...record, expiresAt: NOW_SECONDS - 1 }, 'other', NOW)).toEqual({ kind: 'none' });
  });
});

describe('recordFromWire', () => {
  it('reads the record DynamoDB hands back in a cancellation reason', () => {
    const wire = {
      requestHash: { S: 'h' },
      statusCode: { N: '201' },
      responseBody: { S: '{}' },
      expiresAt: { N: String(NOW_SECONDS) },
    };
    expect(recordFromWire(wire)).toEqual({
      requestHash: 'h',
      statusCode: 201,
      responseBody: '{}',
      expiresAt: NOW_SECONDS,
    });
  });

  it('leaves out what the item does not hold, and gives nothing for no item', () => {
    expect(recordFromWire({ pk: { S: 'IDEMPOTENCY#s#x' } })).toStrictEqual({
      requestHash: undefined,
      statusCode: undefined,
      responseBody: undefined,
      expiresAt: undefined,
    });
    expect(recordFromWire(undefined)).toBeUndefined();
  });
});
