import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  Shard,
  ShardIteratorType,
  _Record as StreamsRecord,
  TrimmedDataAccessException,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { Log, silentLog } from '../../src/notifications/ports';

export interface LocalStreamPollerOptions {
  readonly dynamodb: DynamoDBClient;
  readonly streams: DynamoDBStreamsClient;
  readonly tableName: string;
  /** Where to begin in the shards open at the first poll; later shards are read from their start. @default 'LATEST' */
  readonly startingPosition?: 'LATEST' | 'TRIM_HORIZON';
  /** Pause between polls. @default 500 */
  readonly intervalMs?: number;
  /** Deliveries of a failing record before it is dropped, like an event source mapping's retries. @default 5 */
  readonly maxAttempts?: number;
  readonly log?: Log;
}

export type StreamEventHandler = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | void>;

interface ShardState {
  readonly shardId: string;
  readonly parentShardId?: string;
  iterator?: string;
  lastSequenceNumber?: string;
  firstPosition: 'LATEST' | 'TRIM_HORIZON';
  done: boolean;
}

/**
 * Reads a DynamoDB Local table's stream the way Lambda's event source mapping reads a real one:
 * shard by shard, a child shard only after its parent is exhausted, and hands each batch, in
 * Lambda's event shape, to the same handler. Failed records (batchItemFailures) are delivered
 * again from the first failure on the next poll.
 */
export class LocalStreamPoller {
  private streamArn?: string;
  private readonly shards = new Map<string, ShardState>();
  private pending: DynamoDBRecord[] = [];
  private headSequence?: string;
  private headAttempts = 0;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  private readonly log: Log;

  constructor(private readonly options: LocalStreamPollerOptions) {
    this.log = options.log ?? silentLog;
  }

