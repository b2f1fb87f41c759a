/** Steps 5-7: change one setting, contend for the state lock, destroy (and be refused). */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { LOG_RETENTION_DAYS } from '../../config/resolve';
import { EmulatorGap } from './gaps';
import { describeChanges, reviewPlan } from './plan-diff';
import { PARALLELISM, StackDirectory, SynthesizedStackFile, tail } from './workspace';

const LOCK_ERROR = /Error acquiring the state lock/;
const LOCK_HELD = /Refreshing state\.\.\./;
const PREVENT_DESTROY = /Instance cannot be destroyed[\s\S]*prevent_destroy/;

/**
 * The log group whose retention the rehearsal changes, and its new value. It is one that no data
 * source reads: Terraform defers a data source that references a resource with pending changes to
 * apply time, so an `aws_iam_policy_document` naming the group's ARN would plan its role policy as
 * "(known after apply)" too: a second, harmless but real, update.
 */
export function retentionChange(stack: SynthesizedStackFile): { address: string; from: number; to: number } {
  const dataSources = JSON.stringify(stack.data ?? {});
  const groups = Object.entries(stack.resource?.aws_cloudwatch_log_group ?? {})
    .filter(([name]) => !dataSources.includes(`aws_cloudwatch_log_group.${name}.`))
    .sort(([a], [b]) => a.localeCompare(b));
  if (groups.length === 0) throw new Error('no log group that no data source reads');
  const [name, group] = groups[0];
  const from = Number((group as { retention_in_days?: number }).retention_in_days);
  const to = LOG_RETENTION_DAYS.find((days) => days > from) ?? LOG_RETENTION_DAYS[0];
  return { address: `aws_cloudwatch_log_group.${name}`, from, to };
}

/** Step 5: the one change a user makes most often, seen by the plan as exactly one update. */
export async function changeLogRetention(stack: StackDirectory, gaps: readonly EmulatorGap[]): Promise<string> {
  const change = retentionChange(stack.synthesized);
  const [type, name] = change.address.split('.');
  const override = { resource: { [type]: { [name]: { retention_in_days: change.to } } } };
  writeFileSync(path.join(stack.dir, 'retention_change_override.tf.json'), JSON.stringify(override, null, 2));
  const { unexpected } = reviewPlan(await stack.planChanges('retention.plan'), gaps);
  const [only] = unexpected;
  if (
    unexpected.length !== 1 ||
    only.address !== change.address ||
    only.actions.join() !== 'update' ||
    only.attributes.join() !== 'retention_in_days'
  ) {
    throw new Error(
      `expected one update of ${change.address} (retention_in_days), got:\n${describeChanges(unexpected)}`,
    );
  }
  return `${change.address}: retention_in_days ${change.from} -> ${change.to}, nothing else`;
}

/**
 * Step 6: applies the retention change, and while that apply holds the S3 lock file (it is
 * refreshing), starts a second apply that must fail on the lock. Two refreshes at a time keep the
 * first apply inside its lock long enough to be seen there.
 */
export async function contendForLock(stack: StackDirectory): Promise<string> {
  let second: ReturnType<StackDirectory['run']> | undefined;
  const first = stack.run(['apply', '-no-color', '-auto-approve', '-parallelism=2'], (text) => {
    if (second === undefined && LOCK_HELD.test(text)) {
      second = stack.run(['apply', '-no-color', '-auto-approve', '-lock-timeout=0s']);
    }
  });
  const holder = await first;
  if (holder.status !== 0) throw new Error(`the first apply failed:\n${tail(holder.output)}`);
  if (second === undefined) throw new Error('the first apply never refreshed: the lock was not seen held');
  const contender = await second;
  if (contender.status === 0 || !LOCK_ERROR.test(contender.output)) {
    throw new Error(
      `the second apply was not refused on the lock (exit ${contender.status}):\n${tail(contender.output)}`,
    );
  }
  const change = retentionChange(stack.synthesized);
  const shown = await stack.mustRun(['state', 'show', '-no-color', change.address]);
  if (!new RegExp(`retention_in_days\\s*=\\s*${change.to}\\b`).test(shown)) {
    throw new Error(`after the apply, ${change.address} does not hold retention_in_days = ${change.to}`);
  }
  return `second apply: "Error acquiring the state lock"; first applied retention ${change.to}`;
}

/** Addresses of the resources whose `lifecycle.prevent_destroy` is true, sorted. */
export function protectedAddresses(stack: SynthesizedStackFile): string[] {
  return Object.entries(stack.resource ?? {})
    .flatMap(([type, named]) =>
      Object.entries(named)
        .filter(([, r]) => (r as { lifecycle?: { prevent_destroy?: boolean } }).lifecycle?.prevent_destroy === true)
        .map(([name]) => `${type}.${name}`),
    )
    .sort();
}

/** Step 7: dev goes entirely; prod's protected resources make its destroy fail before it starts. */
export async function destroyDevRefuseProd(dev: StackDirectory, prod: StackDirectory): Promise<string> {
  const [devRun, prodRun] = await Promise.all([
    dev.run(['destroy', '-no-color', '-auto-approve', PARALLELISM]),
    prod.run(['destroy', '-no-color', '-auto-approve', PARALLELISM]),
  ]);
  if (devRun.status !== 0) throw new Error(`dev destroy failed:\n${tail(devRun.output)}`);
  const devLeft = await dev.stateList();
  if (devLeft.length > 0) throw new Error(`dev destroy left ${devLeft.join(', ')}`);
  if (prodRun.status === 0 || !PREVENT_DESTROY.test(prodRun.output)) {
    throw new Error(
      `prod destroy was not refused by prevent_destroy (exit ${prodRun.status}):\n${tail(prodRun.output)}`,
    );
  }
  const prodLeft = await prod.stateList();
  if (prodLeft.length !== prod.addresses.length) {
    throw new Error(
      `the refused prod destroy still changed its state: ${prodLeft.length} of ${prod.addresses.length} left`,
    );
  }
  const refused = [...prodRun.output.matchAll(/Resource (\S+) has\s+lifecycle\.prevent_destroy/g)].map((m) => m[1]);
  // Terraform names the protected resources it meets first; those that others depend on it
  // never reaches. Each one it names must be protected, and the state must keep them all.
  const protectedInProd = protectedAddresses(prod.synthesized);
  const unprotected = refused.filter((address) => !protectedInProd.includes(address));
  if (refused.length === 0 || unprotected.length > 0) {
    throw new Error(
      `prod's refusal names ${refused.join(', ') || 'nothing'}; protected are ${protectedInProd.join(', ')}`,
    );
  }
  return (
    `dev state empty; prod refused (prevent_destroy on ${[...new Set(refused)].sort().join(', ')}), ` +
    `its state keeps all ${prodLeft.length}`
  );
}
