/**
 * How DynamoDB failures become answers. A cancelled transaction lists one reason per item, in
 * request order: only `ConditionalCheckFailed` on an item says something about the data (a slot
 * is taken, a version moved on). Every other reason (TransactionConflict with a concurrent
 * transaction, throttling) says nothing about the data and must not be answered as a conflict.
 */
import { AttributeValue } from '@aws-sdk/client-dynamodb';
import { serviceUnavailable } from '../domain/errors';

export interface CancellationReason {
  readonly Code?: string;
  readonly Message?: string;
  /** The item as it was (ReturnValuesOnConditionCheckFailure ALL_OLD), still in wire format. */
  readonly Item?: Record<string, AttributeValue>;
}

const errorName = (error: unknown) => (error as { name?: string } | null)?.name;

export function cancellationReasons(error: unknown): readonly CancellationReason[] | undefined {
  if (errorName(error) !== 'TransactionCanceledException') return undefined;
  return (error as { CancellationReasons?: CancellationReason[] }).CancellationReasons ?? [];
}

export const isConditionFailure = (reason: CancellationReason | undefined) => reason?.Code === 'ConditionalCheckFailed';

const RETRYABLE_REASONS = new Set([
  'TransactionConflict',
  'ThrottlingError',
  'ProvisionedThroughputExceeded',
  'RequestLimitExceeded',
]);

/** A cancelled transaction whose only reasons are contention or throttling: sending it again may work. */
export function isRetryableCancellation(error: unknown): boolean {
  const failed = cancellationReasons(error)?.filter((reason) => reason.Code !== undefined && reason.Code !== 'None');
  return (
    failed !== undefined && failed.length > 0 && failed.every((reason) => RETRYABLE_REASONS.has(reason.Code ?? ''))
  );
}

const TRANSIENT_NAMES = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'TransactionInProgressException',
  'TransactionConflictException',
  'LimitExceededException',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
]);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND']);

/** Throttling, timeouts, 5xx and lost connections: the dependency, not the request, failed. */
export function isTransient(error: unknown): boolean {
  if (isRetryableCancellation(error)) return true;
  const candidate = error as {
    name?: string;
    code?: string;
    $retryable?: unknown;
    $metadata?: { httpStatusCode?: number };
  } | null;
  if (!candidate) return false;
  return (
    TRANSIENT_NAMES.has(candidate.name ?? '') ||
    NETWORK_CODES.has(candidate.code ?? '') ||
    candidate.$retryable !== undefined ||
    (candidate.$metadata?.httpStatusCode ?? 0) >= 500
  );
}

/** Rethrows transient failures as SERVICE_UNAVAILABLE (503 + Retry-After); others unchanged. */
export function asServiceError(error: unknown): unknown {
  return isTransient(error) ? serviceUnavailable(error) : error;
}

const TRANSACTION_ATTEMPTS = 3;

/**
 * Sends a transaction again when it was cancelled for a reason that is not a failed condition.
 * The SDK does not retry TransactionCanceledException (it is a 400), yet a TransactionConflict
 * only means another transaction held one of the items for a moment. `send` is called with the
 * attempt number so each attempt can carry its own ClientRequestToken.
 */
export async function retryCancelledTransaction<T>(send: (attempt: number) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send(attempt);
    } catch (error) {
      if (attempt >= TRANSACTION_ATTEMPTS || !isRetryableCancellation(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** attempt * (0.5 + Math.random())));
    }
  }
}
