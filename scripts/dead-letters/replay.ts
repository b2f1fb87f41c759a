/**
 * What a dead letter holds and how it is replayed. Three queues feed the redrive:
 * - the Scheduler DLQ and the send-reminder function's async DLQ: the reminder input
 *   `{appointmentId, version, start, minutesBefore}`, bare or inside a Lambda async record
 *   (`requestPayload`); replayed by invoking the send-reminder function with it;
 * - the stream event source mapping's on-failure queue: Lambda's record of a failed batch
 *   (`DDBStreamBatchInfo`: shardId, startSequenceNumber, endSequenceNumber, streamArn); the
 *   records themselves are read again from the stream and replayed as a DynamoDBStreamEvent.
 */
import {
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  _Record,
} from '@aws-sdk/client-dynamodb-streams';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { ReminderInput } from '../../src/notifications/ports';

export interface StreamBatchInfo {
  readonly shardId: string;
  readonly startSequenceNumber: string;
  readonly endSequenceNumber: string;
  readonly streamArn: string;
}

export type DeadLetter =
  | { readonly kind: 'reminder'; readonly input: ReminderInput }
  | { readonly kind: 'stream-batch'; readonly batch: StreamBatchInfo }
  | { readonly kind: 'unknown'; readonly reason: string };

const isReminderInput = (value: unknown): value is ReminderInput => {
  const v = value as Partial<ReminderInput> | null;
  return (
    typeof v?.appointmentId === 'string' &&
    typeof v.version === 'number' &&
    typeof v.start === 'string' &&
    typeof v.minutesBefore === 'number'
  );
};

export function classify(body: string | undefined): DeadLetter {
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(body ?? '') as Record<string, unknown>;
  } catch {
    return { kind: 'unknown', reason: 'the body is not JSON' };
  }
  if (isReminderInput(parsed)) return { kind: 'reminder', input: parsed };
  if (isReminderInput(parsed?.requestPayload)) return { kind: 'reminder', input: parsed.requestPayload };
  const batch = parsed?.DDBStreamBatchInfo as Partial<StreamBatchInfo> | undefined;
  if (batch?.shardId && batch.startSequenceNumber && batch.endSequenceNumber && batch.streamArn) {
    return { kind: 'stream-batch', batch: batch as StreamBatchInfo };
  }
  return { kind: 'unknown', reason: 'neither a reminder input nor a stream batch record' };
}

/** Reads the batch's records again: from startSequenceNumber up to endSequenceNumber, inclusive. */
export async function readBatch(
  streams: DynamoDBStreamsClient,
  batch: StreamBatchInfo,
  maxReads = 100,
): Promise<_Record[]> {
  const { ShardIterator } = await streams.send(
    new GetShardIteratorCommand({
      StreamArn: batch.streamArn,
      ShardId: batch.shardId,
      ShardIteratorType: 'AT_SEQUENCE_NUMBER',
      SequenceNumber: batch.startSequenceNumber,
    }),
  );
  const end = BigInt(batch.endSequenceNumber);
  const records: _Record[] = [];
  let iterator = ShardIterator;
  for (let read = 0; iterator && read < maxReads; read++) {
    const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 100 }));
    for (const record of page.Records ?? []) {
      if (BigInt(record.dynamodb?.SequenceNumber ?? '0') > end) return records;
      records.push(record);
    }
    if ((page.Records ?? []).length === 0) break;
    iterator = page.NextShardIterator;
  }
  return records;
}

/** The event Lambda's event source mapping would have sent for these records. */
export function streamEvent(records: readonly _Record[], streamArn: string) {
  return {
    Records: records.map((record) => ({
      ...record,
      dynamodb: {
        ...record.dynamodb,
        ApproximateCreationDateTime:
          record.dynamodb?.ApproximateCreationDateTime === undefined
            ? undefined
            : Math.floor(new Date(record.dynamodb.ApproximateCreationDateTime).getTime() / 1000),
      },
      eventSourceARN: streamArn,
    })),
  };
}

/** Invokes synchronously; throws unless the function succeeded (and reported no failed record). */
export async function invoke(lambda: LambdaClient, functionName: string, payload: unknown): Promise<void> {
  const result = await lambda.send(
    new InvokeCommand({
      FunctionName: functionName,
      InvocationType: 'RequestResponse',
      Payload: JSON.stringify(payload),
    }),
  );
  const answer = result.Payload ? Buffer.from(result.Payload).toString('utf8') : '';
  if (result.FunctionError) throw new Error(`${functionName} failed: ${answer.slice(0, 500)}`);
  const failures = (JSON.parse(answer || '{}') as { batchItemFailures?: unknown[] }).batchItemFailures ?? [];
  if (failures.length > 0) throw new Error(`${functionName} reported ${failures.length} failed record(s) again`);
}
