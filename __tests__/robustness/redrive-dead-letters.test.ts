/**
 * The redrive command (scripts/redrive-dead-letters.ts). SQS, Lambda and DynamoDB Streams are
 * replaced with aws-sdk-client-mock: a dead-letter queue, a deployed function and a stream
 * shard cannot be produced locally, and the mocks record exactly what the command sent.
 */
import { DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { parseArgs, redriveDeadLetters } from '../../scripts/redrive-dead-letters';
import { newFigures, recordFigures } from './support/figures';

const figures = newFigures();
const sqs = mockClient(SQSClient);
const lambda = mockClient(LambdaClient);
const streams = mockClient(DynamoDBStreamsClient);
const clients = { sqs: new SQSClient({}), lambda: new LambdaClient({}), streams: new DynamoDBStreamsClient({}) };
const QUEUE = 'https://sqs.us-west-1.amazonaws.com/111122223333/appointments-test-dlq';
const STREAM = 'arn:aws:dynamodb:us-west-1:111122223333:table/appointments-test/stream/2026-11-22T00:00:00.000';
const reminder = {
  tenantId: 'clinic-a',
  appointmentId: 'a1',
  version: 2,
  start: '2026-12-01T17:00:00Z',
  minutesBefore: 60,
};
const ok = (payload: unknown) => ({ StatusCode: 200, Payload: Buffer.from(JSON.stringify(payload)) as never });

beforeEach(() => {
  sqs.reset();
  lambda.reset();
  streams.reset();
  sqs.on(DeleteMessageCommand).resolves({});
});

afterAll(() => recordFigures('redrive-dead-letters', figures));

const queueHolding = (...bodies: string[]) =>
  sqs
    .on(ReceiveMessageCommand)
    .resolvesOnce({ Messages: bodies.map((Body, i) => ({ MessageId: `m${i}`, ReceiptHandle: `r${i}`, Body })) })
    .resolves({ Messages: [] });

const deletedHandles = () => sqs.commandCalls(DeleteMessageCommand).map((call) => call.args[0].input.ReceiptHandle);
const invokedPayloads = () =>
  lambda.commandCalls(InvokeCommand).map((call) => {
    const payload = call.args[0].input.Payload;
    return JSON.parse(typeof payload === 'string' ? payload : Buffer.from(payload as Uint8Array).toString());
  });

describe('redrive of the reminder queues', () => {
  it('invokes send-reminder with a Scheduler DLQ body and with a Lambda async record, then deletes both', async () => {
    queueHolding(JSON.stringify(reminder), JSON.stringify({ requestContext: {}, requestPayload: reminder }));
    lambda.on(InvokeCommand).resolves(ok({ sent: true }));
    const report = await redriveDeadLetters(
      { queueUrl: QUEUE, functionName: 'send-reminder', dryRun: false, max: 10 },
      clients,
    );
    expect(invokedPayloads()).toEqual([reminder, reminder]);
    expect(lambda.commandCalls(InvokeCommand)[0].args[0].input.InvocationType).toBe('RequestResponse');
    expect(deletedHandles()).toEqual(['r0', 'r1']);
    expect(report).toEqual({ replayed: 2, failed: [], planned: [] });
    figures.invariantsChecked += 3;
  });

  it('keeps a message whose replay failed, and one it cannot read', async () => {
    queueHolding(JSON.stringify(reminder), 'not json');
    lambda.on(InvokeCommand).resolves({
      StatusCode: 200,
      FunctionError: 'Unhandled',
      Payload: Buffer.from('{"errorMessage":"SNS down"}') as never,
    });
    const report = await redriveDeadLetters(
      { queueUrl: QUEUE, functionName: 'send-reminder', dryRun: false, max: 10 },
      clients,
    );
    figures.faultsInjected += 1;
    expect(deletedHandles()).toEqual([]);
    expect(report.failed.map((failure) => failure.messageId)).toEqual(['m0', 'm1']);
    expect(report.failed[0].reason).toContain('SNS down');
    figures.invariantsChecked += 3;
  });

  it('--dry-run lists what it would do and neither invokes nor deletes', async () => {
    queueHolding(JSON.stringify(reminder));
    const report = await redriveDeadLetters(
      { queueUrl: QUEUE, functionName: 'send-reminder', dryRun: true, max: 10 },
      clients,
    );
    expect(report.planned).toEqual([`m0: invoke send-reminder with reminder ${JSON.stringify(reminder)}`]);
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(0);
    expect(deletedHandles()).toEqual([]);
    figures.invariantsChecked += 3;
  });
});

describe('redrive of the stream on-failure queue', () => {
  it('re-reads the failed batch from its shard (start to end sequence number) and invokes the publisher with it', async () => {
    // Prepare: Lambda's on-failure record for sequence numbers 200..300 of one shard.
    const batch = { shardId: 'shardId-1', startSequenceNumber: '200', endSequenceNumber: '300', streamArn: STREAM };
    queueHolding(
      JSON.stringify({ requestContext: { condition: 'RetryAttemptsExhausted' }, DDBStreamBatchInfo: batch }),
    );
    const record = (seq: string) => ({
      eventID: `e${seq}`,
      eventName: 'MODIFY' as const,
      dynamodb: {
        SequenceNumber: seq,
        ApproximateCreationDateTime: new Date('2026-11-22T00:00:00Z'),
        Keys: { pk: { S: 'APPT#a1' } },
      },
    });
    streams.on(GetShardIteratorCommand).resolves({ ShardIterator: 'it-1' });
    streams
      .on(GetRecordsCommand, { ShardIterator: 'it-1' })
      .resolves({ Records: [record('200'), record('250')], NextShardIterator: 'it-2' })
      .on(GetRecordsCommand, { ShardIterator: 'it-2' })
      .resolves({ Records: [record('300'), record('400')], NextShardIterator: 'it-3' });
    lambda.on(InvokeCommand).resolves(ok({ batchItemFailures: [] }));
    // Act
    const report = await redriveDeadLetters(
      { queueUrl: QUEUE, functionName: 'publisher', dryRun: false, max: 10 },
      clients,
    );
    // Assess
    expect(streams.commandCalls(GetShardIteratorCommand)[0].args[0].input).toEqual({
      StreamArn: STREAM,
      ShardId: 'shardId-1',
      ShardIteratorType: 'AT_SEQUENCE_NUMBER',
      SequenceNumber: '200',
    });
    const [event] = invokedPayloads();
    expect(event.Records.map((r: { dynamodb: { SequenceNumber: string } }) => r.dynamodb.SequenceNumber)).toEqual([
      '200',
      '250',
      '300',
    ]);
    expect(event.Records[0]).toMatchObject({
      eventSourceARN: STREAM,
      dynamodb: { ApproximateCreationDateTime: 1795305600 },
    });
    expect(deletedHandles()).toEqual(['r0']);
    expect(report.replayed).toBe(1);
    figures.invariantsChecked += 5;
  });

  it('keeps the message when the publisher reports failed records again', async () => {
    const batch = { shardId: 's', startSequenceNumber: '1', endSequenceNumber: '1', streamArn: STREAM };
    queueHolding(JSON.stringify({ DDBStreamBatchInfo: batch }));
    streams.on(GetShardIteratorCommand).resolves({ ShardIterator: 'it' });
    streams.on(GetRecordsCommand).resolves({ Records: [{ dynamodb: { SequenceNumber: '1' } }] });
    lambda.on(InvokeCommand).resolves(ok({ batchItemFailures: [{ itemIdentifier: '1' }] }));
    const report = await redriveDeadLetters(
      { queueUrl: QUEUE, functionName: 'publisher', dryRun: false, max: 10 },
      clients,
    );
    figures.faultsInjected += 1;
    expect(deletedHandles()).toEqual([]);
    expect(report.failed[0].reason).toContain('1 failed record');
    figures.invariantsChecked += 2;
  });
});

it('refuses to run without --queue-url and --function, and reads --dry-run and --max', () => {
  expect(() => parseArgs(['--queue-url', QUEUE])).toThrow('Usage: npm run redrive');
  expect(parseArgs(['--queue-url', QUEUE, '--function', 'f', '--dry-run', '--max', '5'])).toEqual({
    queueUrl: QUEUE,
    functionName: 'f',
    dryRun: true,
    max: 5,
  });
});
