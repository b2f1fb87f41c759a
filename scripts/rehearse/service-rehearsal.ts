/**
 * The rehearsal's steps, in the order a user meets them. Each step throws with what it saw when
 * the emulated deploy does not behave as the README says.
 */
import { AppConfig } from '../../config/environments';
import { BOOTSTRAP_STACK_NAME, stackName } from '../../config/naming';
import { EmulatorGap } from './gaps';
import { changeLogRetention, contendForLock, destroyDevRefuseProd } from './lifecycle-steps';
import { Emulator } from './overrides';
import { describeChanges, reviewPlan } from './plan-diff';
import { AccountInspection, SecretValue } from './state-checks';
import { checkEncryption, checkSecrets, checkVersions } from './state-steps';
import { StepRunner } from './steps';
import { PARALLELISM, StackDirectory } from './workspace';

export class ServiceRehearsal {
  private readonly bootstrap: StackDirectory;
  private readonly services: StackDirectory[];
  /** Every secret seen while the stacks lived: dev's are gone from the account after its destroy. */
  private readonly secrets = new Map<string, SecretValue>();

  constructor(
    stacks: readonly StackDirectory[],
    private readonly emulator: Emulator,
    config: AppConfig,
    private readonly gaps: readonly EmulatorGap[],
    private readonly inspect: () => Promise<AccountInspection>,
  ) {
    const named = (name: string) => {
      const stack = stacks.find((s) => s.name === name);
      if (!stack) throw new Error(`the synth produced no stack ${name}`);
      return stack;
    };
    this.bootstrap = named(BOOTSTRAP_STACK_NAME);
    this.services = config.environments.map((e) => named(stackName(e.name)));
  }

  private get all(): StackDirectory[] {
    return [this.bootstrap, ...this.services];
  }

  private service(environment: string): StackDirectory {
    const stack = this.services.find((s) => s.name === stackName(environment));
    if (!stack) throw new Error(`the rehearsal needs the ${environment} stack; synthesize every environment`);
    return stack;
  }

  async run(runner: StepRunner): Promise<void> {
    for (const stack of this.all) stack.pointAt(this.emulator);
    const dev = this.service('dev');
    const prod = this.service('prod');
    await runner.step('1. apply the bootstrap stack (the state bucket)', () => this.apply([this.bootstrap]));
    await runner.step('2. apply every service stack, state in the emulated bucket', () => this.apply(this.services));
    await runner.step('3. state list holds every resource, output every output', () => this.inspectState());
    await runner.step('4. a second plan changes nothing but known emulator gaps', () => this.planAgain());
    this.remember(await this.inspect());
    await runner.step('5. one changed log retention plans exactly one update', () =>
      changeLogRetention(dev, this.gaps),
    );
    await runner.step('6. a second apply is refused while the first holds the lock', () => contendForLock(dev));
    await runner.step('7. dev is destroyed; prod refuses (prevent_destroy)', () => destroyDevRefuseProd(dev, prod));
    let inspection: AccountInspection | undefined;
    await runner.step('8. the state bucket kept earlier state versions', async () => {
      inspection = await this.inspect();
      this.remember(inspection);
      return checkVersions(inspection, dev);
    });
    const read = inspection as AccountInspection;
    await runner.step('9. state is SSE-KMS under the state key; other uploads are refused', async () =>
      checkEncryption(read),
    );
    await runner.step('10. no secret value in any state it wrote', async () =>
      checkSecrets([...this.secrets.values()], read, this.bootstrap),
    );
  }

  private remember(inspection: AccountInspection): void {
    for (const secret of inspection.secrets) this.secrets.set(`${secret.kind}:${secret.name}`, secret);
  }

  private async apply(stacks: readonly StackDirectory[]): Promise<string> {
    // One init at a time: concurrent inits race on the shared provider cache.
    for (const stack of stacks) await stack.mustRun(['init', '-no-color', '-input=false']);
    const counts = await Promise.all(
      stacks.map(async (stack) => {
        await stack.mustRun(['apply', '-no-color', '-auto-approve', PARALLELISM]);
        return `${stack.name} ${(await stack.stateList()).length}`;
      }),
    );
    return `resources in state: ${counts.join(', ')}`;
  }

  private async inspectState(): Promise<string> {
    const problems: string[] = [];
    for (const stack of this.all) {
      const listed = await stack.stateList();
      const missing = stack.addresses.filter((a) => !listed.includes(a));
      const extra = listed.filter((a) => !stack.addresses.includes(a));
      if (missing.length > 0) problems.push(`${stack.name} state lacks ${missing.join(', ')}`);
      if (extra.length > 0) problems.push(`${stack.name} state holds unsynthesized ${extra.join(', ')}`);
      const outputs = await stack.json<Record<string, { value: unknown }>>(['output', '-json']);
      for (const name of stack.outputs) {
        const value = outputs[name]?.value;
        if (value === undefined || value === null || value === '')
          problems.push(`${stack.name} output ${name} is empty`);
      }
    }
    if (problems.length > 0) throw new Error(problems.join('\n'));
    return this.all.map((s) => `${s.name} ${s.addresses.length} in state, ${s.outputs.length} outputs`).join('; ');
  }

  private async planAgain(): Promise<string> {
    const reviews = await Promise.all(
      this.all.map(async (stack) => ({ stack, review: reviewPlan(await stack.planChanges('second.plan'), this.gaps) })),
    );
    const changed = reviews.filter((r) => r.review.unexpected.length > 0);
    if (changed.length > 0) {
      throw new Error(
        changed.map((r) => `${r.stack.name} would change:\n${describeChanges(r.review.unexpected)}`).join('\n'),
      );
    }
    const explained = reviews.flatMap((r) => r.review.explained.map((c) => c.gap));
    const byGap = [...new Set(explained)].map((g) => `${g} x${explained.filter((e) => e === g).length}`);
    return explained.length === 0 ? 'no changes in any stack' : `no changes but known gaps: ${byGap.join(', ')}`;
  }
}
