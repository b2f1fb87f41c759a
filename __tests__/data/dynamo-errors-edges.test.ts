/** Which DynamoDB failures are the request's, which the dependency's, and which are worth sending again. */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { AppointmentError } from '../../src/domain/errors';
import {
  asServiceError,
  cancellationReasons,
  isConditionFailure,
  isRetryableCancellation,
  isTransient,
  retryCancelledTransaction,
} from '../../src/data/dynamo-errors';

const cancelled = (...codes: (string | undefined)[]) =>
  new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: codes.map((Code) => (Code === undefined ? {} : { Code })),
  });
const named = (name: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(name), { name }, extra);

describe('cancellation reasons', () => {
  it('are read only from a cancelled transaction, one per item, and an empty list when it names none', () => {
    expect(cancellationReasons(cancelled('None', 'ConditionalCheckFailed'))).toEqual([
      { Code: 'None' },
      { Code: 'ConditionalCheckFailed' },
    ]);
    expect(cancellationReasons(named('TransactionCanceledException'))).toEqual([]);
    expect(cancellationReasons(named('ConditionalCheckFailedException'))).toBeUndefined();
    expect(cancellationReasons(null)).toBeUndefined();
  });

  it('say something about the data only when an item failed its condition', () => {
    expect(isConditionFailure({ Code: 'ConditionalCheckFailed' })).toBe(true);
    expect(isConditionFailure({ Code: 'TransactionConflict' })).toBe(false);
    expect(isConditionFailure(undefined)).toBe(false);
  });
});

describe('isRetryableCancellation', () => {
  it.each(['TransactionConflict', 'ThrottlingError', 'ProvisionedThroughputExceeded', 'RequestLimitExceeded'])(
    'sends again a transaction cancelled only by %s',
    (code) => {
      expect(isRetryableCancellation(cancelled('None', code, undefined))).toBe(true);
    },
  );

  it.each<[string, Error]>([
    ['a failed condition beside a conflict', cancelled('TransactionConflict', 'ConditionalCheckFailed')],
    ['a validation failure of an item', cancelled('ValidationError')],
    ['no failed item at all', cancelled('None', undefined)],
    ['a failure that is not a cancelled transaction', named('ThrottlingException')],
  ])('does not send again %s', (_name, error) => {
    expect(isRetryableCancellation(error)).toBe(false);
  });
});

describe('isTransient', () => {
  it.each([
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
  ])('blames the dependency for %s', (name) => {
    expect(isTransient(named(name))).toBe(true);
  });

  it.each(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND'])(
    'blames the dependency for a lost connection (%s)',
    (code) => {
      expect(isTransient(Object.assign(new Error('socket'), { code }))).toBe(true);
    },
  );

  it('blames the dependency for what the SDK marks retryable, for any 5xx, and for a conflict-only cancellation', () => {
    expect(isTransient(named('SomethingNew', { $retryable: { throttling: false } }))).toBe(true);
    expect(isTransient(named('SomethingNew', { $metadata: { httpStatusCode: 500 } }))).toBe(true);
    expect(isTransient(named('SomethingNew', { $metadata: { httpStatusCode: 503 } }))).toBe(true);
    expect(isTransient(cancelled('TransactionConflict'))).toBe(true);
  });

  it('blames the request for a 4xx, a failed condition, a plain error and nothing at all', () => {
    expect(isTransient(named('ValidationException', { $metadata: { httpStatusCode: 400 } }))).toBe(false);
    expect(isTransient(named('SomethingNew', { $metadata: { httpStatusCode: 499 } }))).toBe(false);
    expect(isTransient(named('SomethingNew', { $metadata: {} }))).toBe(false);
    expect(isTransient(cancelled('ConditionalCheckFailed'))).toBe(false);
    expect(isTransient(new Error('boom'))).toBe(false);
    expect(isTransient(null)).toBe(false);
  });

  it('answers SERVICE_UNAVAILABLE for a transient failure, keeping it as the cause, and passes others through', () => {
    const throttled = named('ThrottlingException');
    const answer = asServiceError(throttled) as AppointmentError;
    expect(answer).toBeInstanceOf(AppointmentError);
    expect({ code: answer.code, cause: answer.cause }).toEqual({ code: 'SERVICE_UNAVAILABLE', cause: throttled });
    const invalid = named('ValidationException');
    expect(asServiceError(invalid)).toBe(invalid);
  });
});

describe('retryCancelledTransaction', () => {
  afterEach(() => jest.restoreAllMocks());

  it('sends again after a conflict, numbering the attempts, and answers what the first success answers', async () => {
    // Prepare
    const attempts: number[] = [];
    const send = async (attempt: number) => {
      attempts.push(attempt);
      if (attempt < 3) throw cancelled('TransactionConflict');
      return 'committed';
    };
    // Act / Assess
    await expect(retryCancelledTransaction(send)).resolves.toBe('committed');
    expect(attempts).toEqual([1, 2, 3]);
  });

  it('gives up after three attempts with the last cancellation', async () => {
    const last = cancelled('ThrottlingError');
    let calls = 0;
    const send = async () => {
      calls++;
      throw calls === 3 ? last : cancelled('TransactionConflict');
    };
    await expect(retryCancelledTransaction(send)).rejects.toBe(last);
    expect(calls).toBe(3);
  });

  it('never sends again a transaction that failed its conditions, nor any other failure', async () => {
    for (const failure of [cancelled('ConditionalCheckFailed'), named('ThrottlingException')]) {
      let calls = 0;
      const send = async () => {
        calls++;
        throw failure;
      };
      await expect(retryCancelledTransaction(send)).rejects.toBe(failure);
      expect(calls).toBe(1);
    }
  });

  it.each([
    [0, [25, 50]],
    [0.75, [62.5, 125]],
  ])(
    'backs off exponentially from 50 ms with jitter of half either way (random %p waits %p ms)',
    async (random, waits) => {
      // Prepare: record the waits, and let them pass at once.
      jest.spyOn(Math, 'random').mockReturnValue(random);
      const delays: number[] = [];
      jest.spyOn(global, 'setTimeout').mockImplementation(((resolve: () => void, ms: number) => {
        delays.push(ms);
        resolve();
        return 0;
      }) as unknown as typeof setTimeout);
      // Act
      await retryCancelledTransaction(async (attempt) => {
        if (attempt < 3) throw cancelled('TransactionConflict');
      });
      // Assess
      expect(delays).toEqual(waits);
    },
  );
});
