/**
 * What Stryker's instrumented code recorded, so that a cached synthesis still counts for the test
 * that reads it. Stryker attributes a mutant to the tests during which its code ran; a synthesis
 * taken from a cache runs no construct code, so the hits recorded when it was made are added
 * again for each reader. Outside a Stryker run there is no instrumenter context and these do
 * nothing.
 */

/** Hits by mutant id. */
export type MutantHits = Record<string, number>;

interface InstrumenterContext {
  currentTestId?: string;
  mutantCoverage?: { static: MutantHits; perTest: Record<string, MutantHits> };
}

function currentBucket(): MutantHits | undefined {
  const context = (globalThis as { __stryker__?: InstrumenterContext }).__stryker__;
  const coverage = context?.mutantCoverage;
  if (!context || !coverage) return undefined;
  if (context.currentTestId === undefined) return coverage.static;
  return (coverage.perTest[context.currentTestId] ??= {});
}

/** Runs `make` and returns its value with the hits it recorded in the current bucket. */
export function recordingMutantHits<T>(make: () => T): { value: T; hits: MutantHits } {
  const before = { ...currentBucket() };
  const value = make();
  const hits: MutantHits = {};
  for (const [id, count] of Object.entries(currentBucket() ?? {})) {
    if (count > (before[id] ?? 0)) hits[id] = count - (before[id] ?? 0);
  }
  return { value, hits };
}

/** Records these hits again, for the test (or shared setup) that is running now. */
export function replayMutantHits(hits: MutantHits): void {
  const bucket = currentBucket();
  if (!bucket) return;
  for (const [id, count] of Object.entries(hits)) bucket[id] = (bucket[id] ?? 0) + count;
}
