/**
 * The bench's memory: each run is compared with the previous one (bench/results/latest.json,
 * before it is overwritten). A figure whose ratio to its floor grew by more than 20% is flagged.
 * Ratios, not raw values, because both runs measured their floor on their own (possibly busier)
 * machine: the ratio is what a code change moves.
 */
import { existsSync, readFileSync } from 'node:fs';
import { Figure } from './figures';

/** How much worse than the previous run's ratio a figure may get before it is flagged. */
export const REGRESSION_TOLERANCE = 0.2;

export interface Regression {
  readonly section: string;
  readonly name: string;
  readonly previousRatio: number;
  readonly ratio: number;
  /** One line for the report. */
  readonly line: string;
}

const keyOf = (figure: Pick<Figure, 'section' | 'name'>) => `${figure.section} / ${figure.name}`;

/** Figures of `current` whose ratio exceeds the same figure's ratio in `previous` by more than 20%. */
export function regressions(current: readonly Figure[], previous: readonly Figure[]): Regression[] {
  const before = new Map(previous.filter((f) => typeof f.ratio === 'number').map((f) => [keyOf(f), f.ratio as number]));
  const found: Regression[] = [];
  for (const figure of current) {
    const previousRatio = before.get(keyOf(figure));
    if (figure.ratio === undefined || previousRatio === undefined || previousRatio <= 0) continue;
    // In basis points, so that exactly 20% worse (1.8 after 1.5) is not flagged by a rounding error.
    const worseBasisPoints = Math.round((figure.ratio / previousRatio - 1) * 10_000);
    if (worseBasisPoints <= REGRESSION_TOLERANCE * 10_000) continue;
    const worse = Math.round(worseBasisPoints / 100);
    found.push({
      section: figure.section,
      name: figure.name,
      previousRatio,
      ratio: figure.ratio,
      line: `${keyOf(figure)}: ${figure.ratio.toFixed(2)}x its floor, ${worse}% worse than the previous run's ${previousRatio.toFixed(2)}x`,
    });
  }
  return found;
}

/** The figures of the previous run, or none when there is no readable one. */
export function previousFigures(file: string): Figure[] {
  if (!existsSync(file)) return [];
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { figures?: Figure[] };
    return Array.isArray(parsed.figures) ? parsed.figures : [];
  } catch {
    return [];
  }
}
