/** Helpers of the dependency-fault tests: timed calls, the child process, and the lock invariant. */
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { heldSlots } from '../../../src/domain/availability/calendar';
import { intervalOf } from '../../../src/domain/booking';
import { holdOfItem } from '../../../src/data/items';
import { ApiHandler } from '../../../src/http/handler';
import { apiEvent, call, EventOptions } from '../../functions/helpers';
import type { ChildRequest } from './stopped-engine-child';

/** The functions' timeout (constructs/functions/service-function.ts): an answer must come before it. */
export const FUNCTION_TIMEOUT_MS = 10_000;

export interface TimedAnswer {
  readonly status: number;
  readonly headers: Record<string, unknown>;
  readonly rawBody: string;
  readonly elapsedMs: number;
}

export async function timedCall(handler: ApiHandler, method: string, options: EventOptions): Promise<TimedAnswer> {
  const startedAt = Date.now();
  const answer = await call(handler, apiEvent(method, options));
  return { ...answer, elapsedMs: Date.now() - startedAt };
}

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

/** Runs the requests in a plain Node process (see stopped-engine-child.ts for why). */
export async function runInChildProcess(
  proxyUrl: string,
  tableName: string,
  requests: readonly ChildRequest[],
): Promise<{ answers: TimedAnswer[]; attempts: number }> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      '--require',
      './scripts/register-ts.js',
      path.join(__dirname, 'stopped-engine-child.ts'),
      proxyUrl,
      tableName,
      JSON.stringify(requests),
    ],
    { cwd: REPO_ROOT, timeout: 30_000 },
  );
  return JSON.parse(stdout) as { answers: TimedAnswer[]; attempts: number };
}

type Item = Record<string, unknown>;

/**
 * Every lock belongs to a CONFIRMED appointment that covers its slot, and every CONFIRMED
 * appointment holds all its locks: never a lock without its appointment nor the reverse.
 */
export function expectLocksMatchAppointments(items: readonly Item[]): number {
  const confirmed = items.filter((item) => item.sk === 'APPOINTMENT' && item.status === 'CONFIRMED');
  const expected = confirmed.flatMap((a) =>
    // The locks of its padded interval, with the buffers it was booked with.
    heldSlots(intervalOf(a as { start: string; end: string }), holdOfItem(a)).map(
      (slot) => `SLOT#clinic-a#${a.providerId}#${slot}=${a.appointmentId}`,
    ),
  );
  const actual = items.filter((item) => item.sk === 'LOCK').map((lock) => `${lock.pk}=${lock.appointmentId}`);
  expect(actual.sort()).toEqual([...expected].sort());
  return expected.length + 1;
}
