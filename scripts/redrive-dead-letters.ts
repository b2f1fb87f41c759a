/**
 * `npm run redrive -- --queue-url <url> --function <name or ARN> [--dry-run] [--max N]`
 *
 * Replays the messages of a dead-letter queue, then deletes each one whose replay succeeded
 * (a failed replay stays in the queue and is reported). Reminder queues (the Scheduler DLQ, the
 * send-reminder async DLQ) are replayed by invoking the send-reminder function with the reminder
 * input: it sends only what is still due and never twice. The stream on-failure queue is replayed
 * by reading the failed records from the table's stream again and invoking the publisher with
 * them (stream records are kept 24 hours). --dry-run only lists what would be done; --max (default
 * 100) bounds the messages handled. Region: AWS_REGION, else us-west-1.
 */
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { classify, invoke, readBatch, streamEvent } from './dead-letters/replay';

export interface RedriveOptions {
  readonly queueUrl: string;
  readonly functionName: string;
  readonly dryRun: boolean;
  readonly max: number;
}

export interface RedriveClients {
  readonly sqs: SQSClient;
  readonly lambda: LambdaClient;
  readonly streams: DynamoDBStreamsClient;
}

export interface RedriveReport {
  replayed: number;
  readonly failed: { readonly messageId: string; readonly reason: string }[];
  readonly planned: string[];
}

export async function redriveDeadLetters(options: RedriveOptions, clients: RedriveClients): Promise<RedriveReport> {
  const report: RedriveReport = { replayed: 0, failed: [], planned: [] };
  const seen = new Set<string>();
  while (seen.size < options.max) {
    const { Messages = [] } = await clients.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: options.queueUrl,
        MaxNumberOfMessages: Math.min(10, options.max - seen.size),
        WaitTimeSeconds: 1,
        // A dry run leaves every message visible at once; a replay hides it while it works.
        VisibilityTimeout: options.dryRun ? 0 : 120,
      }),
    );
    const fresh = Messages.filter((message) => !seen.has(message.MessageId ?? ''));
    if (fresh.length === 0) break;
    for (const message of fresh) {
      const messageId = message.MessageId ?? '';
      seen.add(messageId);
      const letter = classify(message.Body);
      if (letter.kind === 'unknown') {
        report.failed.push({ messageId, reason: letter.reason });
        continue;
      }
      const what =
        letter.kind === 'reminder'
          ? `invoke ${options.functionName} with reminder ${JSON.stringify(letter.input)}`
          : `invoke ${options.functionName} with stream records ${letter.batch.startSequenceNumber}..${letter.batch.endSequenceNumber} of ${letter.batch.shardId}`;
      if (options.dryRun) {
        report.planned.push(`${messageId}: ${what}`);
        continue;
      }
      try {
        if (letter.kind === 'reminder') {
          await invoke(clients.lambda, options.functionName, letter.input);
        } else {
          const records = await readBatch(clients.streams, letter.batch);
          if (records.length === 0) throw new Error('the stream no longer holds these records (24-hour retention)');
          await invoke(clients.lambda, options.functionName, streamEvent(records, letter.batch.streamArn));
        }
        await clients.sqs.send(
          new DeleteMessageCommand({ QueueUrl: options.queueUrl, ReceiptHandle: message.ReceiptHandle }),
        );
        report.replayed += 1;
      } catch (error) {
        report.failed.push({ messageId, reason: (error as Error).message });
      }
    }
  }
  return report;
}

export function parseArgs(argv: readonly string[]): RedriveOptions {
  const value = (flag: string) => {
    const index = argv.indexOf(flag);
    return index === -1 ? undefined : argv[index + 1];
  };
  const queueUrl = value('--queue-url');
  const functionName = value('--function');
  const max = Number(value('--max') ?? 100);
  if (!queueUrl || !functionName || !Number.isInteger(max) || max < 1) {
    throw new Error('Usage: npm run redrive -- --queue-url <url> --function <name or ARN> [--dry-run] [--max N]');
  }
  return { queueUrl, functionName, dryRun: argv.includes('--dry-run'), max };
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const region = process.env.AWS_REGION ?? 'us-west-1';
  const report = await redriveDeadLetters(options, {
    sqs: new SQSClient({ region }),
    lambda: new LambdaClient({ region }),
    streams: new DynamoDBStreamsClient({ region }),
  });
  for (const line of report.planned) console.log(`would ${line}`);
  for (const failure of report.failed) console.error(`kept ${failure.messageId}: ${failure.reason}`);
  console.log(`replayed and deleted ${report.replayed}; kept ${report.failed.length}`);
  if (report.failed.length > 0) process.exitCode = 1;
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error((error as Error).message);
    process.exitCode = 1;
  });
}