  /** Starts polling in the background; resolves once the stream's shards are positioned. */
  async start(handler: StreamEventHandler): Promise<void> {
    await this.poll();
    const tick = async () => {
      try {
        await this.deliver(handler, await this.poll());
      } catch (error) {
        this.log.error('local stream poll failed', { error: error as Error });
      }
      if (!this.stopped) this.timer = setTimeout(() => (this.running = tick()), this.options.intervalMs ?? 500);
    };
    this.running = tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Reads every record that has appeared since the last poll, in stream order. */
  async poll(): Promise<DynamoDBRecord[]> {
    const streamArn = await this.resolveStreamArn();
    const firstDiscovery = this.shards.size === 0;
    for (const shard of await this.listShards(streamArn)) {
      if (this.shards.has(shard.ShardId!)) continue;
      const closed = shard.SequenceNumberRange?.EndingSequenceNumber !== undefined;
      const position = firstDiscovery ? (this.options.startingPosition ?? 'LATEST') : 'TRIM_HORIZON';
      this.shards.set(shard.ShardId!, {
        shardId: shard.ShardId!,
        parentShardId: shard.ParentShardId,
        firstPosition: position,
        // Shards closed before we started hold only history we were told to skip.
        done: firstDiscovery && closed && position === 'LATEST',
      });
    }
    const records: DynamoDBRecord[] = [];
    for (const state of this.shards.values()) {
      const parent = state.parentShardId ? this.shards.get(state.parentShardId) : undefined;
      if (state.done || (parent && !parent.done)) continue;
      records.push(...(await this.readShard(streamArn, state)));
    }
    return records;
  }

  private async deliver(handler: StreamEventHandler, fresh: DynamoDBRecord[]): Promise<void> {
    const batch = [...this.pending, ...fresh];
    if (batch.length === 0) return;
    const failures = new Set((await handler({ Records: batch }))?.batchItemFailures.map((f) => f.itemIdentifier));
    const firstFailed = batch.findIndex((r) => failures.has(r.dynamodb?.SequenceNumber ?? ''));
    this.pending = firstFailed < 0 ? [] : batch.slice(firstFailed);
    const head = this.pending[0]?.dynamodb?.SequenceNumber;
    this.headAttempts = head !== undefined && head === this.headSequence ? this.headAttempts + 1 : 1;
    this.headSequence = head;
    if (head !== undefined && this.headAttempts >= (this.options.maxAttempts ?? 5)) {
      // A record that keeps failing would block every later change; Lambda would send it to
      // the on-failure destination, here it is logged and dropped.
      this.pending.shift();
      this.log.error('local stream record dropped after repeated failures', { sequenceNumber: head });
    }
  }

  private async resolveStreamArn(): Promise<string> {
    if (this.streamArn) return this.streamArn;
    const { Table } = await this.options.dynamodb.send(new DescribeTableCommand({ TableName: this.options.tableName }));
    if (!Table?.LatestStreamArn) throw new Error(`table ${this.options.tableName} has no stream enabled`);
    this.streamArn = Table.LatestStreamArn;
    return this.streamArn;
  }

  private async listShards(streamArn: string): Promise<Shard[]> {
    const shards: Shard[] = [];
    let exclusiveStartShardId: string | undefined;
    do {
      const { StreamDescription } = await this.options.streams.send(
        new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: exclusiveStartShardId }),
      );
      shards.push(...(StreamDescription?.Shards ?? []));
      exclusiveStartShardId = StreamDescription?.LastEvaluatedShardId;
    } while (exclusiveStartShardId);
    return shards;
  }

  private async readShard(streamArn: string, state: ShardState): Promise<DynamoDBRecord[]> {
    const records: DynamoDBRecord[] = [];
    // Drain what is there now; an open shard answers an empty page once caught up.
    for (let page = 0; page < 20 && !state.done; page++) {
      let answer;
      try {
        state.iterator ??= await this.shardIterator(streamArn, state);
        answer = await this.options.streams.send(new GetRecordsCommand({ ShardIterator: state.iterator, Limit: 1000 }));
      } catch (error) {
        if (error instanceof TrimmedDataAccessException) {
          // The records after the last one seen are gone (DynamoDB keeps them 24 hours; a busy
          // DynamoDB Local trims sooner). As Lambda does, go on from the oldest record kept,
          // rather than fail every poll from now on.
          this.log.error('local stream records were trimmed before they were read; reading on from the oldest kept', {
            shardId: state.shardId,
            afterSequenceNumber: state.lastSequenceNumber,
          });
          state.lastSequenceNumber = undefined;
          state.firstPosition = 'TRIM_HORIZON';
          state.iterator = undefined;
          continue;
        }
        // Iterators live 15 minutes; take a fresh one after the last record seen.
        if (!(error instanceof ExpiredIteratorException)) throw error;
        state.iterator = undefined;
        continue;
      }
      const received = answer.Records ?? [];
      for (const record of received) {
        state.lastSequenceNumber = record.dynamodb?.SequenceNumber ?? state.lastSequenceNumber;
        records.push(toLambdaRecord(record, streamArn));
      }
      state.iterator = answer.NextShardIterator;
      if (!state.iterator) state.done = true; // closed shard, fully read
      if (received.length === 0) break;
    }
    return records;
  }

  private async shardIterator(streamArn: string, state: ShardState): Promise<string> {
    const afterLast = state.lastSequenceNumber !== undefined;
    const { ShardIterator } = await this.options.streams.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: state.shardId,
        ShardIteratorType: afterLast ? ShardIteratorType.AFTER_SEQUENCE_NUMBER : state.firstPosition,
        SequenceNumber: state.lastSequenceNumber,
      }),
    );
    if (!ShardIterator) throw new Error(`no iterator for shard ${state.shardId}`);
    return ShardIterator;
  }
}

/** The SDK's stream record in the shape Lambda delivers it (epoch seconds, the stream's ARN). */
export function toLambdaRecord(record: StreamsRecord, streamArn: string): DynamoDBRecord {
  const { ApproximateCreationDateTime, ...rest } = record.dynamodb ?? {};
  return {
    eventID: record.eventID,
    eventName: record.eventName as DynamoDBRecord['eventName'],
    eventVersion: record.eventVersion,
    eventSource: record.eventSource ?? 'aws:dynamodb',
    awsRegion: record.awsRegion,
    eventSourceARN: streamArn,
    dynamodb: {
      ...(rest as NonNullable<DynamoDBRecord['dynamodb']>),
      ApproximateCreationDateTime: ApproximateCreationDateTime
        ? Math.floor(ApproximateCreationDateTime.getTime() / 1000)
        : undefined,
    },
  };
}
