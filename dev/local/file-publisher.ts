import { appendFile, mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import { EventPublisher, NotificationMessage } from '../../src/notifications/ports';

/**
 * The development server's stand-in for SNS: each message body, exactly as SNS would carry it,
 * becomes one JSON line on the output stream and in the notifications file.
 */
export class FileEventPublisher implements EventPublisher {
  /** Appends one at a time, so lines from concurrent publishes never interleave. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly output: NodeJS.WritableStream = process.stdout,
  ) {}

  publish(message: NotificationMessage): Promise<void> {
    const line = `${JSON.stringify(message)}\n`;
    const write = this.queue.then(async () => {
      await mkdir(path.dirname(this.file), { recursive: true });
      await appendFile(this.file, line, 'utf8');
      this.output.write(line);
    });
    // A failed append fails this publish only, not every later one.
    this.queue = write.catch(() => undefined);
    return write;
  }
}
