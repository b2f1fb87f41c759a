import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { FileEventPublisher } from './file-publisher';
import { LocalReminderScheduler } from './reminder-scheduler';
import { LocalStreamPoller } from './stream-poller';
import { Clock, Log, noCounter, systemClock } from '../../src/notifications/ports';
import { sendReminder } from '../../src/notifications/reminder-sender';
import { createDocumentClient } from '../../src/data/client';
import { DynamoDbReminderStore } from '../../src/notifications/reminder-store';
import { processStreamRecords } from '../../src/notifications/stream-processor';

export interface LocalNotificationsOptions {
  /** Client of the DynamoDB Local engine that holds the table. */
  readonly client: DynamoDBClient;
  /** The appointments table; it must exist, with its stream enabled (createTableRequest does both). */
  readonly tableName: string;
  /** File that every notification is appended to, one JSON line each; created when missing. */
  readonly notificationsFile: string;
  /** Decides which reminders are still due; timers themselves run on real time. @default the system clock */
  readonly clock?: Clock;
  /** Where notification lines are echoed. @default process.stdout */
  readonly output?: NodeJS.WritableStream;
  /** Problems (failed records, failed reminders) are reported here. @default warnings and errors as JSON on stderr */
  readonly log?: Log;
  /** Stream client; built from `client`'s endpoint, region and credentials when omitted. */
  readonly streamsClient?: DynamoDBStreamsClient;
  /** @default 500 */
  readonly pollIntervalMs?: number;
}

export interface LocalNotifications {
  readonly notificationsFile: string;
  /** The in-process reminder timers, for inspection. */
  readonly scheduler: LocalReminderScheduler;
  /** Stops polling and cancels waiting reminders; waits for work already running. */
  stop(): Promise<void>;
}

/**
 * Runs the deployed notification pipeline inside the development server: the table's stream
 * is polled and fed to the same record processing as the stream Lambda; messages go to stdout
 * and a file instead of SNS; reminders are in-process timers that run the same reminder sender
 * as the scheduled Lambda, at their due time. Only changes made after this starts are seen, and
 * reminders live only as long as the process.
 */
export async function startLocalNotifications(options: LocalNotificationsOptions): Promise<LocalNotifications> {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? stderrLog;
  const publisher = new FileEventPublisher(options.notificationsFile, options.output ?? process.stdout);
  const store = new DynamoDbReminderStore(createDocumentClient(options.client), options.tableName);
  const scheduler = new LocalReminderScheduler(
    (input) => sendReminder(input, { store, publisher, clock, log, counter: noCounter }),
    { clock, log },
  );
  const streams = options.streamsClient ?? (await streamsClientLike(options.client));
  const poller = new LocalStreamPoller({
    dynamodb: options.client,
    streams,
    tableName: options.tableName,
    intervalMs: options.pollIntervalMs,
    log,
  });
  await poller.start((event) =>
    processStreamRecords(event.Records, { publisher, scheduler, clock, log, counter: noCounter }),
  );
  return {
    notificationsFile: options.notificationsFile,
    scheduler,
    async stop() {
      await poller.stop();
      await scheduler.stop();
      if (!options.streamsClient) streams.destroy();
    },
  };
}

async function streamsClientLike(client: DynamoDBClient): Promise<DynamoDBStreamsClient> {
  const endpoint = client.config.endpoint ? await client.config.endpoint() : undefined;
  return new DynamoDBStreamsClient({
    region: await client.config.region(),
    credentials: client.config.credentials,
    endpoint: endpoint
      ? `${endpoint.protocol}//${endpoint.hostname}${endpoint.port ? `:${endpoint.port}` : ''}${endpoint.path}`
      : undefined,
  });
}

const stderrLog: Log = {
  debug() {},
  info() {},
  warn: (message, ...extra) => writeStderr('WARN', message, extra),
  error: (message, ...extra) => writeStderr('ERROR', message, extra),
};

function writeStderr(level: string, message: string, extra: Record<string, unknown>[]): void {
  const fields = Object.assign({}, ...extra) as Record<string, unknown>;
  const error = fields.error instanceof Error ? { error: fields.error.message } : {};
  process.stderr.write(`${JSON.stringify({ level, message, ...fields, ...error })}\n`);
}
