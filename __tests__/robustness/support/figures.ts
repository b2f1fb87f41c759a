/**
 * What the robustness suites ran, for the README's "What we test" table. Each suite writes its
 * own figures to `__tests__/robustness/figures/<suite>.json` (git-ignored) when it finishes,
 * then sums every suite's file into `figures/total.json` and prints the total: the suite that
 * finishes last prints the figures of the whole run.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

const DIRECTORY = path.join(__dirname, '..', 'figures');

export interface Figures {
  /** Hostile requests sent to the handlers or the local server. */
  requestsFuzzed: number;
  /** Faults applied: refused connections, slowed or dropped responses, throttling answers, failing mocks. */
  faultsInjected: number;
  /** Individual invariant checks that passed. */
  invariantsChecked: number;
}

export const newFigures = (): Figures => ({ requestsFuzzed: 0, faultsInjected: 0, invariantsChecked: 0 });

export function recordFigures(suite: string, figures: Figures): Figures {
  mkdirSync(DIRECTORY, { recursive: true });
  const entry = { suite, finishedAt: new Date().toISOString(), ...figures };
  writeFileSync(path.join(DIRECTORY, `${suite}.json`), `${JSON.stringify(entry, null, 2)}\n`);
  const total = newFigures();
  const suites: string[] = [];
  for (const file of readdirSync(DIRECTORY).filter((name) => name.endsWith('.json') && name !== 'total.json')) {
    const recorded = JSON.parse(readFileSync(path.join(DIRECTORY, file), 'utf8')) as Figures & { suite: string };
    suites.push(recorded.suite);
    total.requestsFuzzed += recorded.requestsFuzzed;
    total.faultsInjected += recorded.faultsInjected;
    total.invariantsChecked += recorded.invariantsChecked;
  }
  writeFileSync(
    path.join(DIRECTORY, 'total.json'),
    `${JSON.stringify({ suites: suites.sort(), ...total }, null, 2)}\n`,
  );
  process.stdout.write(
    `robustness figures after ${suite}: ${JSON.stringify(figures)}; all suites so far: ${JSON.stringify(total)}\n`,
  );
  return total;
}
