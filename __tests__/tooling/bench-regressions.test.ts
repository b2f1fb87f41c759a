/** `npm run bench` flags a figure whose ratio to its floor is more than 20% worse than the previous run's. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Figure } from '../../bench/figures';
import { previousFigures, regressions } from '../../bench/regressions';

const figure = (name: string, ratio: number | undefined): Figure => ({
  section: 'synth',
  name,
  value: 1,
  unit: 'ms',
  ratio,
  verdict: 'PASS',
});

describe('bench regressions', () => {
  it('flags a ratio more than 20% above the previous one, naming it with both ratios', () => {
    const previous = [figure('app synth', 2), figure('cold init', 1.5), figure('bundle', 1)];
    const current = [figure('app synth', 2.41), figure('cold init', 1.8), figure('bundle', 0.5)];
    expect(regressions(current, previous)).toEqual([
      {
        section: 'synth',
        name: 'app synth',
        previousRatio: 2,
        ratio: 2.41,
        line: "synth / app synth: 2.41x its floor, 21% worse than the previous run's 2.00x",
      },
    ]);
  });

  it('passes exactly 20% worse, and ignores figures without a ratio or without a previous one', () => {
    const previous = [figure('at the edge', 2), figure('no ratio now', 1)];
    const current = [figure('at the edge', 2.4), figure('no ratio now', undefined), figure('new figure', 9)];
    expect(regressions(current, previous)).toEqual([]);
  });

  it('reads the previous figures from latest.json, and none when the file is missing or unreadable', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bench-'));
    const file = path.join(dir, 'latest.json');
    expect(previousFigures(file)).toEqual([]);
    writeFileSync(file, '{not json');
    expect(previousFigures(file)).toEqual([]);
    writeFileSync(file, JSON.stringify({ figures: [figure('app synth', 2)] }));
    expect(previousFigures(file)).toEqual([figure('app synth', 2)]);
  });
});
