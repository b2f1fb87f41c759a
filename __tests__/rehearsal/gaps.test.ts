import { loadGaps, parseGaps } from '../../scripts/rehearse/gaps';

const gapFile = (gaps: unknown[]) => JSON.stringify({ gaps });
const drift = { id: 'x', kind: 'plan-drift', moto: 'drops X', resourceType: 'aws_lambda_function', attributes: ['a'] };

describe('the emulator gap file', () => {
  test('the repository file parses, and says for each gap what moto does wrong', () => {
    const gaps = loadGaps();
    expect(gaps.length).toBeGreaterThan(0);
    for (const gap of gaps) expect(gap.moto.length).toBeGreaterThan(40);
  });

  test('a plan-drift gap keeps its resource type and attributes', () => {
    expect(parseGaps(gapFile([drift]))).toEqual([drift]);
  });

  test.each([
    ['not a list', '{"gaps": {}}', 'emulator gaps: expected {"gaps": [...]}'],
    ['a bad id', gapFile([{ ...drift, id: 'Bad Id' }]), 'emulator gaps[0]: id must be kebab-case'],
    ['a duplicate id', gapFile([drift, drift]), 'emulator gaps[1]: duplicate id "x"'],
    [
      'no moto text',
      gapFile([{ ...drift, moto: ' ' }]),
      'emulator gaps[0] (x): "moto" must say what the emulator does wrong',
    ],
    [
      'an unknown kind',
      gapFile([{ ...drift, kind: 'ignored' }]),
      'emulator gaps[0] (x): kind must be patched, plan-drift or unsupported',
    ],
    [
      'no resource type',
      gapFile([{ ...drift, resourceType: 'lambda' }]),
      'emulator gaps[0] (x): a plan-drift gap names its resourceType',
    ],
    [
      'no attributes',
      gapFile([{ ...drift, attributes: [] }]),
      'emulator gaps[0] (x): a plan-drift gap lists the attributes it lets change',
    ],
  ])('refuses %s', (_, text, message) => {
    expect(() => parseGaps(text)).toThrow(message);
  });
});
