/** One measured figure with its floor, ratio and target, and the table they are printed in. */
import * as os from 'node:os';

export type Verdict = 'PASS' | 'MISS' | 'INFO';

export interface Figure {
  readonly section: string;
  readonly name: string;
  /** The measured value, in `unit`. */
  readonly value: number;
  readonly unit: string;
  /** The floor it is measured against in the same run, in the same unit. */
  readonly floor?: number;
  /** value / floor (or, where the target is a difference, value - floor: see `target`). */
  readonly ratio?: number;
  /** The target in words, e.g. "<= 2.5x floor". */
  readonly target?: string;
  readonly verdict: Verdict;
  /** What the figure means or what limits it; required on a MISS. */
  readonly note?: string;
}

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGb: number;
  readonly node: string;
  readonly platform: string;
}

export function machine(): Machine {
  return {
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.cpus().length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

export const describeMachine = (m: Machine) =>
  `${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB, Node ${m.node}, ${m.platform}`;

/** A target on the ratio: PASS when `ratio <= limit`. */
export function ratioFigure(
  base: Omit<Figure, 'ratio' | 'verdict' | 'target'> & { floor: number },
  limit: number,
  missNote?: string,
): Figure {
  const ratio = base.value / base.floor;
  const pass = ratio <= limit;
  return {
    ...base,
    ratio,
    target: `<= ${limit}x floor`,
    verdict: pass ? 'PASS' : 'MISS',
    note: pass ? base.note : [base.note, missNote].filter(Boolean).join(' '),
  };
}

const number = (n: number | undefined, unit = '') => {
  if (n === undefined || Number.isNaN(n)) return '';
  if (Number.isInteger(n)) return unit ? `${n} ${unit}` : String(n);
  const text = Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 10 ? n.toFixed(1) : n.toFixed(2);
  return unit ? `${text} ${unit}` : text;
};

const columns = ['section', 'figure', 'value', 'floor', 'ratio', 'target', 'result', 'note'] as const;

function rows(figures: readonly Figure[]): string[][] {
  return figures.map((f) => [
    f.section,
    f.name,
    number(f.value, f.unit),
    number(f.floor, f.unit),
    f.ratio === undefined ? '' : `${number(f.ratio)}x`,
    f.target ?? '',
    f.verdict,
    f.note ?? '',
  ]);
}

export function markdownTable(figures: readonly Figure[]): string {
  const escape = (cell: string) => cell.replace(/\|/g, '\\|');
  const lines = [`| ${columns.join(' | ')} |`, `| ${columns.map(() => '---').join(' | ')} |`];
  for (const row of rows(figures)) lines.push(`| ${row.map(escape).join(' | ')} |`);
  return lines.join('\n');
}

/** A plain-text table for the terminal; the note column is left unpadded at the end. */
export function consoleTable(figures: readonly Figure[]): string {
  const all = [columns.map(String), ...rows(figures)];
  const widths = columns.map((_, i) => (i === columns.length - 1 ? 0 : Math.max(...all.map((row) => row[i].length))));
  return all
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
