/** Runs the rehearsal's steps in order, one line per step with its time, and a summary at the end. */

export interface StepResult {
  readonly name: string;
  readonly ok: boolean;
  readonly seconds: number;
  readonly detail: string;
}

export class StepFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StepFailure';
  }
}

export class StepRunner {
  private readonly results: StepResult[] = [];
  private readonly started = Date.now();

  constructor(private readonly print: (line: string) => void = (line) => process.stdout.write(`${line}\n`)) {}

  /** Runs one step; its returned string is the step's detail. A failure stops the rehearsal. */
  async step(name: string, run: () => Promise<string>): Promise<void> {
    const start = Date.now();
    this.print(`... ${name}`);
    try {
      const detail = await run();
      this.record({ name, ok: true, seconds: (Date.now() - start) / 1000, detail });
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      this.record({ name, ok: false, seconds: (Date.now() - start) / 1000, detail });
      throw new StepFailure(`${name} failed`);
    }
  }

  private record(result: StepResult): void {
    this.results.push(result);
    const mark = result.ok ? 'ok  ' : 'FAIL';
    this.print(`${mark} ${result.name} (${result.seconds.toFixed(1)} s)${result.detail ? `: ${result.detail}` : ''}`);
  }

  /** The summary: every step with its time, and the total. */
  summary(): string {
    const total = (Date.now() - this.started) / 1000;
    const failed = this.results.filter((r) => !r.ok).length;
    const lines = this.results.map(
      (r) => `  ${r.ok ? 'ok  ' : 'FAIL'} ${r.seconds.toFixed(1).padStart(6)} s  ${r.name}`,
    );
    const verdict =
      failed === 0 ? `${this.results.length} steps passed` : `${failed} of ${this.results.length} steps failed`;
    return [`Rehearsal summary: ${verdict} in ${total.toFixed(1)} s`, ...lines].join('\n');
  }
}
