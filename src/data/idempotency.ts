/**
 * Idempotency-Key records, written in the SAME transaction as the booking they answer for.
 *
 * We deliberately do not use the Powertools idempotency utility: it writes its record in a
 * separate request before the handler runs and updates it in another after, so the record and
 * the booking are not atomic (a crash between them leaves a booking with no record, or a record
 * stuck "in progress") and every keyed request pays two extra round trips. Here the record is
 * one more Put in the booking's TransactWriteItems, conditioned on no live record existing; when
 * it exists, ReturnValuesOnConditionCheckFailure=ALL_OLD hands back the stored answer inside the
 * cancellation reasons, so a replay costs no extra read either.
 */
import { createHash } from 'node:crypto';
import { AttributeValue } from '@aws-sdk/client-dynamodb';
import { IdempotencyClaim, IdempotentLookup } from './repository';
import { ITEM_SK } from './keys';

/** How long an answer is replayed; after that DynamoDB's TTL deletes the record. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * A key belongs to its tenant and its caller (`sub`): two callers may pick the same key, and one
 * caller's record must never replay, block or reveal anything to another. The key is hashed: it
 * is client-chosen text of up to 255 characters and may hold anything.
 */
export const idempotencyRecordKey = (tenantId: string, subject: string, key: string) => ({
  pk: `IDEMPOTENCY#${tenantId}#${subject}#${sha256Hex(key)}`,
  sk: ITEM_SK.idempotency,
});

/** JSON with object keys sorted, so `{"a":1,"b":2}` and `{ "b": 2, "a": 1 }` are the same request. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export const requestBodyHash = (body: unknown) => sha256Hex(canonicalJson(body));

export interface IdempotencyRecordItem {
  readonly pk: string;
  readonly sk: string;
  readonly requestHash: string;
  readonly statusCode: number;
  readonly responseBody: string;
  /** Epoch seconds; the table's TTL attribute. */
  readonly expiresAt: number;
}

export function idempotencyRecordItem(tenantId: string, claim: IdempotencyClaim, now: Date): IdempotencyRecordItem {
  return {
    ...idempotencyRecordKey(tenantId, claim.subject, claim.key),
    requestHash: claim.requestHash,
    statusCode: claim.response.statusCode,
    responseBody: claim.response.body,
    expiresAt: Math.floor(now.getTime() / 1000) + IDEMPOTENCY_TTL_SECONDS,
  };
}

/** A record counts until `expiresAt`, whether or not TTL has deleted it yet (TTL lags by hours). */
export const isLive = (expiresAt: number, now: Date) => expiresAt >= Math.floor(now.getTime() / 1000);

interface StoredRecord {
  readonly requestHash?: string;
  readonly statusCode?: number;
  readonly responseBody?: string;
  readonly expiresAt?: number;
}

/** Replay, refuse, or (expired) ignore a stored record. */
export function lookupFromRecord(record: StoredRecord | undefined, requestHash: string, now: Date): IdempotentLookup {
  if (!record || record.expiresAt === undefined || !isLive(record.expiresAt, now)) return { kind: 'none' };
  if (record.requestHash !== requestHash) return { kind: 'reused' };
  return { kind: 'replay', response: { statusCode: Number(record.statusCode), body: String(record.responseBody) } };
}

/** The record returned (ALL_OLD, wire format) in a cancellation reason. */
export function recordFromWire(item: Record<string, AttributeValue> | undefined): StoredRecord | undefined {
  if (!item) return undefined;
  return {
    requestHash: item.requestHash?.S,
    statusCode: item.statusCode?.N === undefined ? undefined : Number(item.statusCode.N),
    responseBody: item.responseBody?.S,
    expiresAt: item.expiresAt?.N === undefined ? undefined : Number(item.expiresAt.N),
  };
}
