import { emulatorMissing } from '../../scripts/rehearse/emulator';
import { StepFailure, StepRunner } from '../../scripts/rehearse/steps';

describe('the step runner', () => {
  test('prints a line per step with its time and detail, and a summary', async () => {
    const lines: string[] = [];
    const runner = new StepRunner((line) => lines.push(line));
    await runner.step('apply', async () => '3 resources');
    await expect(
      runner.step('plan', async () => {
        throw new Error('would change x');
      }),
    ).rejects.toThrow(new StepFailure('plan failed'));
    expect(lines).toEqual([
      '... apply',
      expect.stringMatching(/^ok {3}apply \(\d+\.\d s\): 3 resources$/),
      '... plan',
      expect.stringMatching(/^FAIL plan \(\d+\.\d s\): would change x$/),
    ]);
    expect(runner.summary()).toMatch(
      /^Rehearsal summary: 1 of 2 steps failed in \d+\.\d s\n {2}ok +\d+\.\d s {2}apply\n {2}FAIL +\d+\.\d s {2}plan$/,
    );
  });
});

describe('without python3 or moto', () => {
  test('CI fails saying the machine lacks it', () => {
    expect(emulatorMissing({ CI: 'true' }, 'python3-not-installed')).toBe(
      'The deploy rehearsal needs moto on this CI machine: python3-not-installed is not on PATH.',
    );
  });

  test("a user's machine is told what to install", () => {
    expect(emulatorMissing({}, 'python3-not-installed')).toBe(
      "python3-not-installed is not on PATH. Install Python 3 and moto: python3 -m pip install 'moto[server]==5.2.1'",
    );
  });
});
