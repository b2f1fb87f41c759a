/**
 * Every gap in emulator-gaps.json still exists in the installed moto (so a fixed moto makes its
 * entry, and its patch, go), and moto_launcher.py's patches close the patched ones. Runs moto in
 * process: no server, no port.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { emulatorMissing } from '../../scripts/rehearse/emulator';
import { loadGaps } from '../../scripts/rehearse/gaps';

const REHEARSE = path.join(__dirname, '..', '..', 'scripts', 'rehearse');
const missing = emulatorMissing();

function python(args: string[], input?: string): string {
  // No __pycache__ beside the sources: importing moto_launcher would write one.
  const env = { ...process.env, PYTHONDONTWRITEBYTECODE: '1' };
  const run = spawnSync('python3', args, { cwd: REHEARSE, encoding: 'utf8', input, env });
  if (run.status !== 0) throw new Error(`python3 ${args.join(' ')} failed:\n${run.stderr}`);
  return run.stdout;
}

type Probe = { present: boolean; observed: string };

/** Every gap probed by one python3 (importing moto takes a second or more), each on a fresh account. */
function probeAll(patched: boolean): Record<string, Probe> {
  return JSON.parse(python(['gap_probes.py', ...(patched ? ['--patched'] : []), '--all'])) as Record<string, Probe>;
}

if (missing && process.env.CI) {
  test('moto is installed', () => {
    throw new Error(missing);
  });
} else if (missing) {
  // eslint-disable-next-line no-console
  console.warn(`SKIPPED emulator gap probes: ${missing}`);
  test.skip(`emulator gap probes (skipped: ${missing})`, () => undefined);
} else {
  const gaps = loadGaps();

  test('each gap has a probe, and each probe a gap', () => {
    expect(python(['gap_probes.py', '--list']).trim().split('\n')).toEqual(gaps.map((g) => g.id).sort());
  });

  let unpatched: Record<string, Probe> = {};
  let patched: Record<string, Probe> = {};
  beforeAll(() => {
    unpatched = probeAll(false);
    patched = probeAll(true);
  });

  describe.each(gaps.map((g) => [g.id, g] as const))('%s', (_, gap) => {
    test('still exists in the installed moto', () => {
      expect({ id: gap.id, ...unpatched[gap.id] }).toEqual({
        id: gap.id,
        present: true,
        observed: expect.any(String),
      });
    });

    if (gap.kind === 'patched') {
      test("is closed by moto_launcher.py's patch", () => {
        expect({ id: gap.id, present: patched[gap.id]?.present }).toEqual({ id: gap.id, present: false });
      });
    }
  });

  describe("the launcher's bucket policy conditions, evaluated as IAM does", () => {
    // [operator, expected values, the request's value (null: key absent), whether it holds].
    // An absent key meets ...IfExists and negated operators, and fails the others.
    const cases: [string, string[], string | null, boolean][] = [
      ['Bool', ['false'], 'true', false],
      ['Bool', ['false'], 'false', true],
      ['StringNotEqualsIfExists', ['aws:kms'], null, true],
      ['StringNotEqualsIfExists', ['aws:kms'], 'AES256', true],
      ['StringNotEqualsIfExists', ['aws:kms'], 'aws:kms', false],
      ['StringNotEquals', ['123456789012'], null, true],
      ['StringNotEquals', ['123456789012'], '111122223333', true],
      ['StringNotEquals', ['123456789012'], '123456789012', false],
      ['Null', ['false'], null, false],
      ['Null', ['false'], 'AES256', true],
      ['ArnNotLike', ['arn:aws:iam::123456789012:role/state-*'], 'arn:aws:iam::123456789012:role/state-reader', false],
      ['StringEquals', ['x'], null, false],
    ];
    // One python3 for every case: importing moto takes a second or more.
    let results: boolean[] = [];
    beforeAll(() => {
      const script = [
        'import json, sys, moto_launcher',
        'cases = json.load(sys.stdin)',
        'hold = lambda op, expected, actual: moto_launcher._conditions_hold(',
        '    {op: {"k": expected}}, {} if actual is None else {"k": actual})',
        'print(json.dumps([hold(op, expected, actual) for op, expected, actual, _ in cases]))',
      ].join('\n');
      results = JSON.parse(python(['-c', script], JSON.stringify(cases))) as boolean[];
    });

    test.each(cases.map((c, i) => [...c, i] as const))('%s %j against %j holds: %s', (_o, _e, _a, holds, i) => {
      expect(results[i]).toBe(holds);
    });
  });
}
