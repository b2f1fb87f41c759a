/**
 * The rehearsal's copy of the synthesized stacks: one directory per stack, each with the
 * emulator override written beside cdk.tf.json, and terraform run there.
 */
import { appendFileSync, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { runTerraformAsync, TerraformRun, TerraformTooling } from '../terraform-offline';
import { Emulator, SynthesizedStack, writeEmulatorOverride } from './overrides';
import { PlanJson } from './plan-diff';

export interface SynthesizedStackFile extends SynthesizedStack {
  readonly resource?: Record<string, Record<string, unknown>>;
  readonly data?: Record<string, Record<string, unknown>>;
  readonly output?: Record<string, unknown>;
}

export class StackDirectory {
  readonly synthesized: SynthesizedStackFile;

  constructor(
    readonly name: string,
    readonly dir: string,
    private readonly tooling: TerraformTooling,
    private readonly cliConfig: string,
  ) {
    this.synthesized = JSON.parse(readFileSync(path.join(dir, 'cdk.tf.json'), 'utf8')) as SynthesizedStackFile;
  }

  /** Every address `terraform state list` should show: resources and data sources. */
  get addresses(): string[] {
    const of = (blocks: Record<string, Record<string, unknown>> | undefined, prefix: string) =>
      Object.entries(blocks ?? {}).flatMap(([type, named]) => Object.keys(named).map((n) => `${prefix}${type}.${n}`));
    return [...of(this.synthesized.resource, ''), ...of(this.synthesized.data, 'data.')].sort();
  }

  get outputs(): string[] {
    return Object.keys(this.synthesized.output ?? {}).sort();
  }

  pointAt(emulator: Emulator): void {
    writeEmulatorOverride(this.dir, this.synthesized, emulator);
  }

  /** Runs terraform in the stack's directory; every run's output is kept in its terraform.log. */
  async run(args: string[], onOutput?: (text: string) => void): Promise<TerraformRun & { readonly stdout: string }> {
    const started = new Date().toISOString();
    const run = await runTerraformAsync(this.tooling, this.cliConfig, this.dir, args, onOutput);
    const record = `\n=== ${started} terraform ${args.join(' ')} (exit ${run.status})\n${run.output}`;
    appendFileSync(path.join(this.dir, 'terraform.log'), record);
    return run;
  }

  /** Runs terraform and throws with the end of its output unless it succeeds. */
  async mustRun(args: string[]): Promise<string> {
    const run = await this.run(args);
    if (run.status !== 0) throw new Error(`${this.name}: terraform ${args[0]} failed:\n${tail(run.output)}`);
    return run.output;
  }

  /** The JSON terraform prints on stdout (`output -json`, `show -json <plan>`). */
  async json<T>(args: string[]): Promise<T> {
    const run = await this.run(args);
    if (run.status !== 0) throw new Error(`${this.name}: terraform ${args.join(' ')} failed:\n${tail(run.output)}`);
    return JSON.parse(run.stdout) as T;
  }

  /** Plans with `-detailed-exitcode`: exit 0 is no change at all; exit 2 returns what would change. */
  async planChanges(planFile: string): Promise<PlanJson> {
    const run = await this.run([
      'plan',
      '-no-color',
      '-input=false',
      '-detailed-exitcode',
      PARALLELISM,
      `-out=${planFile}`,
    ]);
    if (run.status === 0) return {};
    if (run.status !== 2) throw new Error(`${this.name}: terraform plan failed:\n${tail(run.output)}`);
    return this.json<PlanJson>(['show', '-json', planFile]);
  }

  /** Addresses in the stack's state, sorted. */
  async stateList(): Promise<string[]> {
    const run = await this.run(['state', 'list', '-no-color']);
    if (run.status !== 0) throw new Error(`${this.name}: terraform state list failed:\n${tail(run.output)}`);
    return run.stdout
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '')
      .sort();
  }
}

export function stackDirectories(stacksDir: string, tooling: TerraformTooling, cliConfig: string): StackDirectory[] {
  return readdirSync(stacksDir)
    .sort()
    .map((name) => new StackDirectory(name, path.join(stacksDir, name), tooling, cliConfig));
}

/** The last lines of terraform's output: where its error is. */
export function tail(output: string, lines = 40): string {
  return output.trimEnd().split('\n').slice(-lines).join('\n');
}

/** Terraform's `-parallelism`: enough requests in flight to keep moto's threads busy. */
export const PARALLELISM = `-parallelism=${process.env.REHEARSAL_PARALLELISM ?? '20'}`;
