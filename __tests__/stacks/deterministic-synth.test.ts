import { outputFiles, synthInFreshProcess } from './support/fresh-synth';

test('two synths in fresh processes give byte-identical output, asset archives included', () => {
  // Each run rebundles every function from scratch; zips carry fixed timestamps and modes.
  const first = outputFiles(synthInFreshProcess());
  const second = outputFiles(synthInFreshProcess());
  expect(Object.keys(first).filter((f) => f.endsWith('.zip'))).toHaveLength(11 * 3);
  expect(second).toEqual(first);
});
