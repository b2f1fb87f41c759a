import {
  Clock,
  Log,
  ReminderInput,
  ReminderSchedule,
  ReminderScheduler,
  silentLog,
  systemClock,
} from '../../src/notifications/ports';

/** setTimeout's largest delay (about 24.8 days); longer waits are re-armed in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface LocalSchedulerOptions {
  readonly clock?: Clock;
  readonly log?: Log;
  /** Delay before retrying a reminder whose delivery threw. @default 5000 */
  readonly retryDelayMs?: number;
  /** Deliveries tried per reminder before it is given up, like Lambda's asynchronous retries. @default 3 */
  readonly maxAttempts?: number;
}

/**
 * The development server's stand-in for EventBridge Scheduler: one in-process timer per
 * schedule, firing the same reminder-sending code at the due time. Schedules live only as long
 * as the process; the timers are unref'd so they never keep it alive on their own.
 */
export class LocalReminderScheduler implements ReminderScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly clock: Clock;
  private readonly log: Log;
  private stopped = false;

  constructor(
    private readonly deliver: (input: ReminderInput) => Promise<unknown>,
    private readonly options: LocalSchedulerOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.log = options.log ?? silentLog;
  }

  async create(schedule: ReminderSchedule): Promise<void> {
    // Same name, same reminder: like Scheduler's ConflictException, already done.
    if (this.stopped || this.timers.has(schedule.name)) return;
    this.arm(schedule.name, schedule.dueAt.getTime(), schedule.input, 1);
  }

  async delete(name: string): Promise<void> {
    clearTimeout(this.timers.get(name));
    this.timers.delete(name);
  }

  /** Names of the schedules still waiting. */
  pendingNames(): string[] {
    return [...this.timers.keys()];
  }

  /** Cancels every waiting schedule and waits for deliveries already running. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.inFlight]);
  }

  private arm(name: string, dueAtMs: number, input: ReminderInput, attempt: number): void {
    const delay = Math.max(0, dueAtMs - this.clock.now().getTime());
    const timer = setTimeout(
      () => (delay > MAX_TIMER_MS ? this.arm(name, dueAtMs, input, attempt) : this.fire(name, input, attempt)),
      Math.min(delay, MAX_TIMER_MS),
    );
    timer.unref();
    this.timers.set(name, timer);
  }

  private fire(name: string, input: ReminderInput, attempt: number): void {
    this.timers.delete(name);
    const delivery = this.deliver(input).then(
      () => undefined,
      (error: unknown) => {
        const maxAttempts = this.options.maxAttempts ?? 3;
        if (this.stopped || attempt >= maxAttempts) {
          this.log.error('local reminder given up', { name, attempt, error: error as Error });
          return;
        }
        this.log.warn('local reminder failed; retrying', { name, attempt, error: error as Error });
        const retryAt = this.clock.now().getTime() + (this.options.retryDelayMs ?? 5_000);
        this.arm(name, retryAt, input, attempt + 1);
      },
    );
    this.inFlight.add(delivery);
    void delivery.finally(() => this.inFlight.delete(delivery));
  }
}
