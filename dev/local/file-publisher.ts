import { appendFile, mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import { EventPublisher, MessageAttributes, NotificationMessage } from '../../src/notifications/ports';
import { checkNotification } from './notification-schema-check';

/**
 * The development server's stand-in for SNS: each message body, exactly as SNS would carry it,
 * becomes one JSON line on the output stream and in the notifications file. A message that does
 * not match its published schema (docs/notifications/) is refused, naming the field, and never
 * written: nothing that reads the file (a client developer, the tests) sees a drifted message.
 */
export class FileEventPublisher implements EventPublisher {
  /** Appends one at a time, so lines from concurrent publishes never interleave. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly output: NodeJS.WritableStream = process.stdout,
  ) {}

  async publish(message: NotificationMessage, attributes: MessageAttributes): Promise<void> {
    checkNotification(message, { ...attributes });
    const line = `${JSON.stringify(message)}\n`;
    const write = this.queue.then(async () => {
      await mkdir(path.dirname(this.file), { recursive: true });
      await appendFile(this.file, line, 'utf8');
      this.output.write(line);
    });
    // A failed append fails this publish only, not every later one.
    this.queue = write.catch(() => undefined);
    await write;
  }
}
