/** Small measuring tools: percentiles, and the wall time of a fresh process. */
import { spawn, SpawnOptions } from 'node:child_process';

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

export const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

export interface ProcessTiming {
  readonly wallMs: number;
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Spawns a process and resolves with its wall time from spawn to exit; never rejects. */
export function timeProcess(
  command: string,
  args: readonly string[],
  options: SpawnOptions = {},
): Promise<ProcessTiming> {
  return new Promise((resolve) => {
    const started = nowMs();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', (error) => resolve({ wallMs: nowMs() - started, code: -1, stdout, stderr: error.message }));
    child.once('close', (code) => resolve({ wallMs: nowMs() - started, code, stdout, stderr }));
  });
}

/**
 * Runs every subject once per round, in a shuffled order each round, so that a noisy neighbour
 * slows all of them alike instead of whichever happened to run during the noise.
 */
export async function interleaved<K extends string>(
  subjects: Record<K, () => Promise<number>>,
  rounds: number,
): Promise<Record<K, number[]>> {
  const keys = Object.keys(subjects) as K[];
  const samples = Object.fromEntries(keys.map((key) => [key, [] as number[]])) as unknown as Record<K, number[]>;
  for (let round = 0; round < rounds; round++) {
    const order = [...keys].sort(() => Math.random() - 0.5);
    for (const key of order) samples[key].push(await subjects[key]());
  }
  return samples;
}
