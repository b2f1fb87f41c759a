/**
 * Reads `terraform show -json` of a plan: what would change, attribute by attribute, and which of
 * it the gap file explains. Pure, so that its rules are tested without an emulator.
 */
import { EmulatorGap } from './gaps';

export interface PlannedChange {
  readonly address: string;
  readonly mode: string;
  readonly type: string;
  readonly change: {
    readonly actions: readonly string[];
    readonly before?: unknown;
    readonly after?: unknown;
    readonly after_unknown?: unknown;
  };
}

export interface PlanJson {
  readonly resource_changes?: readonly PlannedChange[];
  readonly output_changes?: Readonly<Record<string, { readonly actions: readonly string[] }>>;
}

export interface Change {
  readonly address: string;
  readonly actions: readonly string[];
  /** Top-level attributes whose value changes or becomes unknown. */
  readonly attributes: readonly string[];
}

export interface PlanReview {
  /** Changes the gap file does not explain: each one fails the rehearsal. */
  readonly unexpected: readonly Change[];
  /** Changes a plan-drift gap explains, with that gap's id. */
  readonly explained: readonly (Change & { readonly gap: string })[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The top-level attributes that differ between `before` and `after`, or that become unknown. */
export function changedAttributes(change: PlannedChange['change']): string[] {
  const before = isRecord(change.before) ? change.before : {};
  const after = isRecord(change.after) ? change.after : {};
  const unknown = isRecord(change.after_unknown) ? change.after_unknown : {};
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  const becomesUnknown = (name: string) => JSON.stringify(unknown[name] ?? false).includes('true');
  return [...names]
    .filter(
      (name) => JSON.stringify(before[name] ?? null) !== JSON.stringify(after[name] ?? null) || becomesUnknown(name),
    )
    .sort();
}

/** Every change a plan holds (no-ops and data-source reads left out). */
export function plannedChanges(plan: PlanJson): Change[] {
  const resources = (plan.resource_changes ?? [])
    .filter((c) => c.mode === 'managed' && !(c.change.actions.length === 1 && c.change.actions[0] === 'no-op'))
    .map((c) => ({ address: c.address, actions: c.change.actions, attributes: changedAttributes(c.change) }));
  const outputs = Object.entries(plan.output_changes ?? {})
    .filter(([, c]) => !(c.actions.length === 1 && c.actions[0] === 'no-op'))
    .map(([name, c]) => ({ address: `output.${name}`, actions: c.actions, attributes: [] }));
  return [...resources, ...outputs];
}

/**
 * Splits a plan's changes into those a plan-drift gap explains (an in-place update of that
 * resource type touching only the gap's attributes) and the rest.
 */
export function reviewPlan(plan: PlanJson, gaps: readonly EmulatorGap[]): PlanReview {
  const unexpected: Change[] = [];
  const explained: (Change & { gap: string })[] = [];
  const typeOf = new Map((plan.resource_changes ?? []).map((c) => [c.address, c.type]));
  for (const change of plannedChanges(plan)) {
    const gap = gaps.find(
      (g) =>
        g.kind === 'plan-drift' &&
        g.resourceType === typeOf.get(change.address) &&
        change.actions.length === 1 &&
        change.actions[0] === 'update' &&
        change.attributes.every((a) => g.attributes.includes(a)),
    );
    if (gap) explained.push({ ...change, gap: gap.id });
    else unexpected.push(change);
  }
  return { unexpected, explained };
}

/** One line per change, for failure messages: `update aws_x.y (a, b)`. */
export function describeChanges(changes: readonly Change[]): string {
  return changes.map((c) => `${c.actions.join('+')} ${c.address} (${c.attributes.join(', ') || '-'})`).join('\n');
}
