/**
 * The two shortcuts `main.ts` takes to synthesize faster (stacks/independent-stack.ts,
 * stacks/creation-stacks.ts) change nothing in what it writes: the app synthesized with cdktf's
 * own preparing pass and recorded creation stacks gives the same files, byte for byte. A
 * cross-stack reference added to the app would make the two differ (the preparing pass adds its
 * remote state), and fail here.
 */
import { Lazy } from 'cdktf';
import { recordCreationStacks } from '../../stacks/creation-stacks';
import { freshDir, outputFiles, synthInFreshProcess } from './support/fresh-synth';

test("main.ts writes exactly what cdktf's own preparing pass and creation stacks write", () => {
  // One bundle directory for both: the functions are built once, so only synthesis differs.
  const buildDir = freshDir('bundles');
  const fast = outputFiles(synthInFreshProcess('main.ts', buildDir));
  const asCdktfDoes = outputFiles(synthInFreshProcess('__tests__/stacks/support/synth-as-cdktf-does.ts', buildDir));
  expect(Object.keys(fast).filter((f) => f.endsWith('cdk.tf.json'))).toHaveLength(4);
  expect(Object.keys(fast)).toEqual(Object.keys(asCdktfDoes));
  for (const file of Object.keys(fast))
    expect({ file, content: fast[file] }).toEqual({ file, content: asCdktfDoes[file] });
});

test('creation stacks are recorded only when asked for', () => {
  const token = () => Lazy.anyValue({ produce: () => 1 }) as unknown as { creationStack: string[] };
  try {
    recordCreationStacks(false);
    expect(token().creationStack).toEqual([]);
    recordCreationStacks(true);
    expect(token().creationStack.length).toBeGreaterThan(0);
  } finally {
    recordCreationStacks(true);
  }
});
